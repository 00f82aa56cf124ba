package dev.falcoc.runtime.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/**
 * The expected orders were printed by a std::unordered_map&lt;long, int&gt; of GNU libstdc++ 12
 * (the map libsinsp keeps fds in) after the same operations.
 */
class HashIterationOrderTest {

    @Test
    void newKeysGoFirstInTheirBucketOrFirstOverall() {
        LongMap<String> m = new LongMap<String>(8).withIterationOrder();
        for (long k : new long[] {0, 1, 2, 13, 5, 26}) m.put(k, "x");
        assertArrayEquals(new long[] {5, 2, 1, 26, 13, 0}, m.iterationOrder());
        m.remove(13);
        m.put(14, "x");
        m.put(5, "replaced"); // replacing a value keeps the node where it is
        assertArrayEquals(new long[] {5, 2, 14, 1, 26, 0}, m.iterationOrder());
    }

    @Test
    void rehashCopyAndClearFollowLibstdcxx() {
        LongMap<String> m = new LongMap<String>(8).withIterationOrder();
        for (long k = 0; k < 20; k++) m.put(k, "x"); // the 14th key grows the table from 13 to 29 buckets
        assertArrayEquals(new long[] {19, 18, 17, 16, 15, 14, 13, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, m.iterationOrder());
        for (long k : new long[] {3, 7, 16}) m.remove(k);
        m.put(29, "x");
        m.put(42, "x");
        assertArrayEquals(new long[] {19, 18, 17, 15, 14, 42, 13, 29, 0, 1, 2, 4, 5, 6, 8, 9, 10, 11, 12}, m.iterationOrder());
        // a cloned process: libsinsp inserts the parent's fds into a fresh table in the parent's order
        LongMap<String> child = new LongMap<String>(8).withIterationOrder();
        for (long k : m.iterationOrder()) child.put(k, "x");
        assertArrayEquals(new long[] {12, 11, 10, 9, 8, 6, 19, 18, 5, 17, 4, 15, 2, 14, 1, 42, 13, 29, 0}, child.iterationOrder());
        child.clear(); // keeps its bucket count
        child.put(4, "x");
        child.put(30, "x");
        assertArrayEquals(new long[] {30, 4}, child.iterationOrder());
    }

    @Test
    void mapsWithoutTrackingHaveNoOrder() {
        LongMap<String> m = new LongMap<>();
        m.put(1, "x");
        assertArrayEquals(null, m.iterationOrder());
    }
}
