package dev.falcoc.cli;

import dev.falcoc.driver.DriverException;
import dev.falcoc.driver.LiveCapture;
import dev.falcoc.driver.LiveSession;
import dev.falcoc.runtime.Inspector;
import dev.falcoc.runtime.engine.RuleTable;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The live half of {@code falcoc run}: starts the eBPF driver for the selected rules, stops on SIGINT/SIGTERM. */
final class LiveRun {
    private LiveRun() {}

    /** Starts capturing for the rules' event types; null (after a clear message) when the driver cannot run. */
    static LiveSession start(RuleTable table, PrintWriter err) {
        Set<String> names = new TreeSet<>();
        List<List<RuleTable.Entry>> byCode = table.byCode();
        for (int code = 0; code < byCode.size(); code++) {
            if (!byCode.get(code).isEmpty()) names.add(Inspector.eventName(code));
        }
        LiveSession s;
        try {
            s = LiveSession.start(names);
        } catch (DriverException e) {
            err.println("falcoc: cannot capture live events: " + e.getMessage());
            err.flush();
            return null;
        }
        for (String n : s.capture.notes) err.println("falcoc: note: " + n);
        if (!s.unsupported.isEmpty())
            err.println("falcoc: note: the live driver does not report " + s.unsupported + "; rules on those event types will not fire");
        Runnable stop = s.capture::stop;
        for (String sig : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(sig), x -> stop.run());
            } catch (IllegalArgumentException e) {
                // signal in use by the VM: leave the default behaviour
            }
        }
        err.println("falcoc: live capture started (" + s.syscalls.size() + " syscalls traced); SIGINT or SIGTERM stops");
        err.flush();
        return s;
    }

    /** Capture figures for the end-of-run summary. */
    static void summary(LiveSession s, PrintWriter err) {
        LiveCapture.Counters c = s.capture.counters();
        err.println("falcoc: live capture: " + s.capture.events() + " events read, " + c.writtenTotal() + " written by the probe, "
                + c.drops() + " dropped (ring full " + sum(c.dropsBuffer()) + ", too large " + sum(c.dropsSize()) + ")");
        err.flush();
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long v : a) s += v;
        return s;
    }
}
