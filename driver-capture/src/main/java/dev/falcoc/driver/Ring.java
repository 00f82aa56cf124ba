package dev.falcoc.driver;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;

/**
 * One BPF ring buffer read from Java through its mmap'ed pages, no per-record call: the consumer
 * page (RW) holds consumer_pos, the producer page (RO) producer_pos, then the data area mapped twice
 * so a record that wraps is contiguous. Records are 8-byte headers (u32 len with BUSY/DISCARD bits,
 * u32 page offset) followed by the payload, each rounded up to 8 bytes.
 */
final class Ring {
    private static final VarHandle LONG = ValueLayout.JAVA_LONG.varHandle();
    private static final VarHandle INT = ValueLayout.JAVA_INT.varHandle();
    private static final int BUSY = 1 << 31, DISCARD = 1 << 30, HDR = 8;

    final int cpu;
    private final MemorySegment consumer, producer, data;
    private final long mask;
    private long cons, prod;
    /** Payload offset in {@link #data} and length of the head record, valid after {@link #peek()} is true. */
    long headOff;
    int headLen;
    long headTs;

    Ring(int cpu, MemorySegment consumer, MemorySegment producer, MemorySegment data, long size) {
        this.cpu = cpu;
        this.consumer = consumer;
        this.producer = producer;
        this.data = data;
        this.mask = size - 1;
        this.cons = (long) LONG.getAcquire(consumer, 0L);
    }

    MemorySegment data() { return data; }

    /**
     * Positions the head on the next committed record before the producer position last seen by
     * {@link #refresh()}; false when that batch is used up (or the head is still being written).
     * The producer's position is not re-read here: chasing it record by record would pull the
     * cache lines the producing CPU is writing at that moment (the doc's 380-650 ns per syscall).
     */
    boolean peek() {
        while (true) {
            if (cons >= prod) return false;
            long off = cons & mask;
            int h = (int) INT.getAcquire(data, off);
            if ((h & BUSY) != 0) return false;
            int len = h & ~(BUSY | DISCARD);
            if ((h & DISCARD) != 0) {
                cons += (len + HDR + 7) & ~7L;
                continue;
            }
            headOff = off + HDR;
            headLen = len;
            headTs = data.get(ValueLayout.JAVA_LONG_UNALIGNED, headOff);
            return true;
        }
    }

    /** Steps over the head record (its bytes may be reused by the producer once published). */
    void advance() { cons += (headLen + HDR + 7) & ~7L; }

    /** Tells the kernel how far we have read: done once per batch, not per record. */
    void publish() { LONG.setRelease(consumer, 0L, cons); }

    /** Reads the producer position once: the end of the next batch. Returns the bytes it holds. */
    long refresh() {
        prod = (long) LONG.getAcquire(producer, 0L);
        return prod - cons;
    }
}
