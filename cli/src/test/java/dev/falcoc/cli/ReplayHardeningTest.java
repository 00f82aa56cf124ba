package dev.falcoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `falcoc run` as a child process on large synthetic captures (a public trace repeated with
 * ../shared/tools/scap_inflate.py): SIGTERM in the middle of a replay loses no alert and cuts none in
 * half; the official rules get through 10^7 events within a fixed heap. Skipped loudly without
 * ../shared or python3.
 */
class ReplayHardeningTest {
    /** Events of the load test: 10^7 by default, -Dfalcoc.load.events=N to change. */
    static final long LOAD_EVENTS = Long.getLong("falcoc.load.events", 10_000_000L);
    /** The heap the load test allows falcoc (measured need: 48 MiB). */
    static final String LOAD_HEAP = "-Xmx96m";
    static final int EVENTS_PER_ROUND = 3138; // psp_run_as_user_0_container.scap after the seams are trimmed (3,138.3 on average)

    @TempDir static Path dir;
    static Path shared;
    static String skip;

    @BeforeAll
    static void prerequisites() throws Exception {
        shared = Path.of(System.getProperty("falcoc.shared", "../../shared"));
        if (!Files.isRegularFile(shared.resolve("tools/scap_inflate.py"))) skip = shared + "/tools/scap_inflate.py not found";
        else if (new ProcessBuilder("python3", "--version").start().waitFor() != 0) skip = "python3 not found";
        if (skip != null) System.err.println("\n*** REPLAY HARDENING TESTS SKIPPED: " + skip + " ***\n");
    }

    /** A capture of about {@code events} events; returns how many it has. */
    static long inflate(Path out, long events) throws Exception {
        long rounds = (events + EVENTS_PER_ROUND - 1) / EVENTS_PER_ROUND + 2;
        Process p = new ProcessBuilder("python3", shared.resolve("tools/scap_inflate.py").toString(),
                shared.resolve("traces/psp_run_as_user_0_container.scap").toString(), out.toString(), Long.toString(rounds))
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), said);
        Matcher m = Pattern.compile("(\\d+) events written").matcher(said);
        assertTrue(m.find(), said);
        return Long.parseLong(m.group(1));
    }

    static List<String> falcoc(String... args) {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-XX:+UseSerialGC"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static final String CP_MAIN = "dev.falcoc.cli.Main";

    @Test
    void sigtermInTheMiddleOfAReplayFlushesWholeAlertsAndTheSummary() throws Exception {
        assumeTrue(skip == null, () -> "REPLAY HARDENING TESTS SKIPPED: " + skip);
        Path trace = dir.resolve("sigterm.scap");
        inflate(trace, 1_000_000);
        Path rules = dir.resolve("rw.yaml");
        // about 8 % of the trace's events are reads and writes: some 80,000 alerts in all
        Files.writeString(rules, "- rule: rw\n  desc: every read and write\n  condition: evt.type in (read, write)\n"
                + "  output: \"io %evt.num %proc.name %fd.name %evt.buflen\"\n  priority: INFO\n");
        Path alerts = dir.resolve("alerts.json"), out = dir.resolve("sigterm.out"), err = dir.resolve("sigterm.err");
        List<String> cmd = falcoc("-cp", System.getProperty("java.class.path"), CP_MAIN, "run", "--replay", trace.toString(),
                "-r", rules.toString(), "-o", "json_output=true", "-o", "stdout_output.enabled=false", "-o", "buffered_outputs=true",
                "-o", "file_output.enabled=true", "-o", "file_output.keep_alive=true", "-o", "file_output.filename=" + alerts);
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            // buffered: the first 64 KiB of alerts reach the file together, mid-replay
            while (!Files.exists(alerts) || Files.size(alerts) == 0) {
                assertTrue(p.isAlive(), () -> "falcoc ended before writing alerts: " + read(err));
                assertTrue(System.nanoTime() < deadline, () -> "no alerts after 120 s: " + read(err));
                Thread.sleep(20);
            }
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "falcoc did not stop on SIGTERM");
        } finally {
            p.destroyForcibly();
        }
        String diag = "\nstderr: " + read(err);
        assertEquals(0, p.exitValue(), diag);
        Matcher m = Pattern.compile("Events detected: (\\d+)\n").matcher(read(out));
        assertTrue(m.find(), "no summary on stdout: " + read(out) + diag);
        long detected = Long.parseLong(m.group(1));
        assertTrue(read(out).contains("   rw: " + detected + "\n"), read(out));
        assertTrue(detected < 60_000, "the replay ended before SIGTERM (" + detected + " alerts): the test proves nothing" + diag);
        String text = Files.readString(alerts);
        assertTrue(text.endsWith("\n"), "the last alert is cut short");
        String[] lines = text.split("\n");
        assertEquals(detected, lines.length, "alerts in the file vs the summary" + diag);
        for (String l : lines) {
            Map<String, Object> o = MiniJson.obj(MiniJson.parse(l)); // throws on a cut line
            assertEquals("rw", o.get("rule"), l);
            assertTrue(String.valueOf(o.get("output")).contains(": Informational io "), l);
        }
    }

    @Test
    void officialRulesReplayTenMillionEventsInABoundedHeap() throws Exception {
        assumeTrue(skip == null, () -> "REPLAY HARDENING TESTS SKIPPED: " + skip);
        Path rulesDir = shared.resolve("rules");
        Path trace = dir.resolve("load.scap");
        long events = inflate(trace, LOAD_EVENTS);
        assertTrue(events >= LOAD_EVENTS, "trace has " + events + " events");
        Path out = dir.resolve("load.out"), err = dir.resolve("load.err"), rss = dir.resolve("load.rss");
        List<String> cmd = new ArrayList<>();
        boolean gnuTime = Files.isExecutable(Path.of("/usr/bin/time"));
        if (gnuTime) cmd.addAll(List.of("/usr/bin/time", "-f", "%M %U %S", "-o", rss.toString()));
        cmd.addAll(falcoc(LOAD_HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"), CP_MAIN, "run",
                "--replay", trace.toString(), "-r", rulesDir.resolve("falco_rules.yaml").toString(),
                "-r", rulesDir.resolve("falco-incubating_rules.yaml").toString(), "-r", rulesDir.resolve("falco-sandbox_rules.yaml").toString(),
                "--container-plugin", "-o", "json_output=true"));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "replay did not finish");
        assertEquals(0, p.exitValue(), "exit code; stderr: " + read(err));
        assertTrue(read(out).startsWith("Events detected: "), read(out));
        if (gnuTime) {
            String[] f = read(rss).trim().split("\\s+");
            String[] last = f.length >= 3 ? new String[] {f[f.length - 3], f[f.length - 2], f[f.length - 1]} : f;
            System.err.println("falcoc load test: " + events + " events, official rules, " + LOAD_HEAP + ": peak RSS "
                    + Long.parseLong(last[0]) / 1024 + " MiB, CPU " + last[1] + " s user + " + last[2] + " s sys");
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "(" + e.getMessage() + ")";
        }
    }
}
