package dev.falcoc.testrules;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Locates ../shared (the oracle data); tests that need it skip loudly when it is absent. */
final class SharedData {
    private SharedData() {}

    static Path shared() {
        String p = System.getProperty("falcoc.shared");
        Path path = p == null ? Path.of("..", "..", "shared") : Path.of(p);
        if (!Files.isDirectory(path.resolve("oracle"))) {
            System.err.println("!!! SKIPPING oracle tests: no shared/ oracle data at " + path.toAbsolutePath()
                    + " (CI always has it beside the checkout)");
            Assumptions.abort("shared oracle data not found at " + path.toAbsolutePath());
        }
        return path;
    }
}
