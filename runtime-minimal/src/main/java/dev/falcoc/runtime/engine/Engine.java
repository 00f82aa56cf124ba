package dev.falcoc.runtime.engine;

import dev.falcoc.compiler.codegen.MatcherCompiler;
import dev.falcoc.compiler.ir.Matcher;
import dev.falcoc.runtime.config.FalcoConfig.RuleMatching;
import dev.falcoc.runtime.output.AlertFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates events against the enabled rules: a dispatch table indexed by event code holds each
 * code's candidate rules in Falco's evaluation order; {@code first} stops at the first match,
 * {@code all} reports every matching rule.
 */
public final class Engine {
    /** Receives each match (rule output, event context, timestamp). */
    @FunctionalInterface
    public interface MatchSink {
        void onMatch(AlertFormatter.RuleOutput rule, Object ctx, long ts);
    }

    /** A candidate rule in the dispatch table. */
    static final class Slot {
        final int id;
        /** May start as a {@link MatcherCompiler.Deferred}, replaced by its class once generated. */
        Matcher matcher;
        final AlertFormatter.RuleOutput output;

        Slot(int id, Matcher matcher, AlertFormatter.RuleOutput output) {
            this.id = id;
            this.matcher = matcher;
            this.output = output;
        }
    }

    private static final Slot[] NONE = new Slot[0];

    private final Slot[][] table;
    private final boolean all;
    private final Stats stats;
    private final MatchSink sink;
    private long evalErrors;
    private String firstEvalError;

    /**
     * @param table    the selected rules
     * @param matchers a matcher per enabled rule id
     * @param outputs  a compiled output per enabled rule id
     */
    public Engine(RuleTable table, Map<Integer, Matcher> matchers, Map<Integer, AlertFormatter.RuleOutput> outputs,
                  RuleMatching matching, Stats stats, MatchSink sink) {
        this.all = matching == RuleMatching.ALL;
        this.stats = stats;
        this.sink = sink;
        Map<Integer, Slot> slots = new HashMap<>();
        for (RuleTable.Entry e : table.enabled()) {
            slots.put(e.id(), new Slot(e.id(), matchers.get(e.id()), outputs.get(e.id())));
        }
        List<List<RuleTable.Entry>> byCode = table.byCode();
        this.table = new Slot[byCode.size()][];
        for (int code = 0; code < byCode.size(); code++) {
            List<Slot> l = new ArrayList<>();
            for (RuleTable.Entry e : byCode.get(code)) l.add(slots.get(e.id()));
            this.table[code] = l.isEmpty() ? NONE : l.toArray(Slot[]::new);
        }
    }

    /** Evaluates one event; returns the number of alerts raised. */
    public int process(Object ctx, int code, long ts) {
        stats.onEvent();
        if (code < 0 || code >= table.length) return 0;
        Slot[] cands = table[code];
        if (cands.length == 0) return 0;
        long serial = dev.falcoc.compiler.ir.EventSerial.of(ctx);
        int n = 0;
        for (Slot s : cands) {
            boolean m;
            try {
                Matcher mt = s.matcher;
                // a deferred rule evaluates through its tree until its class is generated, then the class is kept
                if (mt instanceof MatcherCompiler.Deferred d && d.generated() != null) s.matcher = mt = d.generated();
                m = mt.matches(ctx, serial);
            } catch (RuntimeException e) {
                // a failing field getter must not end the replay: the rule does not match this event
                evalErrors++;
                if (firstEvalError == null) firstEvalError = "rule '" + s.output.rule() + "': " + e;
                continue;
            }
            if (!m) continue;
            stats.onAlert(s.id, s.output.priority());
            sink.onMatch(s.output, ctx, ts);
            n++;
            if (!all) break;
        }
        return n;
    }

    public Stats stats() { return stats; }

    public long evaluationErrors() { return evalErrors; }

    public String firstEvaluationError() { return firstEvalError; }
}
