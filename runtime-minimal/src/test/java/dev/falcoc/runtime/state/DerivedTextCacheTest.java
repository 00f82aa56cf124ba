package dev.falcoc.runtime.state;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cached texts of addresses give what formatting them afresh gives, whatever was cached before. */
class DerivedTextCacheTest {
    @Test
    void addressTextsAreThoseOfTheBytes() {
        Random rnd = new Random(9);
        // a small pool of addresses, so that slots are hit and overwritten all the time
        byte[][] pool = new byte[600][];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = new byte[rnd.nextBoolean() ? 4 : 16];
            for (int k = 0; k < pool[i].length; k++) pool[i][k] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt(256) : rnd.nextInt(3));
            if (pool[i].length == 16 && rnd.nextBoolean()) { pool[i][10] = (byte) 0xff; pool[i][11] = (byte) 0xff; }
        }
        for (int n = 0; n < 200_000; n++) {
            byte[] a = pool[rnd.nextInt(pool.length)];
            String want = a.length == 4 ? (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff) : Sockets.v6(a);
            assertEquals(want, Sockets.ip(a));
            // the caller's array may change later: the cache keeps its own copy
            if (rnd.nextInt(50) == 0) a[rnd.nextInt(a.length)]++;
        }
    }
}
