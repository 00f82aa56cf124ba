package dev.falcoc.runtime.scap;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An input stream whose source is read by a background thread, a few chunks ahead of the reader.
 * A replay spends a fifth of its thread's time in the kernel copying the capture out of the page
 * cache (and, for a gzip capture, far more inflating it); here that happens on another core while
 * the replay thread parses, and the replay thread only copies bytes between two arrays.
 *
 * <p>Bytes come out in order and unchanged; an error of the source is thrown by the {@code read}
 * that reaches it, after every byte read before it, as if the source had been read directly.
 */
final class ReadAhead extends InputStream {
    /** Chunk size: large enough that handing a chunk over costs nothing per byte, small enough for the CPU's cache. */
    static final int CHUNK = 256 << 10;
    /** Chunks in flight: the reader thread stays this far ahead at most, which bounds the memory to DEPTH + 1 chunks. */
    private static final int DEPTH = 4;

    /** A filled chunk; {@code len < 0} marks the end of the source, {@code error} a failed read. */
    private record Chunk(byte[] data, int len, IOException error) {}

    private final InputStream source;
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(DEPTH + 1);
    private final BlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(DEPTH + 1);
    private final Thread worker;
    private volatile boolean closed;
    private Chunk cur;
    private int curPos;
    private boolean done;

    ReadAhead(InputStream source, String name) {
        this.source = source;
        for (int i = 0; i < DEPTH; i++) empty.add(new byte[CHUNK]);
        worker = Thread.ofPlatform().daemon().name("falcoc-read " + name).start(this::fill);
    }

    /** The background loop: fills empty chunks from the source until its end, an error or close. */
    private void fill() {
        try {
            while (!closed) {
                byte[] b = empty.take();
                int n = 0;
                Chunk c;
                try {
                    while (n < b.length) {
                        int r = source.read(b, n, b.length - n);
                        if (r < 0) break;
                        n += r;
                    }
                    c = new Chunk(b, n, null);
                } catch (IOException e) {
                    // the bytes before the error first, then the error itself
                    if (n > 0) filled.put(new Chunk(b, n, null));
                    filled.put(new Chunk(null, -1, e));
                    return;
                }
                if (n > 0) filled.put(c);
                if (n < b.length) {
                    filled.put(new Chunk(null, -1, null));
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed while waiting: nobody reads on
        }
    }

    /** The next chunk with bytes left; false at the end of the source. */
    private boolean advance() throws IOException {
        if (done) return false;
        if (cur != null && curPos < cur.len) return true;
        if (cur != null && cur.data != null) empty.offer(cur.data);
        cur = null;
        Chunk c;
        try {
            c = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading ahead");
        }
        if (c.len < 0) {
            done = true;
            if (c.error != null) throw c.error;
            return false;
        }
        cur = c;
        curPos = 0;
        return true;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) return 0;
        if (!advance()) return -1;
        int n = Math.min(len, cur.len - curPos);
        System.arraycopy(cur.data, curPos, b, off, n);
        curPos += n;
        return n;
    }

    @Override
    public int read() throws IOException {
        if (!advance()) return -1;
        return cur.data[curPos++] & 0xff;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        worker.interrupt();
        try {
            // the source is closed once its reader has let go of it (a read that ignores the
            // interrupt, as on a pipe, is given a moment and then closed under it)
            worker.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
