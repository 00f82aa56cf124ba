package dev.falcoc.cli;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM end {@code falcoc run} cleanly, live or replaying: the event loop stops at the
 * next event, then the outputs are flushed and closed and the summary is printed, so no alert is lost
 * or half-written. A second signal exits at once (for an event source that never returns). Closing
 * puts the previous handlers back (falcoc run may be called in-process, e.g. by tests).
 */
final class StopSignals implements AutoCloseable {
    private volatile boolean requested;
    private final Runnable onStop;
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    private StopSignals(Runnable onStop) { this.onStop = onStop; }

    /** Installs the handlers; {@code onStop} (may be null) wakes a blocked event source. */
    static StopSignals install(Runnable onStop) {
        StopSignals s = new StopSignals(onStop);
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal sig = new Signal(name);
                s.previous.add(Signal.handle(sig, x -> s.request()));
                s.signals.add(sig);
            } catch (IllegalArgumentException e) {
                // signal in use by the VM: leave the default behaviour
            }
        }
        return s;
    }

    void request() {
        if (requested) {
            System.err.println("falcoc: second signal: exiting without flushing");
            Runtime.getRuntime().halt(130);
        }
        requested = true;
        if (onStop != null) onStop.run();
    }

    boolean requested() { return requested; }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            try {
                Signal.handle(signals.get(i), previous.get(i));
            } catch (IllegalArgumentException e) {
                // as at install
            }
        }
    }
}
