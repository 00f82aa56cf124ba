package dev.falcoc.runtime.output;

import java.io.IOException;
import java.io.Writer;

/** stdout_output: one line per alert; flushed per alert only when outputs are unbuffered. */
public final class WriterOutput implements Output {
    private final Writer w;
    private final boolean flushEach;

    public WriterOutput(Writer w, boolean flushEach) {
        this.w = w;
        this.flushEach = flushEach;
    }

    @Override public String name() { return "stdout"; }

    @Override
    public void output(Alert a) throws IOException {
        w.write(a.message());
        w.write('\n');
        if (flushEach) w.flush();
    }

    @Override
    public void close() throws IOException { w.flush(); }
}
