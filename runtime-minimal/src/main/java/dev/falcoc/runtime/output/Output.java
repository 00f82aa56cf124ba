package dev.falcoc.runtime.output;

import java.io.IOException;

/** One alert destination (Falco's outputs: stdout, file, program, http, syslog). */
public interface Output extends AutoCloseable {
    String name();

    void output(Alert a) throws IOException;

    @Override
    void close() throws IOException;
}
