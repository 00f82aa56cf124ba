package dev.falcoc.runtime.event;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cache hit is only ever the value stored for identical bytes, whatever collides. */
class SliceCacheTest {
    @Test
    void hitsOnlyForIdenticalBytes() {
        Random rnd = new Random(42);
        // few slots and a two-letter alphabet: slots and hashes collide all the time
        SliceCache<String> c = new SliceCache<>(8, 64);
        byte[] buf = new byte[256];
        int hits = 0;
        for (int n = 0; n < 200_000; n++) {
            int len = rnd.nextInt(10) == 0 ? rnd.nextInt(80) : rnd.nextInt(8); // short ones recur
            int off = rnd.nextInt(buf.length - len);
            for (int i = off; i < off + len; i++) buf[i] = (byte) (rnd.nextBoolean() ? 'a' : 'b');
            String want = new String(buf, off, len, StandardCharsets.ISO_8859_1);
            int h = SliceCache.hash(buf, off, len);
            String got = c.get(buf, off, len, h);
            if (got != null) {
                assertEquals(want, got);
                hits++;
            } else {
                c.put(buf, off, len, h, want);
            }
        }
        assertTrue(hits > 1000, "hits: " + hits);
    }

    @Test
    void longSlicesAreNotKept() {
        SliceCache<String> c = new SliceCache<>(4, 4);
        byte[] b = "abcdef".getBytes(StandardCharsets.US_ASCII);
        int h = SliceCache.hash(b, 0, 5);
        assertEquals("x", c.put(b, 0, 5, h, "x"));
        assertNull(c.get(b, 0, 5, h));
        c.put(b, 0, 4, SliceCache.hash(b, 0, 4), "abcd");
        assertEquals("abcd", c.get(b, 0, 4, SliceCache.hash(b, 0, 4)));
        byte[] other = Arrays.copyOf(b, 6);
        other[3] = 'X';
        assertNull(c.get(other, 0, 4, SliceCache.hash(b, 0, 4)));  // same hash asked, other bytes
    }
}
