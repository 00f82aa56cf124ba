package dev.falcoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Error paths of falcoc run: exit codes as documented, messages without stack traces. */
class RunCommandTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static void noTrace(Run r) {
        assertFalse(r.err().contains("\tat "), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    Path rules(String text) throws Exception {
        Path p = dir.resolve("r.yaml");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void badRulesAreReportedLikeCheck() throws Exception {
        Path r = rules("- rule: x\n  desc: d\n  condition: evt.type = open and\n  output: o\n  priority: INFO\n");
        Run res = run("run", "--replay", dir.resolve("none.scap").toString(), "-r", r.toString());
        assertEquals(Cli.FINDINGS, res.code());
        assertTrue(res.err().contains("r.yaml:3:"), res.err());
        assertTrue(res.err().contains("[LOAD_ERR_COMPILE_CONDITION]"), res.err());
        noTrace(res);
    }

    /** The live-only options are named when a replay cannot use them, not dropped silently. */
    @Test
    void liveOnlyOptionsAreNotSilentlyIgnoredInAReplay() throws Exception {
        Path r = rules("- rule: x\n  desc: d\n  condition: evt.type = open and proc.name = nothing-like-this\n  output: o\n  priority: INFO\n");
        Path capture = Path.of("..", "test-rules", "tests", "captures", "curl_google.scap");
        Run res = run("run", "--replay", capture.toString(), "-r", r.toString(), "--http", "127.0.0.1:0", "--stats-interval", "1", "--no-summary");
        assertEquals(Cli.OK, res.code(), res.err());
        assertTrue(res.err().contains("--http and --stats-interval apply to live capture only: ignored for --replay"), res.err());
        Run one = run("run", "--replay", capture.toString(), "-r", r.toString(), "--stats-interval", "1", "--no-summary");
        assertTrue(one.err().contains("--stats-interval applies to live capture only"), one.err());
        Run none = run("run", "--replay", capture.toString(), "-r", r.toString(), "--no-summary");
        assertFalse(none.err().contains("live capture only"), none.err());
    }

    @Test
    void badOverrideIsAUsageError() throws Exception {
        Path r = rules("- rule: x\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n");
        Run res = run("run", "--replay", dir.resolve("none.scap").toString(), "-r", r.toString(), "-o", "priority=loud");
        assertEquals(Cli.USAGE, res.code());
        assertTrue(res.err().contains("Unknown priority \"loud\""), res.err());
        noTrace(res);
        Run mix = run("run", "--replay", dir.resolve("none.scap").toString(), "-r", r.toString(), "-D", "x", "-t", "y");
        assertEquals(Cli.USAGE, mix.code());
        assertTrue(mix.err().contains("You can not specify both disabled (-D/-T) and enabled (-t) rules"), mix.err());
    }

    @Test
    void missingFilesAreUsageErrors() throws Exception {
        Run noRules = run("run", "--replay", dir.resolve("none.scap").toString(), "-r", dir.resolve("missing.yaml").toString());
        assertEquals(Cli.USAGE, noRules.code());
        noTrace(noRules);
        Run noConfig = run("run", "--replay", dir.resolve("none.scap").toString(), "-c", dir.resolve("falco.yaml").toString());
        assertEquals(Cli.USAGE, noConfig.code());
        noTrace(noConfig);
        Run none = run("run", "--replay", dir.resolve("none.scap").toString());
        assertEquals(Cli.USAGE, none.code());
        assertTrue(none.err().contains("at least one rules file"), none.err());
    }

    @Test
    void unreadableCaptureIsReportedWithoutTrace() throws Exception {
        Path r = rules("- rule: x\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n");
        Path junk = dir.resolve("junk.scap");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});
        Run res = run("run", "--replay", junk.toString(), "-r", r.toString());
        assertTrue(res.code() == RunCommand.CAPTURE || res.code() == Cli.USAGE, "exit " + res.code() + ": " + res.err());
        noTrace(res);
    }
}
