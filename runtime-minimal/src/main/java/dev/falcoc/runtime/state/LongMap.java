package dev.falcoc.runtime.state;

import java.util.function.BiConsumer;

/** Open-addressing long → object map (no boxing on the per-event thread and fd lookups). */
public final class LongMap<V> {
    private static final long FREE = Long.MIN_VALUE;
    private long[] keys;
    private Object[] vals;
    private int size, mask;
    /** Optional: kept informed of keys added and removed (fd tables, whose order Falco shows). */
    private HashIterationOrder order;

    public LongMap() { this(16); }

    public LongMap(int cap) {
        int c = Integer.highestOneBit(Math.max(4, cap) * 2 - 1);
        keys = new long[c];
        vals = new Object[c];
        java.util.Arrays.fill(keys, FREE);
        mask = c - 1;
    }

    /** Makes this map track libstdc++'s iteration order of the same keys; see {@link #iterationOrder()}. */
    public LongMap<V> withIterationOrder() {
        order = new HashIterationOrder();
        return this;
    }

    /** The keys in the order std::unordered_map would iterate them, null unless tracked. */
    public long[] iterationOrder() { return order == null ? null : order.keys(); }

    private static int hash(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    @SuppressWarnings("unchecked")
    public V get(long k) {
        if (k == FREE) return null;
        for (int i = hash(k) & mask; ; i = (i + 1) & mask) {
            long kk = keys[i];
            if (kk == k) return (V) vals[i];
            if (kk == FREE) return null;
        }
    }

    @SuppressWarnings("unchecked")
    public V put(long k, V v) {
        if (k == FREE) return null;
        if ((size + 1) * 2 > keys.length) grow();
        for (int i = hash(k) & mask; ; i = (i + 1) & mask) {
            long kk = keys[i];
            if (kk == k) { V old = (V) vals[i]; vals[i] = v; return old; }
            if (kk == FREE) {
                keys[i] = k;
                vals[i] = v;
                size++;
                if (order != null) order.add(k);
                return null;
            }
        }
    }

    @SuppressWarnings("unchecked")
    public V remove(long k) {
        if (k == FREE) return null;
        int i = hash(k) & mask;
        while (true) {
            long kk = keys[i];
            if (kk == FREE) return null;
            if (kk == k) break;
            i = (i + 1) & mask;
        }
        V old = (V) vals[i];
        if (order != null) order.remove(k);
        // backward-shift deletion keeps probe chains intact without tombstones
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            long kj = keys[j];
            if (kj == FREE) break;
            int ideal = hash(kj) & mask;
            if (((j - ideal) & mask) >= ((j - i) & mask)) {
                keys[i] = kj;
                vals[i] = vals[j];
                i = j;
            }
        }
        keys[i] = FREE;
        vals[i] = null;
        size--;
        return old;
    }

    public int size() { return size; }

    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<Long, V> f) {
        for (int i = 0; i < keys.length; i++) if (keys[i] != FREE) f.accept(keys[i], (V) vals[i]);
    }

    /** Keys snapshot, safe to iterate while modifying the map. */
    public long[] keys() {
        long[] r = new long[size];
        int n = 0;
        for (long k : keys) if (k != FREE) r[n++] = k;
        return r;
    }

    public void clear() {
        java.util.Arrays.fill(keys, FREE);
        java.util.Arrays.fill(vals, null);
        size = 0;
        if (order != null) order.clear();
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        long[] ok = keys;
        Object[] ov = vals;
        keys = new long[ok.length * 2];
        vals = new Object[ok.length * 2];
        java.util.Arrays.fill(keys, FREE);
        mask = keys.length - 1;
        size = 0;
        HashIterationOrder o = order;
        order = null; // the same keys again: not new to the tracked order
        for (int i = 0; i < ok.length; i++) if (ok[i] != FREE) put(ok[i], (V) ov[i]);
        order = o;
    }
}
