package dev.falcoc.cli;

import dev.falcoc.driver.DriverException;
import dev.falcoc.driver.LiveCapture;
import dev.falcoc.driver.LiveSession;
import dev.falcoc.driver.Privileges;
import dev.falcoc.runtime.Inspector;
import dev.falcoc.runtime.engine.RuleTable;
import dev.falcoc.runtime.output.DropAlerts;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The live half of {@code falcoc run}: starts the eBPF driver for the selected rules, stops on SIGINT/SIGTERM. */
final class LiveRun {
    private LiveRun() {}

    /** Starts capturing for the rules' event types; null (after a clear message) when the driver cannot run. */
    static LiveSession start(RuleTable table, java.nio.file.Path write, PrintWriter err) {
        Set<String> names = new TreeSet<>();
        List<List<RuleTable.Entry>> byCode = table.byCode();
        for (int code = 0; code < byCode.size(); code++) {
            if (!byCode.get(code).isEmpty()) names.add(Inspector.eventName(code));
        }
        LiveSession s;
        try {
            s = LiveSession.start(names, write);
        } catch (DriverException e) {
            err.println("falcoc: cannot capture live events: " + e.getMessage());
            err.flush();
            return null;
        }
        try {
            // attached and /proc scanned: from here on falcoc needs no privilege (see Privileges)
            err.println("falcoc: " + Privileges.dropAllBut(Privileges.neededAfterAttach()).describe());
        } catch (DriverException e) {
            err.println("falcoc: warning: " + e.getMessage() + "; going on with the capabilities falcoc was started with");
        }
        for (String n : s.capture.notes) err.println("falcoc: note: " + n);
        if (!s.unsupported.isEmpty())
            err.println("falcoc: note: the live driver does not report " + s.unsupported + "; rules on those event types will not fire");
        err.println("falcoc: live capture started (" + s.syscalls.size() + " syscalls traced); SIGINT or SIGTERM stops");
        err.flush();
        return s;
    }

    /** The project's bundled ruleset (test-rules/rules/falcoc_rules.yaml) as a file; null when this build lacks it. */
    static java.nio.file.Path bundledRules(PrintWriter err) {
        try (java.io.InputStream in = LiveRun.class.getResourceAsStream("/dev/falcoc/cli/bundled/falcoc_rules.yaml")) {
            if (in == null) return null;
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("falcoc-rules");
            java.nio.file.Path f = dir.resolve("falcoc_rules.yaml");
            java.nio.file.Files.write(f, in.readAllBytes());
            f.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            err.println("falcoc: no rules given: using the bundled ruleset (falcoc_rules.yaml)");
            return f;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Capture figures for the end-of-run summary. */
    static void summary(LiveSession s, DropAlerts drops, PrintWriter err) {
        LiveCapture.Counters c = s.capture.counters();
        err.println("falcoc: live capture: " + s.capture.events() + " events read, " + c.writtenTotal() + " written by the probe, "
                + c.drops() + " dropped (ring full " + sum(c.dropsBuffer()) + ", too large " + sum(c.dropsSize()) + ")");
        err.println("falcoc: state: " + s.inspector.threadCount() + " threads tracked at the end, largest fd table " + s.inspector.largestFdTable()
                + (s.inspector.threadTableFull() + s.inspector.fdTableFull() > 0
                        ? "; not tracked because their table was full: " + s.inspector.threadTableFull() + " threads, " + s.inspector.fdTableFull() + " fds"
                        : ""));
        if (drops.secondsWithDrops() > 0) {
            err.println("falcoc: syscall event drops: " + drops.secondsWithDrops() + " second(s) over the threshold, actions taken "
                    + drops.actionsTaken() + " time(s)");
        }
        err.flush();
    }

    /** The driver's cumulative counters as the drop monitor reads them. */
    static DropAlerts.Counters dropCounters(LiveSession s) {
        LiveCapture.Counters c = s.capture.counters();
        return new DropAlerts.Counters(c.writtenTotal() + c.drops(), c.drops(), sum(c.dropsBuffer()), sum(c.dropsSize()), sum(c.dropsNoRing()));
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long v : a) s += v;
        return s;
    }
}
