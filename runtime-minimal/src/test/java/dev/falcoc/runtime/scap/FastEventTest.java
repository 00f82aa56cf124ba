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

    @Test
    void sameEventsAndErrorsWithAndWithoutTheFastPath() throws Exception {
        List<Path> traces = traces();
        Random rnd = new Random(7);
        int v2 = 0;
        for (Path t : traces) {
            byte[] plain = ScapReaderTest.plain(t);
            List<String> want = read(plain, false, false);
            assertEquals(want, read(plain, true, false), t.toString());
            if (Bytes.i32(plain, 28) == 0x216 || want.size() > 1 && containsV2(plain)) v2++;
            for (int round = 0; round < 15; round++) {
                byte[] b = damaged(plain, rnd, round);
                for (boolean skip : new boolean[] {false, true}) {
                    assertEquals(read(b, false, skip), read(b, true, skip), t + " damaged, round " + round + ", skip " + skip);
                }
            }
        }
        assertTrue(v2 > 0, "some trace has current event blocks");
    }

    /**
     * Old (v1) events rewritten in place in the read buffer give the same events, errors and
     * skipped blocks as the copy into a scratch array, on every trace and on damaged copies.
     */
    @Test
    void v1EventsRewrittenInPlaceEqualTheCopy() throws Exception {
        List<Path> traces = traces();
        Random rnd = new Random(13);
        int v1 = 0;
        for (Path t : traces) {
            byte[] plain = ScapReaderTest.plain(t);
            List<String> want = read(plain, true, false, false);
            assertEquals(want, read(plain, true, false, true), t.toString());
            if (containsBlock(plain, 0x204) || containsBlock(plain, 0x208)) v1++;
            for (int round = 0; round < 15; round++) {
                byte[] b = damaged(plain, rnd, round);
                for (boolean skip : new boolean[] {false, true}) {
                    assertEquals(read(b, true, skip, false), read(b, true, skip, true), t + " damaged, round " + round + ", skip " + skip);
                }
            }
        }
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

    /** Whether some block of the capture is an EV_V2 event block. */
    private static boolean containsV2(byte[] b) {
        for (int p = 0; p + 8 <= b.length; ) {
            int type = Bytes.i32(b, p), len = Bytes.i32(b, p + 4);
            if (type == 0x216) return true;
            if (len < 12) return false;
            p += len;
        }
        return false;
    }
}
