package dev.falcoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options the {@code ./falcoc} launcher picks per command line (its dry run prints them):
 * C1 only for checks and ordinary replays, tiered for live runs and replays of 512 MiB or more
 * (a gzip capture counted at five times its size), never the AOT cache's training data, and no
 * transparent huge pages for the long-lived commands.
 */
class LauncherTest {
    private static final long MIB = 1024 * 1024;
    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    private static final String THP = "-XX:+UseTransparentHugePages";

    @TempDir
    Path dir;

    private static List<String> options(String... args) throws IOException, InterruptedException {
        Path launcher = Path.of("").toAbsolutePath().getParent().resolve("falcoc");
        List<String> cmd = new ArrayList<>(List.of("bash", launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("FALCOC_LAUNCH_DRY_RUN", "1");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().toList();
    }

    /** A sparse file of {@code size} bytes (no disk blocks), starting with {@code head}. */
    private Path file(String name, long size, byte... head) throws IOException {
        Path f = dir.resolve(name);
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
            r.write(head);
            r.setLength(size);
        }
        return f;
    }

    private static void assertNoTraining(List<String> opts) {
        assertTrue(opts.contains("-XX:-AOTReplayTraining"), opts::toString);
        assertTrue(opts.indexOf("-XX:+UnlockDiagnosticVMOptions") >= 0
                && opts.indexOf("-XX:+UnlockDiagnosticVMOptions") < opts.indexOf("-XX:-AOTReplayTraining"), opts::toString);
    }

    @Test
    void checksAndOrdinaryReplaysRunC1Only() throws Exception {
        Path small = file("small.scap", 93 * MIB);
        for (List<String> o : List.of(
                options("check", "rules.yaml"),
                options("run", "--replay", small.toString(), "-r", "rules.yaml"),
                options("run", "-e", small.toString(), "-r", "rules.yaml"),
                options("run", "--replay", dir.resolve("missing.scap").toString(), "-r", "rules.yaml"))) {
            assertTrue(o.contains(C1_ONLY), o::toString);
            assertNoTraining(o);
        }
    }

    @Test
    void replaysOf512MibOrMoreRunTiered() throws Exception {
        Path large = file("large.scap", 512 * MIB);
        Path below = file("below.scap", 512 * MIB - 1);
        for (List<String> o : List.of(
                options("run", "--replay", large.toString(), "-r", "rules.yaml"),
                options("run", "--replay=" + large, "-r", "rules.yaml"),
                options("run", "-r", "rules.yaml", "-e" + large),
                options("run", "-e", large.toString(), "-o", "json_output=true"))) {
            assertFalse(o.contains(C1_ONLY), o::toString);
            assertNoTraining(o);
        }
        assertTrue(options("run", "--replay", below.toString()).contains(C1_ONLY));
    }

    @Test
    void gzipCapturesCountAtFiveTimesTheirSize() throws Exception {
        byte[] gzip = {0x1f, (byte) 0x8b, 8, 0};
        Path big = file("big.scap.gz", 103 * MIB, gzip);      // ~515 MiB of events
        Path small = file("small.scap.gz", 102 * MIB, gzip);  // ~510 MiB
        Path plain = file("plain.scap", 103 * MIB, new byte[] {0x0a, 0x0d, 0x0d, 0x0a});
        assertFalse(options("run", "--replay", big.toString()).contains(C1_ONLY));
        assertTrue(options("run", "--replay", small.toString()).contains(C1_ONLY));
        assertTrue(options("run", "--replay", plain.toString()).contains(C1_ONLY));
    }

    @Test
    void longLivedCommandsRunTieredOrWithoutHugePages() throws Exception {
        List<String> live = options("run", "-r", "rules.yaml");
        assertFalse(live.contains(C1_ONLY), live::toString);
        assertFalse(live.contains(THP), live::toString);
        assertNoTraining(live);
        List<String> lsp = options("lsp");
        assertFalse(lsp.contains(THP), lsp::toString);
        // help and version of run are short-lived, not a live capture
        assertTrue(options("run", "--help").contains(C1_ONLY));
        assertTrue(Files.isRegularFile(Path.of("").toAbsolutePath().getParent().resolve("falcoc")));
    }
}
