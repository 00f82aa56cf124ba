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
}
