package dev.falcoc.runtime.output;

import dev.falcoc.runtime.config.FalcoConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends every alert to the configured outputs, in Falco's order. A failing output is reported on
 * stderr (once per output, then counted) and the others carry on.
 */
public final class Outputs implements AutoCloseable {
    private final List<Output> outputs = new ArrayList<>();
    private final PrintWriter err;
    private final long[] failures;
    private final boolean[] reported;

    /**
     * @param stdout where stdout_output (and http echo) write
     * @param err    where problems are reported
     */
    public Outputs(FalcoConfig cfg, Writer stdout, PrintWriter err) throws IOException {
        this.err = err;
        Runnable flushStdout = () -> {
            try { stdout.flush(); } catch (IOException ignored) { /* reported by the stdout output */ }
        };
        for (FalcoConfig.OutputConfig oc : cfg.outputs) {
            switch (oc.name()) {
                case "stdout" -> outputs.add(new WriterOutput(stdout, false));
                case "file" -> outputs.add(new FileOutput(Path.of(oc.options().get("filename")), "true".equals(oc.options().get("keep_alive")), !cfg.bufferedOutputs));
                // the outputs that wait on someone else get a bounded queue and a thread of their own
                case "program" -> outputs.add(queued(new ProgramOutput(oc.options().get("program"), "true".equals(oc.options().get("keep_alive")), flushStdout), cfg, err));
                case "http" -> outputs.add(queued(new HttpOutput(oc.options(), cfg.jsonOutput, stdout), cfg, err));
                case "syslog" -> outputs.add(new SyslogOutput("falco"));
                default -> { }
            }
        }
        failures = new long[outputs.size()];
        reported = new boolean[outputs.size()];
    }

    private static QueuedOutput queued(Output o, FalcoConfig cfg, PrintWriter err) {
        return new QueuedOutput(o, cfg.outputsQueueCapacity, cfg.outputTimeoutMillis, err);
    }

    /** For tests and embedding: explicit outputs. */
    public Outputs(List<Output> outputs, PrintWriter err) {
        this.err = err;
        this.outputs.addAll(outputs);
        failures = new long[outputs.size()];
        reported = new boolean[outputs.size()];
    }

    public boolean isEmpty() { return outputs.isEmpty(); }

    public void emit(Alert a) {
        for (int i = 0; i < outputs.size(); i++) {
            try {
                outputs.get(i).output(a);
            } catch (IOException | RuntimeException e) {
                failures[i]++;
                if (!reported[i]) {
                    reported[i] = true;
                    err.println("falcoc: " + outputs.get(i).name() + " output: " + message(e));
                    err.flush();
                }
            }
        }
    }

    static String message(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e.getCause() != null && e.getCause().getMessage() != null) m += " (" + e.getCause().getMessage() + ")";
        return m;
    }

    /** Alerts an output failed to deliver, by output name; empty when all went through. Complete after {@link #close()}. */
    public List<String> failureSummary() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            long failed = failures[i], dropped = 0, left = 0;
            if (outputs.get(i) instanceof QueuedOutput q) {
                failed += q.failed();
                dropped = q.dropped();
                left = q.leftAtClose();
            }
            if (failed + dropped + left == 0) continue;
            StringBuilder b = new StringBuilder(outputs.get(i).name()).append(": ").append(failed + dropped + left).append(" alert(s) not delivered");
            if (dropped + left > 0) {
                b.append(" (");
                if (dropped > 0) b.append(dropped).append(" dropped because its queue was full");
                if (dropped > 0 && left > 0) b.append(", ");
                if (left > 0) b.append(left).append(" still queued when it stalled at exit");
                b.append(')');
            }
            out.add(b.toString());
        }
        return out;
    }

    /** Alerts dropped by full output queues so far (Falco's outputs_queue_num_drops). */
    public long queueDrops() {
        long n = 0;
        for (Output o : outputs) if (o instanceof QueuedOutput q) n += q.dropped();
        return n;
    }

    @Override
    public void close() {
        for (int i = 0; i < outputs.size(); i++) {
            try {
                outputs.get(i).close();
            } catch (IOException | RuntimeException e) {
                if (!reported[i]) err.println("falcoc: " + outputs.get(i).name() + " output: " + message(e));
            }
        }
        err.flush();
    }
}
