package dev.falcoc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.ir.Matcher;
import dev.falcoc.compiler.load.Priority;
import dev.falcoc.compiler.schema.EventTable;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.runtime.config.FalcoConfig.RuleMatching;
import dev.falcoc.runtime.output.AlertFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineTest {
    /** Fake events: the context is the event's file name; each rule matches one name. */
    static Engine engine(RuleMatching m, List<String> hits, Stats[] stats) throws Exception {
        List<Compiled.CRule> rules = new ArrayList<>(RuleTableTest.rules());
        RuleTable t = new RuleTable(rules, Priority.DEBUG);
        Map<Integer, Matcher> ms = new HashMap<>();
        Map<Integer, AlertFormatter.RuleOutput> outs = new HashMap<>();
        for (RuleTable.Entry e : t.enabled()) {
            String name = e.rule().name;
            ms.put(e.id(), ctx -> {
                if (ctx instanceof Integer && name.equals("open_a")) throw new IllegalStateException("no such field");
                return name.equals("open_a") ? ctx.equals("/a") : true;
            });
            outs.put(e.id(), AlertFormatter.compile(e.rule(), FieldResolver.get()));
        }
        stats[0] = new Stats(rules.stream().map(r -> r.name).toList());
        return new Engine(t, ms, outs, m, stats[0], (r, ctx, ts) -> hits.add(r.rule() + "@" + ctx));
    }

    static int code(String name) { return EventTable.get().codesFor(name).stream().filter(c -> !EventTable.get().event(c).enter()).findFirst().orElseThrow(); }

    @Test
    void firstAndAll() throws Exception {
        List<String> hits = new ArrayList<>();
        Stats[] s = new Stats[1];
        Engine first = engine(RuleMatching.FIRST, hits, s);
        first.process("/a", code("open"), 1);
        first.process("/b", code("open"), 2);
        first.process("/a", code("execve"), 3);
        first.process("/a", code("close"), 4);
        assertEquals(List.of("open_a@/a", "open_c@/b", "exec_b@/a"), hits);
        hits.clear();
        Engine all = engine(RuleMatching.ALL, hits, s);
        all.process("/a", code("open"), 1);
        all.process("/a", 100_000, 2);
        assertEquals(List.of("open_a@/a", "open_c@/a"), hits);
        assertEquals("""
                Events detected: 2
                Rule counts by severity:
                   WARNING: 1
                   DEBUG: 1
                Triggered rules by rule name:
                   open_a: 1
                   open_c: 1
                """, s[0].format());
        assertEquals(2, s[0].events());
    }

    @Test
    void aFailingMatcherCountsAsNoMatch() throws Exception {
        List<String> hits = new ArrayList<>();
        Stats[] s = new Stats[1];
        Engine e = engine(RuleMatching.ALL, hits, s);
        e.process(42, code("open"), 1);
        assertEquals(1, e.evaluationErrors());
        assertEquals(List.of("open_c@42"), hits);
    }
}
