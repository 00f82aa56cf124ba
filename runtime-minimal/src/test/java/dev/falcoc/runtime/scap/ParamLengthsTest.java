package dev.falcoc.runtime.scap;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reader's faster parameter-length arithmetic against the plain loops it replaced. */
class ParamLengthsTest {
    @Test
    void sumsEqualPlainLoops() {
        Random rnd = new Random(7);
        byte[] b = new byte[1100];
        for (int n = 0; n < 20_000; n++) {
            rnd.nextBytes(b);
            int o = rnd.nextInt(40), np = rnd.nextInt(256);
            long s16 = 0, s32 = 0;
            for (int i = 0; i < np; i++) s16 += Bytes.u16(b, o + i * 2);
            for (int i = 0; i < np; i++) s32 += Bytes.u32(b, o + i * 4);
            assertEquals(s16, ScapReader.sum16(b, o, np));
            assertEquals(s32, ScapReader.sum32(b, o, np));
        }
    }

    /** The quadratic search libscap does, as the reader did before. */
    static int reference(byte[] ev, int nparams, int lsize, int end) {
        for (int n = nparams; n >= 0; n--) {
            long valptr = 26L + (long) n * lsize;
            if (valptr > end) continue;
            for (int i = 0; i < n; i++) valptr += lsize == 2 ? Bytes.u16(ev, 26 + i * 2) : Bytes.u32(ev, 26 + i * 4);
            if (valptr < end) return -1;
            if (valptr == end) return n;
        }
        return -1;
    }

    @Test
    void v1NparamsAgreesWithTheQuadraticSearch() {
        Random rnd = new Random(11);
        byte[] ev = new byte[4096];
        int found = 0;
        for (int k = 0; k < 200_000; k++) {
            int lsize = rnd.nextInt(4) == 0 ? 4 : 2;
            int nparams = rnd.nextInt(24);
            int real = rnd.nextInt(nparams + 1);
            // plausible events: small lengths, values ending where the real count says, sometimes off
            java.util.Arrays.fill(ev, (byte) 0);
            int p = 26 + real * lsize;
            for (int i = 0; i < real; i++) {
                int l = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(rnd.nextBoolean() ? 9 : 64);
                if (lsize == 2) Bytes.put16(ev, 26 + i * 2, l); else Bytes.put32(ev, 26 + i * 4, l);
                p += l;
            }
            for (int i = real * lsize + 26; i < p && i < ev.length; i++) if (rnd.nextInt(5) == 0) ev[i] = (byte) rnd.nextInt(4);
            int end = Math.min(ev.length, Math.max(0, p + (rnd.nextInt(4) == 0 ? rnd.nextInt(21) - 10 : 0)));
            int want = reference(ev, nparams, lsize, end);
            assertEquals(want, ScapReader.v1Nparams(ev, nparams, lsize, end), "nparams " + nparams + " lsize " + lsize + " end " + end);
            // the same event further into a buffer (as read in place): the same count
            int o = rnd.nextInt(40);
            byte[] shifted = new byte[o + ev.length];
            System.arraycopy(ev, 0, shifted, o, ev.length);
            assertEquals(want, ScapReader.v1Nparams(shifted, o, nparams, lsize, end), "at " + o + ", nparams " + nparams + " lsize " + lsize + " end " + end);
            if (want >= 0) found++;
        }
        org.junit.jupiter.api.Assertions.assertTrue(found > 10_000, "cases with a count: " + found);
    }
}
