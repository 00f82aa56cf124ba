package dev.falcoc.runtime.event;

import java.util.Arrays;

/**
 * Values derived from byte slices of events (strings, argument lists, cgroups), found again by the
 * slice's content: the same processes execute the same commands and open the same files over and
 * over, and decoding their bytes again each time is most of a replay's allocation. Direct-mapped
 * and bounded (a new slice replaces the one in its slot; slices longer than {@code maxLen} are
 * not kept), so memory stays fixed whatever the capture. A hit compares every byte of the slice,
 * so a value is only ever reused for identical bytes. Values must be immutable.
 */
public final class SliceCache<V> {
    private final byte[][] keys;
    private final int[] hashes;
    private final Object[] values;
    private final int mask, maxLen;

    /** @param slots a power of two */
    public SliceCache(int slots, int maxLen) {
        if (Integer.bitCount(slots) != 1) throw new IllegalArgumentException("slots must be a power of two");
        keys = new byte[slots][];
        hashes = new int[slots];
        values = new Object[slots];
        mask = slots - 1;
        this.maxLen = maxLen;
    }

    /**
     * A cheap hash: the length, the first and last eight bytes and up to eight bytes spread over
     * the middle (a collision only costs a miss, as hits compare the whole slice).
     */
    public static int hash(byte[] b, int off, int len) {
        int h = len;
        int head = Math.min(len, 8);
        for (int i = 0; i < head; i++) h = 31 * h + b[off + i];
        for (int i = Math.max(head, len - 8); i < len; i++) h = 31 * h + b[off + i];
        if (len > 16) {
            int step = (len - 16) / 8 + 1;
            for (int i = 8; i < len - 8; i += step) h = 31 * h + b[off + i];
        }
        return h ^ (h >>> 16);
    }

    /** The value kept for exactly these bytes, or null. */
    @SuppressWarnings("unchecked")
    public V get(byte[] b, int off, int len, int hash) {
        int s = hash & mask;
        byte[] k = keys[s];
        if (k == null || hashes[s] != hash || k.length != len || !Arrays.equals(k, 0, len, b, off, off + len)) return null;
        return (V) values[s];
    }

    /** Keeps {@code v} for these bytes (unless they are longer than the limit); returns {@code v}. */
    public V put(byte[] b, int off, int len, int hash, V v) {
        if (len > maxLen) return v;
        int s = hash & mask;
        keys[s] = Arrays.copyOfRange(b, off, off + len);
        hashes[s] = hash;
        values[s] = v;
        return v;
    }

    public int maxLen() { return maxLen; }
}
