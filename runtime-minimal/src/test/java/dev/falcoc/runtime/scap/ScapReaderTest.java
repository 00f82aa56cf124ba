package dev.falcoc.runtime.scap;

import dev.falcoc.runtime.ScapException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.*;

public class ScapReaderTest {
    public static Path traces() {
        Path p = Path.of(System.getProperty("falcoc.shared", "../../shared"), "traces");
        if (!Files.isDirectory(p)) System.err.println("SKIPPED: no shared traces at " + p);
        Assumptions.assumeTrue(Files.isDirectory(p), "shared traces absent");
        return p;
    }

    static final class Counting implements ScapSink {
        int procs, fds, users, groups, ifaces;
        String host;
        @Override public void machine(int n, long m, long mp, String h, long b, long f) { host = h; }
        @Override public void process(ProcEntry p) { procs++; }
        @Override public void fd(long tid, FdEntry fd) { fds++; }
        @Override public void user(long u, long g, String n, String h, String s) { users++; }
        @Override public void group(long g, String n) { groups++; }
        @Override public void iface(String n, byte[] a, byte[] m) { ifaces++; }
    }

    @Test
    void readsEveryPublicTrace() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(traces())) { files = s.filter(f -> f.toString().endsWith(".scap")).sorted().toList(); }
        for (Path f : files) {
            Counting c = new Counting();
            int n = 0;
            try (ScapReader r = ScapReader.open(f, c)) {
                RawEvent ev = new RawEvent();
                while (r.next(ev)) n++;
            }
            System.out.printf("%s: %d events, %d procs, %d fds, %d users, %d groups, %d ifaces, host %s%n",
                    f.getFileName(), n, c.procs, c.fds, c.users, c.groups, c.ifaces, c.host);
            assertTrue(n > 0);
            assertTrue(c.procs > 0);
        }
    }

    public static byte[] plain(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            byte[] b = in.readAllBytes();
            if (b.length > 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
                try (InputStream g = new GZIPInputStream(new ByteArrayInputStream(b))) { return g.readAllBytes(); }
            }
            return b;
        }
    }

    @Test
    void truncatedCaptureNamesTheBlockOffset() throws Exception {
        byte[] b = plain(traces().resolve("syscall.scap"));
        byte[] cut = java.util.Arrays.copyOf(b, b.length - 7);
        ScapException e = assertThrows(ScapException.class, () -> {
            try (ScapReader r = ScapReader.open(new ByteArrayInputStream(cut), "cut.scap", new ScapSink() {})) {
                RawEvent ev = new RawEvent();
                while (r.next(ev)) { }
            }
        });
        assertTrue(e.getMessage().matches("cut\\.scap: corrupt capture at offset \\d+: truncated block.*"), e.getMessage());
        assertEquals(0, e.getStackTrace().length);
    }

    @Test
    void notACapture() {
        ScapException e = assertThrows(ScapException.class, () -> ScapReader.open(new ByteArrayInputStream("hello world, not a capture!!".getBytes()), "x", new ScapSink() {}));
        assertTrue(e.getMessage().contains("offset 0"), e.getMessage());
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        assertThrows(ScapException.class, () -> ScapReader.open(new ByteArrayInputStream(empty.toByteArray()), "y", new ScapSink() {}));
    }
}
