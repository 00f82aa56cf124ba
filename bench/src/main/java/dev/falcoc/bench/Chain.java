package dev.falcoc.bench;

import dev.falcoc.compiler.engine.RulesEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The official chain falco_rules -> incubating -> sandbox, read into memory once. The directory
 * comes from -Dfalcoc.rules (default ../shared/rules, as seen from the repository root).
 */
final class Chain {
    static final List<String> FILES = List.of("falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml");

    private final String[] names = new String[FILES.size()];
    private final String[] contents = new String[FILES.size()];

    Chain() {
        Path dir = Path.of(System.getProperty("falcoc.rules", "../shared/rules"));
        for (int i = 0; i < FILES.size(); i++) {
            Path p = dir.resolve(FILES.get(i));
            names[i] = p.toString();
            try {
                contents[i] = Files.readString(p);
            } catch (IOException e) {
                throw new UncheckedIOException("rules chain not found; pass -Dfalcoc.rules=DIR", e);
            }
        }
    }

    /** Loads the files in order into a fresh engine, as `falcoc check` does. */
    RulesEngine load() {
        RulesEngine engine = new RulesEngine();
        for (int i = 0; i < names.length; i++) engine.load(names[i], contents[i]);
        return engine;
    }
}
