package dev.falcoc.runtime.output;

import dev.falcoc.compiler.load.Priority;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Falco's syscall_event_drops: once a second the driver's counters are compared with the previous
 * second's; when more than {@code threshold} percent of the events were dropped and the token bucket
 * (rate, max_burst) has a token, the actions run: {@code log} a line on stderr, {@code alert} an
 * internal alert "Falco internal: syscall event drop" (priority Debug, as Falco 0.42) through the
 * configured outputs, {@code exit} stop the capture. Time is the event clock, as in Falco.
 */
public final class DropAlerts {
    public static final String RULE = "Falco internal: syscall event drop";
    private static final long SECOND = 1_000_000_000L;

    /** falco.yaml's syscall_event_drops block. */
    public record Config(double thresholdPercent, List<String> actions, double rate, double maxBurst, boolean simulateDrops) {
        public static final Config FALCO_DEFAULT = new Config(0.1, List.of("log", "alert"), 0.03333, 1, false);
    }

    /** Cumulative driver counters at one moment. */
    public record Counters(long events, long drops, long dropsBuffer, long dropsTooLarge, long dropsOther) {}

    /** What one check decided: the counters of the last second and the actions to take (empty: none). */
    public record Verdict(Counters delta, List<String> actions, String message) {}

    private final Config cfg;
    private long nextCheck;
    private Counters last = new Counters(0, 0, 0, 0, 0);
    private double tokens;
    private long lastRefill;
    private long secondsWithDrops, actionsTaken;

    public DropAlerts(Config cfg) {
        this.cfg = cfg;
        this.tokens = cfg.maxBurst();
    }

    /** Called for every event: the counters are read only once a second has passed; null unless actions are due. */
    public Verdict check(long ts, java.util.function.Supplier<Counters> counters) {
        if (nextCheck != 0 && ts <= nextCheck) return null;
        return check(ts, counters.get());
    }

    /** As above with counters at hand. */
    public Verdict check(long ts, Counters now) {
        if (nextCheck == 0) {
            // the baseline stays at zero (the capture's start): drops before the first event count too
            nextCheck = ts + SECOND;
            lastRefill = ts;
            return null;
        }
        if (ts <= nextCheck) return null;
        nextCheck = ts + SECOND;
        Counters d = new Counters(now.events() - last.events(), now.drops() - last.drops(), now.dropsBuffer() - last.dropsBuffer(),
                now.dropsTooLarge() - last.dropsTooLarge(), now.dropsOther() - last.dropsOther());
        last = now;
        if (cfg.simulateDrops()) d = new Counters(d.events(), 1, 1, 0, 0);
        if (d.drops() <= 0) return null;
        double ratio = 100.0 * d.drops() / Math.max(1, d.events());
        // simulated drops always act (Falco: the threshold is zero when simulating)
        if (!(ratio > cfg.thresholdPercent() || cfg.simulateDrops())) return null;
        secondsWithDrops++;
        if (!claimToken(ts)) return null;
        actionsTaken++;
        return new Verdict(d, cfg.actions(), RULE + ". " + d.drops() + " system calls dropped in last second.");
    }

    private boolean claimToken(long ts) {
        tokens = Math.min(cfg.maxBurst(), tokens + cfg.rate() * (ts - lastRefill) / (double) SECOND);
        lastRefill = ts;
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }

    /** Seconds in which drops crossed the threshold. */
    public long secondsWithDrops() { return secondsWithDrops; }

    /** Times the actions were taken (after the token bucket). */
    public long actionsTaken() { return actionsTaken; }

    /** The alert's output fields, with Falco's names (values as strings, as Falco prints them). */
    public static Map<String, Object> fields(Counters d) {
        Map<String, Object> f = new TreeMap<>();
        f.put("ebpf_enabled", "1");
        f.put("n_drops", Long.toString(d.drops()));
        f.put("n_drops_buffer_total", Long.toString(d.dropsBuffer()));
        f.put("n_drops_bug", Long.toString(d.dropsOther()));
        f.put("n_drops_max_event_size", Long.toString(d.dropsTooLarge()));
        f.put("n_drops_page_faults", "0");
        f.put("n_drops_scratch_map", "0");
        f.put("n_evts", Long.toString(d.events()));
        return f;
    }

    /** The Priority of Falco's drop alert. */
    public static Priority priority() { return Priority.DEBUG; }
}
