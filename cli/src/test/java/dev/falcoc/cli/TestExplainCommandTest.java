package dev.falcoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** falcoc test and falcoc explain on the command line: formats, exit codes, and bad input without traces. */
class TestExplainCommandTest {
    @TempDir Path dir;

    static final String RULES = """
            - macro: is_shell
              condition: proc.name in (shells)
            - list: shells
              items: [bash, sh]
            - rule: first
              desc: d
              condition: evt.type = execve and is_shell
              output: "first %proc.name"
              priority: WARNING
              exceptions:
                - name: from_init
                  fields: [proc.pname]
                  values: [[init]]
            - rule: second
              desc: d
              condition: evt.type = execve and proc.name = bash
              output: "second %proc.name"
              priority: WARNING
            """;

    static final String TESTS = """
            rules: [r.yaml]
            tests:
              - name: shell
                event: {evt.type: execve, proc.name: bash, proc.pname: zsh}
                expect: {fire: [first], silent: [second]}
              - name: init
                event: {evt.type: execve, proc.name: bash, proc.pname: init}
                expect: {fire: [second], silent: [first]}
            """;

    void write() throws Exception {
        Files.writeString(dir.resolve("r.yaml"), RULES);
        Files.writeString(dir.resolve("a.test.yaml"), TESTS);
    }

    @Test
    void testCommandFormatsAndExitCodes() throws Exception {
        write();
        RunCommandTest.Run r = RunCommandTest.run("test", dir.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("2 tests: 2 passed"), r.out());
        Files.writeString(dir.resolve("b.test.yaml"), TESTS.replace("silent: [second]", "silent: [first]").replace("fire: [first]", "fire: [second]"));
        r = RunCommandTest.run("test", "--format", "junit", dir.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains("<failure"), r.out());
        r = RunCommandTest.run("test", "--format", "json", dir.resolve("b.test.yaml").toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains("\"status\":\"fail\""), r.out());
        Files.writeString(dir.resolve("c.test.yaml"), "rules: [r.yaml]\ntests:\n  - name: x\n    event: {evt.type: nope}\n    expect: {}\n");
        r = RunCommandTest.run("test", dir.resolve("c.test.yaml").toString());
        assertEquals(1, r.code());
        assertTrue(r.out().contains("c.test.yaml:4:23: error: unknown event type 'nope'"), r.out());
        RunCommandTest.noTrace(r);
    }

    @Test
    void testCommandBadInput() throws Exception {
        RunCommandTest.Run r = RunCommandTest.run("test", dir.resolve("missing").toString());
        assertEquals(2, r.code());
        RunCommandTest.noTrace(r);
        r = RunCommandTest.run("test", dir.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no test files"), r.err());
        Files.writeString(dir.resolve("x.test.yaml"), "\u0000\u0001: [");
        r = RunCommandTest.run("test", dir.toString());
        assertEquals(1, r.code());
        RunCommandTest.noTrace(r);
    }

    @Test
    void explainShadowAndException() throws Exception {
        write();
        String t = dir.resolve("a.test.yaml").toString();
        RunCommandTest.Run r = RunCommandTest.run("explain", "--rule", "second", "--test", t, "--name", "shell");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("rule 'first' matched this event first"), r.out());
        r = RunCommandTest.run("explain", "--rule", "first", "--test", t, "--name", "init", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"suppressed_by_exception\":\"from_init\""), r.out());
        assertTrue(r.out().contains("\"label\":\"is_shell\""), r.out());
        r = RunCommandTest.run("explain", "--rule", "first", "--test", t, "--name", "shell");
        assertTrue(r.out().contains("macro is_shell -> true") && r.out().contains("list shells: (bash, sh)"), r.out());
    }

    @Test
    void explainBadInput() throws Exception {
        write();
        String t = dir.resolve("a.test.yaml").toString();
        for (String[] args : new String[][] {
                {"explain", "--rule", "nope", "--test", t, "--name", "shell"},
                {"explain", "--rule", "first", "--test", t, "--name", "nope"},
                {"explain", "--rule", "first", "--test", dir.resolve("none.yaml").toString(), "--name", "x"},
                {"explain", "--rule", "first", "--replay", dir.resolve("none.scap").toString(), "--evt-num", "1", "-r", dir.resolve("r.yaml").toString()},
                {"explain", "--rule", "first"},
                {"explain", "--rule", "first", "--test", t, "--name", "shell", "--replay", "x.scap", "--evt-num", "1", "-r", "r.yaml"}}) {
            RunCommandTest.Run r = RunCommandTest.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + "\n" + r.out() + r.err());
            RunCommandTest.noTrace(r);
        }
        Files.writeString(dir.resolve("bad.yaml"), "- rule: x\n  condition: evt.type = open and\n");
        Files.writeString(dir.resolve("b.test.yaml"), "rules: [bad.yaml]\ntests:\n  - name: x\n    event: {evt.type: open}\n    expect: {}\n");
        RunCommandTest.Run r = RunCommandTest.run("explain", "--rule", "x", "--test", dir.resolve("b.test.yaml").toString(), "--name", "x");
        assertEquals(1, r.code(), r.out() + r.err());
        RunCommandTest.noTrace(r);
    }
}
