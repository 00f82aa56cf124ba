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
                case "program" -> outputs.add(new ProgramOutput(oc.options().get("program"), "true".equals(oc.options().get("keep_alive")), flushStdout));
                case "http" -> outputs.add(new HttpOutput(oc.options(), cfg.jsonOutput, stdout));
                case "syslog" -> outputs.add(new SyslogOutput("falco"));
                default -> { }
            }
        }
        failures = new long[outputs.size()];
        reported = new boolean[outputs.size()];
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

    private static String message(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e.getCause() != null && e.getCause().getMessage() != null) m += " (" + e.getCause().getMessage() + ")";
        return m;
    }

    /** Alerts an output failed to deliver, by output name; empty when all went through. */
    public List<String> failureSummary() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) if (failures[i] > 0) out.add(outputs.get(i).name() + ": " + failures[i] + " alert(s) not delivered");
        return out;
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
