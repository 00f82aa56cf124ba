package dev.falcoc.runtime.scap;

import dev.falcoc.runtime.ScapException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a capture on a thread of its own, ahead of the consumer: events are copied into chunks
 * handed over in order through a bounded queue, so that reading, framing checks and v1 header
 * rewriting run on the second core, and start while the rules are still loading. The metadata
 * the reader meets (processes, fds, users...) reaches the real sink on the consumer's thread,
 * at the same place in the event sequence as without prefetching; a capture error surfaces from
 * {@link #next} after the events read before it. Nothing is reordered: the replay is identical.
 */
public final class PrefetchingSource implements EventSource {
    private static final int CHUNK_BYTES = 1 << 19, CHUNK_EVENTS = 8192, CHUNKS = 24;
    /** Events per chunk (smaller in tests, to cross many chunk boundaries). */
    private final int chunkEvents;

    /** A run of consecutive events, with the metadata calls met before each. */
    private static final class Chunk {
        byte[] bytes = new byte[CHUNK_BYTES];
        final int[] off = new int[CHUNK_EVENTS], cpu = new int[CHUNK_EVENTS], dropFlags = new int[CHUNK_EVENTS];
        final long[] blockOffset = new long[CHUNK_EVENTS];
        int n, used;
        /** Metadata calls and, for each, how many of the chunk's events came before it. */
        final List<Runnable> meta = new ArrayList<>();
        final List<Integer> metaAt = new ArrayList<>();
        boolean end;
        ScapException error;
        RuntimeException failure;

        void reset() {
            n = used = 0;
            meta.clear();
            metaAt.clear();
        }
    }

    private final ScapReader reader;
    private final BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(CHUNKS), free = new ArrayBlockingQueue<>(CHUNKS);
    private final Thread thread;
    private volatile boolean stopped;
    /** The producer's chunk being filled (metadata calls land in it). */
    private Chunk filling;
    /** The consumer's chunk, next event and next metadata call in it. */
    private Chunk current;
    private int next, nextMeta;
    private boolean done;

    /**
     * Starts reading {@code file} ahead; metadata goes to {@code sink} on the thread that calls
     * {@link #next}. {@code skipBadBlocks}: see {@link ScapReader#skipBadBlocks}.
     */
    public static PrefetchingSource open(java.nio.file.Path file, ScapSink sink, boolean skipBadBlocks) throws ScapException {
        return open(file, sink, skipBadBlocks, CHUNK_EVENTS);
    }

    static PrefetchingSource open(java.nio.file.Path file, ScapSink sink, boolean skipBadBlocks, int chunkEvents) throws ScapException {
        PrefetchingSource[] self = new PrefetchingSource[1];
        ScapReader r = ScapReader.open(file, new DeferredSink(sink, () -> self[0].filling));
        r.skipBadBlocks(skipBadBlocks);
        self[0] = new PrefetchingSource(r, Math.min(chunkEvents, CHUNK_EVENTS));
        self[0].thread.start();
        return self[0];
    }

    private PrefetchingSource(ScapReader reader, int chunkEvents) {
        this.reader = reader;
        this.chunkEvents = chunkEvents;
        for (int i = 0; i < CHUNKS - 1; i++) free.add(new Chunk());
        filling = new Chunk();
        thread = new Thread(this::produce, "falcoc-read");
        thread.setDaemon(true);
    }

    /** The underlying reader, for its skipped-block counts once the replay is over. */
    public ScapReader reader() { return reader; }

    private void produce() {
        RawEvent raw = new RawEvent();
        Chunk c = filling;
        try {
            while (!stopped) {
                if (!reader.next(raw)) {
                    c.end = true;
                    break;
                }
                int len = raw.len();
                if (c.n == chunkEvents || c.used + len > c.bytes.length && c.n > 0) {
                    full.put(c);
                    c = free.take();
                    c.reset();
                    filling = c;
                }
                if (len > c.bytes.length) c.bytes = new byte[len];
                System.arraycopy(raw.buf, raw.off, c.bytes, c.used, len);
                int i = c.n++;
                c.off[i] = c.used;
                c.cpu[i] = raw.cpu;
                c.dropFlags[i] = raw.dropFlags;
                c.blockOffset[i] = raw.blockOffset;
                c.used += len;
            }
        } catch (ScapException e) {
            c.error = e;
        } catch (InterruptedException e) {
            return; // closed
        } catch (RuntimeException e) {
            c.failure = e;
        }
        try {
            full.put(c);
        } catch (InterruptedException e) {
            // closed
        }
    }

    @Override
    public boolean next(RawEvent ev) throws ScapException {
        while (true) {
            if (done) return false;
            Chunk c = current;
            if (c != null && next < c.n) {
                runMeta(c, next);
                int i = next++;
                ev.buf = c.bytes;
                ev.off = c.off[i];
                ev.cpu = c.cpu[i];
                ev.dropFlags = c.dropFlags[i];
                ev.blockOffset = c.blockOffset[i];
                return true;
            }
            if (c != null) {
                runMeta(c, Integer.MAX_VALUE);
                if (c.end || c.error != null || c.failure != null) {
                    done = true;
                    if (c.error != null) throw c.error;
                    if (c.failure != null) throw c.failure;
                    return false;
                }
                // the caller is done with the chunk's last event: its bytes can be reused
                free.add(c);
            }
            try {
                current = full.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScapException("interrupted while reading the capture");
            }
            next = 0;
            nextMeta = 0;
        }
    }

    private void runMeta(Chunk c, int before) {
        while (nextMeta < c.meta.size() && c.metaAt.get(nextMeta) <= before) c.meta.get(nextMeta++).run();
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.close();
    }

    /** Records the reader's metadata calls in the chunk being filled, to be replayed by the consumer. */
    private record DeferredSink(ScapSink sink, java.util.function.Supplier<Chunk> chunk) implements ScapSink {
        private void later(Runnable r) {
            Chunk c = chunk.get();
            c.meta.add(r);
            c.metaAt.add(c.n);
        }

        @Override public void machine(int numCpus, long memoryBytes, long maxPid, String hostname, long bootTs, long flags) {
            later(() -> sink.machine(numCpus, memoryBytes, maxPid, hostname, bootTs, flags));
        }
        @Override public void process(ProcEntry p) { later(() -> sink.process(p)); }
        @Override public void fd(long tid, FdEntry fd) { later(() -> sink.fd(tid, fd)); }
        @Override public void user(long uid, long gid, String name, String home, String shell) { later(() -> sink.user(uid, gid, name, home, shell)); }
        @Override public void group(long gid, String name) { later(() -> sink.group(gid, name)); }
        @Override public void iface(String name, byte[] addr, byte[] netmask) { later(() -> sink.iface(name, addr, netmask)); }
    }
}
