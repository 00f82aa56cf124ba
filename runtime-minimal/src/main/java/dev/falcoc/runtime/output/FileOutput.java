package dev.falcoc.runtime.output;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * file_output: appends each alert; without keep_alive the file is reopened for every alert, as Falco
 * does. Alerts reach the file only as whole lines (the buffer is written out at line boundaries), so
 * a reader or a killed falcoc never sees half an alert.
 */
public final class FileOutput implements Output {
    /** Buffered alerts are written out once this many bytes are pending. */
    static final int BUFFER_BYTES = 64 * 1024;

    private final Path file;
    private final boolean keepAlive;
    private final boolean flushEach;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream(BUFFER_BYTES + 1024);
    private OutputStream w;

    public FileOutput(Path file, boolean keepAlive) {
        this(file, keepAlive, true);
    }

    /** {@code flushEach}: Falco's buffered_outputs false (its default), so a killed process loses no alert. */
    public FileOutput(Path file, boolean keepAlive, boolean flushEach) {
        this.file = file;
        this.keepAlive = keepAlive;
        this.flushEach = flushEach;
    }

    @Override public String name() { return "file"; }

    @Override
    public void output(Alert a) throws IOException {
        if (w == null) {
            try {
                w = new FileOutputStream(file.toFile(), true);
            } catch (IOException e) {
                throw new IOException("failed to open output file " + file, e);
            }
        }
        pending.write(a.message().getBytes(StandardCharsets.UTF_8));
        pending.write('\n');
        if (!keepAlive) close();
        else if (flushEach || pending.size() >= BUFFER_BYTES) writePending();
    }

    /** One write of whole lines. */
    private void writePending() throws IOException {
        writePending(w);
    }

    private void writePending(OutputStream to) throws IOException {
        if (pending.size() == 0) return;
        try {
            pending.writeTo(to);
        } finally {
            pending.reset();
        }
    }

    @Override
    public void close() throws IOException {
        if (w != null) {
            OutputStream x = w;
            w = null;
            try {
                writePending(x);
            } finally {
                x.close();
            }
        }
    }
}
