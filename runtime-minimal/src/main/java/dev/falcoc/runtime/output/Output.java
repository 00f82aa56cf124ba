package dev.falcoc.runtime.output;

import java.io.IOException;

/** One alert destination (Falco's outputs: stdout, file, program, http, syslog). */
public interface Output extends AutoCloseable {
    String name();

    void output(Alert a) throws IOException;

    @Override
    void close() throws IOException;

    /** Gives up at once on a stalled output (a worker thread is stuck in it): no waiting, nothing flushed. */
    default void abort() {
        try {
            close();
        } catch (IOException | RuntimeException e) {
            // giving up anyway
        }
    }
}
