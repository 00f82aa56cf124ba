package dev.falcoc.runtime.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * program_output: the program runs under /bin/sh with the alert lines on its stdin (popen "w");
 * without keep_alive one process per alert, waited for like pclose.
 */
public final class ProgramOutput implements Output {
    private final String program;
    private final boolean keepAlive;
    private final Runnable beforeStart;
    private Process proc;
    /** The program being written to or waited for (what abort kills; set from the output thread, read from another). */
    private volatile Process current;
    private OutputStream in;

    /** {@code beforeStart} flushes our own stdout so the child's output does not overtake it. */
    public ProgramOutput(String program, boolean keepAlive, Runnable beforeStart) {
        this.program = program;
        this.keepAlive = keepAlive;
        this.beforeStart = beforeStart;
    }

    @Override public String name() { return "program"; }

    @Override
    public void output(Alert a) throws IOException {
        if (proc == null) {
            beforeStart.run();
            proc = new ProcessBuilder("/bin/sh", "-c", program)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            in = proc.getOutputStream();
            current = proc;
        }
        try {
            in.write((a.message() + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            // the program exited early (broken pipe): drop the alert as popen's writer would
        }
        if (!keepAlive) close();
    }

    /** Kills the program (and what its shell started) so a worker blocked writing to it or waiting for it returns. */
    @Override
    public void abort() {
        Process p = current;
        if (p == null) return;
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    @Override
    public void close() throws IOException {
        if (proc == null) return;
        Process p = proc;
        proc = null;
        try {
            in.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            p.waitFor();
            current = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
