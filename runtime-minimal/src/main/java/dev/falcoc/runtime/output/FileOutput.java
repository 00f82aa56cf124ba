package dev.falcoc.runtime.output;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** file_output: appends each alert; without keep_alive the file is reopened for every alert, as Falco does. */
public final class FileOutput implements Output {
    private final Path file;
    private final boolean keepAlive;
    private final boolean flushEach;
    private Writer w;

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
                w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE));
            } catch (IOException e) {
                throw new IOException("failed to open output file " + file, e);
            }
        }
        w.write(a.message());
        w.write('\n');
        if (!keepAlive) close();
        else if (flushEach) w.flush();
    }

    @Override
    public void close() throws IOException {
        if (w != null) {
            Writer x = w;
            w = null;
            x.close();
        }
    }
}
