package dev.falcoc.runtime.state;

/**
 * The order in which libsinsp's fd table ({@code std::unordered_map<int64_t, ...>} of GNU
 * libstdc++) iterates its keys, kept up to date as keys come and go. Falco shows it in
 * {@code fd.types} and copies fd tables to cloned processes in it.
 *
 * <p>How libstdc++ orders nodes: one singly linked list where each bucket's nodes are adjacent; a
 * key hashes to itself, its bucket is {@code key mod bucketCount}; a new key goes first in its
 * bucket's run, or first in the whole list when its bucket is empty; a rehash re-links the nodes
 * the same way in their current order. Bucket counts follow libstdc++'s prime rehash policy
 * (first table 13 buckets, grown to the next listed prime of at least twice the count).
 */
public final class HashIterationOrder {
    /** libstdc++'s {@code __prime_list} (64-bit), as far as fd tables can plausibly grow. */
    private static final long[] PRIMES = {
        2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 103, 109, 113,
        127, 137, 139, 149, 157, 167, 179, 193, 199, 211, 227, 241, 257, 277, 293, 313, 337, 359, 383, 409, 439, 467,
        503, 541, 577, 619, 661, 709, 761, 823, 887, 953, 1031, 1109, 1193, 1289, 1381, 1493, 1613, 1741, 1879, 2029,
        2179, 2357, 2549, 2753, 2971, 3209, 3469, 3739, 4027, 4349, 4703, 5087, 5503, 5953, 6427, 6949, 7517, 8123,
        8783, 9497, 10273, 11113, 12011, 12983, 14033, 15173, 16411, 17749, 19183, 20753, 22447, 24281, 26267, 28411,
        30727, 33223, 35933, 38873, 42043, 45481, 49201, 53201, 57557, 62233, 67307, 72817, 78779, 85229, 92203,
        99733, 107897, 116731, 126271, 136607, 147793, 159871, 172933, 187091, 202409, 218971, 236897, 256279,
        277261, 299951, 324503, 351061, 379787, 410857, 444487, 480881, 520241, 562841, 608903, 658753, 712697,
        771049, 834181, 902483, 976369, 1056323, 1142821, 1236397, 1337629, 1447153, 1565659, 1693859, 1832561,
        1982627, 2144977, 2320627, 2510653, 2716249, 2938679, 3179303, 3439651, 3721303, 4026031, 4355707, 4712381};
    /** libstdc++'s shortcut for small bucket-count requests. */
    private static final int[] FAST_BUCKETS = {2, 2, 2, 3, 5, 5, 7, 7, 11, 11, 11, 11, 13, 13};

    private static final class Node {
        final long key;
        Node prev, next;

        Node(long key) { this.key = key; }
    }

    private final LongMap<Node> nodes = new LongMap<>(8);
    /** First node of each non-empty bucket's run, by bucket index. */
    private final LongMap<Node> bucketFirst = new LongMap<>(8);
    private Node head;
    private long bucketCount = 1, nextResize;

    void add(long key) {
        if (nodes.get(key) != null) return;
        long grow = bucketsNeededFor(nodes.size() + 1L);
        if (grow != 0) rehash(grow);
        Node n = new Node(key);
        nodes.put(key, n);
        linkFirstInBucket(n);
    }

    void remove(long key) {
        Node n = nodes.remove(key);
        if (n == null) return;
        long b = bucket(key);
        if (bucketFirst.get(b) == n) {
            if (n.next != null && bucket(n.next.key) == b) bucketFirst.put(b, n.next);
            else bucketFirst.remove(b);
        }
        if (n.prev != null) n.prev.next = n.next; else head = n.next;
        if (n.next != null) n.next.prev = n.prev;
    }

    /** Like unordered_map::clear: no keys, the bucket count stays. */
    void clear() {
        nodes.clear();
        bucketFirst.clear();
        head = null;
    }

    /** The keys in iteration order. */
    public long[] keys() {
        long[] out = new long[nodes.size()];
        int i = 0;
        for (Node n = head; n != null; n = n.next) out[i++] = n.key;
        return out;
    }

    private long bucket(long key) { return Long.remainderUnsigned(key, bucketCount); }

    private void linkFirstInBucket(Node n) {
        long b = bucket(n.key);
        Node first = bucketFirst.get(b);
        if (first == null) {
            n.prev = null;
            n.next = head;
            if (head != null) head.prev = n;
            head = n;
        } else {
            n.prev = first.prev;
            n.next = first;
            if (first.prev != null) first.prev.next = n; else head = n;
            first.prev = n;
        }
        bucketFirst.put(b, n);
    }

    /** _Prime_rehash_policy::_M_need_rehash: the new bucket count, or 0 to keep the table. */
    private long bucketsNeededFor(long elements) {
        if (elements <= nextResize) return 0;
        long minBuckets = Math.max(elements, nextResize != 0 ? 0 : 11);
        if (minBuckets >= bucketCount) return nextBucketCount(Math.max(minBuckets + 1, bucketCount * 2));
        nextResize = bucketCount;
        return 0;
    }

    /** _Prime_rehash_policy::_M_next_bkt (max load factor 1). */
    private long nextBucketCount(long n) {
        if (n < FAST_BUCKETS.length) {
            nextResize = FAST_BUCKETS[(int) n];
            return FAST_BUCKETS[(int) n];
        }
        for (int i = 6; i < PRIMES.length; i++) {
            if (PRIMES[i] >= n) {
                nextResize = PRIMES[i];
                return PRIMES[i];
            }
        }
        nextResize = Long.MAX_VALUE; // beyond any fd table: stop growing
        return 0;
    }

    private void rehash(long buckets) {
        Node n = head;
        head = null;
        bucketFirst.clear();
        bucketCount = buckets;
        while (n != null) {
            Node next = n.next;
            linkFirstInBucket(n);
            n = next;
        }
    }
}
