package dev.falcoc.driver;

import dev.falcoc.runtime.Inspector;
import dev.falcoc.runtime.state.State;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * A running live capture wired to the runtime: probe attached (tracing the rules' syscalls plus the
 * state engine's), state bootstrapped from /proc after attaching (so no process falls between the
 * scan and the first event), and an {@link Inspector} over the rings.
 */
public final class LiveSession implements AutoCloseable {
    public final LiveCapture capture;
    public final Inspector inspector;
    /** Event types the rules use that the probe does not report. */
    public final Set<String> unsupported;
    public final Set<Integer> syscalls;

    private LiveSession(LiveCapture capture, Inspector inspector, Set<String> unsupported, Set<Integer> syscalls) {
        this.capture = capture;
        this.inspector = inspector;
        this.unsupported = unsupported;
        this.syscalls = syscalls;
    }

    public static LiveSession start(Iterable<String> ruleEventNames) throws DriverException {
        Set<String> unsupported = new TreeSet<>();
        Set<Integer> sc = Syscalls.select(ruleEventNames, unsupported);
        LiveCapture cap = LiveCapture.open(sc);
        State st = new State();
        long boot;
        try {
            boot = Native.bootTimeNs();
        } catch (Throwable t) {
            boot = 0;
        }
        ProcScan.host().scan(st, hostname(), boot);
        return new LiveSession(cap, Inspector.open(cap, st), unsupported, sc);
    }

    private static String hostname() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        inspector.close();
    }
}
