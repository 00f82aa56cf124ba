package dev.falcoc.runtime.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.falcoc.runtime.output.Alert;
import dev.falcoc.runtime.output.FileOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kept-alive file output with buffered_outputs false holds nothing back: a killed falcoc loses no alert. */
class FileOutputFlushTest {
    @TempDir Path dir;

    @Test
    void everyAlertIsOnDiskBeforeTheNext() throws Exception {
        Path f = dir.resolve("alerts.txt");
        FileOutput o = new FileOutput(f, true, true);
        for (int i = 0; i < 3; i++) {
            o.output(new Alert("r", null, "syscall", i, "alert " + i + " " + "x".repeat(100)));
            // read while the output is still open, as after a SIGKILL: complete lines only
            List<String> lines = Files.readAllLines(f);
            assertEquals(i + 1, lines.size());
            assertEquals("alert " + i + " " + "x".repeat(100), lines.getLast());
        }
        o.close();
    }
}
