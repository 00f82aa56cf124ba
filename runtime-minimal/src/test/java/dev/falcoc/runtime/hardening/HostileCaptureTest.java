package dev.falcoc.runtime.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.falcoc.runtime.Inspector;
import dev.falcoc.runtime.ScapException;
import dev.falcoc.runtime.scap.Bytes;
import dev.falcoc.runtime.scap.ScapReader;
import dev.falcoc.runtime.state.State;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Broken captures: every defect ends in a {@link ScapException} naming the block offset (never
 * another exception, never a hang), and with skipping on, the replay goes on and counts.
 * The fuzz property runs a fixed budget in `mvn verify`; -Dfalcoc.fuzz.tries=N runs longer.
 */
class HostileCaptureTest {
    static final Duration LIMIT = Duration.ofSeconds(60);

    /** The public traces, decompressed: mutations should hit the block structure, not gzip. */
    static List<byte[]> traces() {
        Path p = Path.of(System.getProperty("falcoc.shared", "../../shared"), "traces");
        if (!Files.isDirectory(p)) System.err.println("SKIPPED: no shared traces at " + p);
        Assumptions.assumeTrue(Files.isDirectory(p), "shared traces absent");
        List<byte[]> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(p)) {
            for (Path f : s.filter(x -> x.toString().endsWith(".scap")).sorted().toList()) {
                byte[] b = Files.readAllBytes(f);
                if (b.length > 1 && (b[0] & 0xff) == 0x1f) {
                    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) { b = in.readAllBytes(); }
                }
                out.add(b);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    record Outcome(long events, long skipped, ScapException error) {}

    static Outcome replay(byte[] capture, boolean skip) {
        return assertTimeoutPreemptively(LIMIT, () -> {
            State st = new State();
            long n = 0;
            Inspector in;
            try {
                in = Inspector.open(ScapReader.open(new ByteArrayInputStream(capture), "m.scap", st), st);
            } catch (ScapException e) {
                return new Outcome(0, 0, e);
            }
            try (in) {
                in.skipBadBlocks(skip);
                while (in.next() != null) n++;
                return new Outcome(n, in.skippedBlocks(), null);
            } catch (ScapException e) {
                return new Outcome(n, in.skippedBlocks(), e);
            }
        });
    }

    /** Offsets of the blocks after the section header. */
    static List<Integer> blocks(byte[] b) {
        List<Integer> out = new ArrayList<>();
        if (b.length < 8) return out;
        int p = Bytes.i32(b, 4);
        while (p >= 0 && p + 8 <= b.length) {
            out.add(p);
            int len = Bytes.i32(b, p + 4);
            if (len < 12) break;   // a mutated length: stop walking
            p += len;
        }
        return out;
    }

    static void assertNamesOffset(Outcome o, long offset) {
        assertNotNull(o.error, "expected an error");
        assertTrue(o.error.getMessage().contains("offset " + offset), o.error.getMessage());
    }

    static byte[] sample() {
        return traces().stream().max(java.util.Comparator.comparingInt(b -> b.length)).orElseThrow();
    }

    @Test
    void everyTruncationIsAnErrorAtABlock() {
        byte[] b = sample();
        long full = replay(b, false).events;
        for (int cut : new int[] {0, 1, 8, 27, 28, 40, b.length / 3, b.length / 2, b.length - 5, b.length - 1}) {
            Outcome o = replay(java.util.Arrays.copyOf(b, cut), false);
            if (o.error != null) assertTrue(o.error.getMessage().contains("offset "), o.error.getMessage());
            assertTrue(o.events <= full);
        }
    }

    @Test
    void zeroLengthBlockNamesItsOffset() {
        byte[] b = sample().clone();
        int at = blocks(b).get(blocks(b).size() / 2);
        Bytes.put32(b, at + 4, 0);
        assertNamesOffset(replay(b, false), at);
        Outcome skipped = replay(b, true);
        assertEquals(null, skipped.error);
        assertTrue(skipped.skipped >= 1 && skipped.events > 0, skipped.toString());
    }

    @Test
    void oversizedBlockAndParameterLengths() {
        byte[] b = sample().clone();
        List<Integer> bl = blocks(b);
        int at = bl.get(bl.size() / 2);
        Bytes.put32(b, at + 4, 0x7fff_fff0);
        Outcome o = replay(b, false);
        assertNamesOffset(o, at);
        assertTrue(replay(b, true).skipped >= 1);
        // an event whose first parameter claims more bytes than the event has
        byte[] c = sample().clone();
        for (int p : blocks(c)) {
            int type = Bytes.i32(c, p);
            if (type == 0x216 || type == 0x217) {
                int ev = p + 8 + 2 + (type == 0x217 ? 4 : 0);
                if (Bytes.i32(c, ev + 22) > 0) {
                    c[ev + 26] = (byte) 0xff;
                    c[ev + 27] = (byte) 0xff;
                    assertNamesOffset(replay(c, false), p);
                    Outcome s = replay(c, true);
                    assertEquals(null, s.error);
                    assertEquals(1, s.skipped);
                    return;
                }
            }
        }
        fail("no v2 event with parameters in the sample");
    }

    @Test
    void wrongVersionAndMagic() {
        byte[] b = sample().clone();
        b[12] = 9;
        assertNamesOffset(replay(b, false), 0);
        byte[] c = sample().clone();
        c[8] ^= 0x55;
        assertNamesOffset(replay(c, false), 0);
        assertNamesOffset(replay(new byte[0], false), 0);
    }

    @Test
    void badBlockInTheLastBytesIsSkippedToTheEnd() {
        // found by the fuzzer: resynchronising past the end of the data crashed the reader
        byte[] b = sample();
        byte[] c = java.util.Arrays.copyOf(b, b.length + 2);
        c[b.length] = 0x04;
        c[b.length + 1] = 0x02;
        Outcome o = replay(c, true);
        assertEquals(null, o.error);
        assertEquals(1, o.skipped);
        assertNamesOffset(replay(c, false), b.length);
    }

    @Test
    void corruptTrailerIsSkippedAndCounted() {
        byte[] b = sample().clone();
        List<Integer> bl = blocks(b);
        int at = bl.get(bl.size() / 3);
        int len = Bytes.i32(b, at + 4);
        Bytes.put32(b, at + len - 4, len + 4);
        assertNamesOffset(replay(b, false), at);
        Outcome s = replay(b, true);
        assertEquals(null, s.error);
        assertEquals(1, s.skipped);
        assertTrue(s.events >= replay(sample(), false).events - 2, s.toString());
    }

    @Test
    void corruptGzipIsACaptureError() throws Exception {
        Path p = Path.of(System.getProperty("falcoc.shared", "../../shared"), "traces", "sample.scap");
        Assumptions.assumeTrue(Files.isRegularFile(p));
        byte[] gz = Files.readAllBytes(p);
        for (int cut : new int[] {2, 10, gz.length / 2}) {
            byte[] g = java.util.Arrays.copyOf(gz, cut);
            Path t = Files.createTempFile("trunc", ".scap");
            try {
                Files.write(t, g);
                assertTimeoutPreemptively(LIMIT, () -> {
                    try (Inspector in = Inspector.open(t)) {
                        while (in.next() != null) { }
                        fail("a truncated gzip capture must not read to a clean end");
                    } catch (ScapException e) {
                        assertTrue(e.getMessage().contains("offset") || e.getMessage().contains("cannot read"), e.getMessage());
                    }
                });
            } finally {
                Files.delete(t);
            }
        }
    }

    // ------------------------------------------------------------------ fuzzing

    static final List<byte[]> CORPUS = new ArrayList<>();

    static synchronized List<byte[]> corpus() {
        if (CORPUS.isEmpty()) CORPUS.addAll(traces());
        return CORPUS;
    }

    /** Byte flips, 32-bit overwrites near block headers, truncations, duplicated and dropped ranges. */
    static byte[] mutate(byte[] src, long seed) {
        Random r = new Random(seed);
        byte[] b = src.clone();
        int n = 1 + r.nextInt(4);
        for (int k = 0; k < n; k++) {
            switch (r.nextInt(6)) {
                case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                case 1 -> {
                    List<Integer> bl = blocks(b);
                    if (bl.isEmpty()) break;
                    int at = bl.get(r.nextInt(bl.size())) + r.nextInt(64);
                    int[] vals = {0, -1, 0x7fffffff, 12, 0xffff, r.nextInt()};
                    if (at + 4 <= b.length) Bytes.put32(b, at, vals[r.nextInt(vals.length)]);
                }
                case 2 -> b = java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
                case 3 -> {
                    if (b.length < 2) break;
                    int from = r.nextInt(b.length), len = r.nextInt(Math.min(4096, b.length - from) + 1), to = r.nextInt(b.length);
                    byte[] nb = new byte[b.length + len];
                    System.arraycopy(b, 0, nb, 0, to);
                    System.arraycopy(b, from, nb, to, len);
                    System.arraycopy(b, to, nb, to + len, b.length - to);
                    b = nb;
                }
                case 4 -> {
                    if (b.length < 2) break;
                    int from = r.nextInt(b.length), len = r.nextInt(Math.min(4096, b.length - from) + 1);
                    byte[] nb = new byte[b.length - len];
                    System.arraycopy(b, 0, nb, 0, from);
                    System.arraycopy(b, from + len, nb, from, b.length - from - len);
                    b = nb;
                }
                default -> {
                    int at = r.nextInt(b.length);
                    for (int i = 0; i < 16 && at + i < b.length; i++) b[at + i] = (byte) r.nextInt();
                }
            }
            if (b.length == 0) break;
        }
        return b;
    }

    @Property(tries = 300, seed = "20261130")
    void mutatedCapturesNeverThrowAnythingElse(@ForAll("seeds") long seed, @ForAll("which") int which, @ForAll boolean skip) {
        List<byte[]> c = corpus();
        byte[] m = mutate(c.get(which % c.size()), seed);
        Outcome o = replay(m, skip);   // any exception but ScapException fails the property
        if (o.error != null) assertTrue(o.error.getMessage().contains("offset"), o.error.getMessage());
    }

    /** The long run: -Dfalcoc.fuzz.tries=100000 (reports executions and failures on stderr). */
    @Test
    void longFuzzOnDemand() {
        long tries = Long.getLong("falcoc.fuzz.tries", 0);
        Assumptions.assumeTrue(tries > 0, "set -Dfalcoc.fuzz.tries for the long run");
        List<byte[]> c = corpus();
        long t0 = System.nanoTime(), errors = 0;
        for (long i = 0; i < tries; i++) {
            Outcome o = replay(mutate(c.get((int) (i % c.size())), i), (i & 1) == 0);
            if (o.error != null) errors++;
        }
        System.err.printf("capture fuzz: %d executions, corpus %d traces, %d capture errors (all ScapException), %.1f s%n",
                tries, c.size(), errors, (System.nanoTime() - t0) / 1e9);
    }

    @Provide
    Arbitrary<Long> seeds() { return Arbitraries.longs(); }

    @Provide
    Arbitrary<Integer> which() { return Arbitraries.integers().between(0, 1000); }
}
