package dev.falcoc.cli;

/**
 * SIGINT and SIGTERM end {@code falcoc run} cleanly, live or replaying: the event loop stops at the
 * next event, then the outputs are flushed and closed and the summary is printed, so no alert is lost
 * or half-written. A second signal exits at once (for an event source that never returns).
 */
final class StopSignals {
    private volatile boolean requested;
    private final Runnable onStop;

    private StopSignals(Runnable onStop) { this.onStop = onStop; }

    /** Installs the handlers; {@code onStop} (may be null) wakes a blocked event source. */
    static StopSignals install(Runnable onStop) {
        StopSignals s = new StopSignals(onStop);
        for (String sig : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(sig), x -> s.request());
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
}
