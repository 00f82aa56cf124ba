package dev.falcoc.runtime.scap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.runtime.ScapException;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * ScapReader's call-free path for current event blocks gives exactly what the general path
 * gives: the same events (bytes, cpu, flags, block offset), the same error at the same point,
 * the same blocks skipped, on every trace and on randomly damaged copies of them.
 */
class FastEventTest {
    /** Everything a reader hands out, in order, then how it ended. */
    private static List<String> read(byte[] capture, boolean fast, boolean skipBad) {
        return read(capture, fast, skipBad, true);
    }

    private static List<String> read(byte[] capture, boolean fast, boolean skipBad, boolean inPlaceV1) {
        List<String> out = new ArrayList<>();
        try (ScapReader r = ScapReader.open(new ByteArrayInputStream(capture), "t.scap", new ScapSink() {})) {
            r.fastPath(fast);
            r.inPlaceV1(inPlaceV1);
            r.skipBadBlocks(skipBad);
            RawEvent ev = new RawEvent();
            while (r.next(ev)) {
                int len = Bytes.i32(ev.buf, ev.off + 16);
                byte[] bytes = Arrays.copyOfRange(ev.buf, ev.off, ev.off + Math.max(RawEvent.HEADER, Math.min(len, ev.buf.length - ev.off)));
                out.add(ev.cpu + " " + ev.dropFlags + " " + ev.blockOffset + " " + Arrays.hashCode(bytes));
            }
            out.add("end, skipped " + r.skippedBlocks() + ": " + r.firstSkipped());
        } catch (ScapException e) {
            out.add("error: " + e.getMessage());
        }
        return out;
    }

    private static List<Path> traces() throws java.io.IOException {
        try (Stream<Path> s = Files.list(ScapReaderTest.traces())) {
            return s.filter(p -> p.toString().endsWith(".scap")).sorted().toList();
        }
    }

    /** A copy with 1-12 random bytes changed, truncated at a random length every fourth round. */
    private static byte[] damaged(byte[] plain, Random rnd, int round) {
        byte[] b = plain.clone();
        int hits = 1 + rnd.nextInt(12);
        for (int k = 0; k < hits; k++) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
        return round % 4 == 0 ? Arrays.copyOf(b, rnd.nextInt(b.length)) : b;
    }

    /** One reading of a capture: everything it hands out, in order, then how it ended. */
    private interface Reading {
        List<String> of(byte[] capture, boolean skipBad);
    }

    /**
     * Two readings must agree on every trace and on 15 damaged copies of each (bad blocks skipped or
     * not); returns how many traces have a block of one of {@code blockTypes}, so a test can insist
     * the path it compares was exercised.
     */
    private static int assertAgree(long seed, int[] blockTypes, Reading expected, Reading actual) throws Exception {
        Random rnd = new Random(seed);
        int having = 0;
        for (Path t : traces()) {
            byte[] plain = ScapReaderTest.plain(t);
            assertEquals(expected.of(plain, false), actual.of(plain, false), t.toString());
            for (int type : blockTypes) {
                if (containsBlock(plain, type)) {
                    having++;
                    break;
                }
            }
            for (int round = 0; round < 15; round++) {
                byte[] b = damaged(plain, rnd, round);
                for (boolean skip : new boolean[] {false, true}) {
                    assertEquals(expected.of(b, skip), actual.of(b, skip), t + " damaged, round " + round + ", skip " + skip);
                }
            }
        }
        return having;
    }

    @Test
    void sameEventsAndErrorsWithAndWithoutTheFastPath() throws Exception {
        int v2 = assertAgree(7, new int[] {0x216}, (b, skip) -> read(b, false, skip), (b, skip) -> read(b, true, skip));
        assertTrue(v2 > 0, "some trace has current event blocks");
    }

    /**
     * Old (v1) events rewritten in place in the read buffer give the same events, errors and
     * skipped blocks as the copy into a scratch array, on every trace and on damaged copies.
     */
    @Test
    void v1EventsRewrittenInPlaceEqualTheCopy() throws Exception {
        int v1 = assertAgree(13, new int[] {0x204, 0x208}, (b, skip) -> read(b, true, skip, false), (b, skip) -> read(b, true, skip, true));
        assertTrue(v1 > 0, "some trace has old event blocks");
    }

    private static boolean containsBlock(byte[] b, int want) {
        for (int p = 0; p + 8 <= b.length; ) {
            int type = Bytes.i32(b, p), len = Bytes.i32(b, p + 4);
            if (type == want) return true;
            if (len < 12) return false;
            p += len;
        }
        return false;
    }
}
