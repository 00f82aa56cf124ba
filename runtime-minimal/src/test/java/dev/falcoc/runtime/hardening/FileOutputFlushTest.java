package dev.falcoc.runtime.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** Buffered (buffered_outputs true): what reaches the file at any moment is whole lines, and close writes the rest. */
    @Test
    void bufferedAlertsReachTheFileAsWholeLinesOnly() throws Exception {
        Path f = dir.resolve("buffered.txt");
        FileOutput o = new FileOutput(f, true, false);
        int n = 5000;
        for (int i = 0; i < n; i++) {
            // odd-sized lines so that buffer boundaries fall inside lines if lines were split
            o.output(new Alert("r", null, "syscall", i, "{\"n\":" + i + ",\"pad\":\"" + "y".repeat(i % 97) + "\"}"));
            if (i % 500 == 0) {
                String seen = Files.readString(f);
                assertTrue(seen.isEmpty() || seen.endsWith("\n"), "a partial line reached the file after alert " + i);
            }
        }
        assertTrue(Files.size(f) > 0, "64 KiB of alerts were pending: some must have been written");
        o.close();
        List<String> lines = Files.readAllLines(f);
        assertEquals(n, lines.size());
        for (int i = 0; i < n; i++) assertTrue(lines.get(i).startsWith("{\"n\":" + i + ","), lines.get(i));
    }
}
