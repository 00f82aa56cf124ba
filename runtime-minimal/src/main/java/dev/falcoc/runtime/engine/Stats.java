package dev.falcoc.runtime.engine;

import dev.falcoc.compiler.load.Priority;
import java.util.List;
import java.util.Locale;

/** Alert counters and Falco's end-of-run summary (stats_manager::format). */
public final class Stats {
    private final List<String> ruleNames;   // by rule id: every compiled rule
    private final long[] byRule;
    private final long[] byPriority = new long[Priority.values().length];
    private long total;
    private long events;

    public Stats(List<String> ruleNames) {
        this.ruleNames = ruleNames;
        this.byRule = new long[ruleNames.size()];
    }

    void onAlert(int ruleId, Priority p) {
        total++;
        byRule[ruleId]++;
        byPriority[p.ordinal()]++;
    }

    void onEvent() { events++; }

    /** Events counted without being evaluated (nothing could match them). */
    public void addEvents(long n) { events += n; }

    public long events() { return events; }

    public long alerts() { return total; }

    public long alerts(int ruleId) { return byRule[ruleId]; }

    /** Exactly Falco's text: severities most severe first, rules in definition order, zero counts left out. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append("Events detected: ").append(total).append('\n');
        sb.append("Rule counts by severity:\n");
        for (Priority p : Priority.values()) {
            long n = byPriority[p.ordinal()];
            if (n == 0) continue;
            String name = p == Priority.INFORMATIONAL ? "INFO" : p.display().toUpperCase(Locale.ROOT);
            sb.append("   ").append(name).append(": ").append(n).append('\n');
        }
        sb.append("Triggered rules by rule name:\n");
        for (int i = 0; i < byRule.length; i++) {
            if (byRule[i] > 0) sb.append("   ").append(ruleNames.get(i)).append(": ").append(byRule[i]).append('\n');
        }
        return sb.toString();
    }
}
