package dev.falcoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile inputs through the command line: positions, no stack traces, --skip-bad-blocks. */
class HardeningCliTest {
    @TempDir Path dir;

    static void noTrace(CliRun r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
    }

    @Test
    void invalidUtf8NamesTheByte() throws Exception {
        Path f = dir.resolve("bad.yaml");
        byte[] head = "- rule: r\n  desc: caf".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] b = java.util.Arrays.copyOf(head, head.length + 3);
        b[head.length] = (byte) 0xc3;   // a lead byte without its continuation
        b[head.length + 1] = '\n';
        b[head.length + 2] = '\n';
        Files.write(f, b);
        for (String cmd : new String[] {"check", "list"}) {
            CliRun r = CliRun.of(cmd, f.toString());
            assertTrue(r.err().contains("bad.yaml:2:12: invalid UTF-8 byte 0xc3 (byte offset " + head.length + ")"), cmd + ": " + r.err());
            assertEquals(Cli.USAGE, r.code());
            noTrace(r);
        }
    }

    @Test
    void skipBadBlocksCountsAndGoesOn() throws Exception {
        Path trace = Path.of(System.getProperty("falcoc.shared", "../../shared"), "traces", "sample.scap");
        Assumptions.assumeTrue(Files.isRegularFile(trace), "shared traces absent");
        byte[] b = Files.readAllBytes(trace);
        if ((b[0] & 0xff) == 0x1f) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) { b = in.readAllBytes(); }
        }
        // break the trailer of a block in the middle
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int p = bb.getInt(4), n = 0;
        while (p + 8 <= b.length && n++ < 300) p += bb.getInt(p + 4);
        int len = bb.getInt(p + 4);
        bb.putInt(p + len - 4, len + 4);
        Path bad = dir.resolve("bad.scap");
        Files.write(bad, b);
        Path rules = dir.resolve("r.yaml");
        Files.writeString(rules, "- rule: r\n  desc: d\n  condition: evt.type = open\n  output: \"o %proc.name\"\n  priority: INFO\n");
        CliRun strict = CliRun.of("run", "--replay", bad.toString(), "-r", rules.toString());
        assertTrue(strict.err().contains("offset " + p), strict.err());
        assertTrue(strict.code() != 0);
        noTrace(strict);
        CliRun skip = CliRun.of("run", "--replay", bad.toString(), "-r", rules.toString(), "--skip-bad-blocks");
        assertEquals(0, skip.code(), skip.err());
        assertTrue(skip.err().contains("skipped 1 bad block; first: ") && skip.err().contains("offset " + p), skip.err());
        noTrace(skip);
    }

    /**
     * Nothing in a rules file runs a program: shell syntax in outputs, conditions and names is data,
     * YAML tags that other loaders execute are not honoured, and only the configured program output
     * starts a process (its alert text on stdin, never on a command line).
     */
    @Test
    void nothingInARulesFileRunsAProgram() throws Exception {
        Path trace = Path.of(System.getProperty("falcoc.shared", "../../shared"), "traces", "psp_run_as_user_0_container.scap");
        Assumptions.assumeTrue(Files.isRegularFile(trace), "shared traces absent");
        Path marker = dir.resolve("pwned");
        String touch = "touch " + marker;
        Path rules = dir.resolve("tricks.yaml");
        Files.writeString(rules, String.join("\n",
                "- macro: m",
                "  condition: evt.type in (open, openat)",
                "- list: l",
                "  items: [\"$(" + touch + ")\", \"`" + touch + "`\"]",
                "- rule: \"tricks $(" + touch + ")\"",
                "  desc: !!python/object/apply:os.system \"" + touch + "\"",
                "  condition: m and not proc.name in (l) and not fd.name = \"; " + touch + "\"",
                "  output: \"$(" + touch + ") `" + touch + "` %proc.name; " + touch + " | " + touch + " %evt.type\"",
                "  priority: INFO",
                "  tags: [!!js/function \"" + touch + "\"]",
                "- rule: include",
                "  desc: !include /etc/passwd",
                "  condition: evt.type = open and proc.name = \"<(" + touch + ")\"",
                "  output: \"%proc.name\"",
                "  priority: INFO",
                ""));
        Path got = dir.resolve("program-stdin.txt");
        CliRun r = CliRun.of("run", "--replay", trace.toString(), "-r", rules.toString(), "-o", "program_output.enabled=true",
                "-o", "program_output.keep_alive=true", "-o", "program_output.program=cat > " + got);
        noTrace(r);
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(marker), "a rules file ran a program");
        // tags on collections, as other YAML loaders would construct objects from: a load error at most
        Path tagged = dir.resolve("tagged.yaml");
        Files.writeString(tagged, "- rule: t\n  desc: !!python/object/apply:os.system [\"" + touch + "\"]\n  condition: evt.type = open\n"
                + "  output: o\n  priority: INFO\n- !!python/object/new:subprocess.Popen [[\"" + touch + "\"]]\n");
        CliRun c = CliRun.of("check", tagged.toString());
        noTrace(c);
        assertTrue(c.err().contains("tagged.yaml:2:9: error: Value is not a scalar value") || c.out().contains("tagged.yaml:2:9: error: Value is not a scalar value"),
                c.out() + c.err());
        assertFalse(Files.exists(marker), "a YAML tag ran a program");
        String line = r.out().lines().filter(l -> l.contains("tricks")).findFirst().orElse("");
        assertTrue(r.out().contains(": Informational $(" + touch + ") `" + touch + "` "), r.out());
        assertTrue(r.out().contains("tricks $(" + touch + "): 1") || r.out().contains("tricks $(" + touch + "): "), r.out());
        // the program output got the same text on its stdin, and nothing else ran
        assertTrue(Files.readString(got).contains("$(" + touch + ") `" + touch + "` "), Files.readString(got));
        assertFalse(Files.exists(marker), "the program output ran the alert text");
        assertTrue(line.isEmpty() || !line.contains("pwned\n"));
    }
}
