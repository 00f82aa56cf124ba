package dev.falcoc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.compiler.codegen.Backend;
import dev.falcoc.compiler.codegen.MatcherCompiler;
import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.ir.FieldBinder;
import dev.falcoc.compiler.ir.Matcher;
import dev.falcoc.compiler.load.Priority;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.runtime.config.FalcoConfig;
import dev.falcoc.runtime.output.Alert;
import dev.falcoc.runtime.output.AlertFormatter;
import dev.falcoc.runtime.output.FieldRenderer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine with real compiled matchers (both backends) over fake map-backed events. */
class EngineWithMatchersTest {
    static final String RULES = """
            - list: shells
              items: [bash, sh]
            - macro: spawned
              condition: evt.type = execve
            - rule: shell
              desc: d
              condition: spawned and proc.name in (shells)
              output: "shell %proc.name pid=%proc.pid"
              priority: WARNING
              tags: [shell]
            - rule: any_exec
              desc: d
              condition: spawned and proc.pid > 10
              output: "exec %proc.name"
              priority: INFO
            """;

    static final FieldBinder BINDER = f -> ctx -> ((Map<?, ?>) ctx).get(f.text());

    static final FieldRenderer RENDER = new FieldRenderer() {
        @Override public Object jsonValue(FieldResolver.Resolved f, Object ctx) { return ((Map<?, ?>) ctx).get(f.text()); }
        @Override public String text(FieldResolver.Resolved f, Object ctx) {
            Object v = ((Map<?, ?>) ctx).get(f.text());
            return v == null ? "<NA>" : v.toString();
        }
    };

    List<String> replay(Backend backend, FalcoConfig cfg) throws Exception {
        RulesEngine re = new RulesEngine();
        LoadResult r = re.load("r.yaml", RULES);
        assertTrue(r.successful(), () -> r.errors.toString());
        List<Compiled.CRule> rules = new ArrayList<>(re.output().rules().values());
        RuleTable t = new RuleTable(rules, cfg.priority);
        RuleSelection.apply(t, List.of(), List.of(), List.of(), cfg.rulesSelection);
        List<RuleTable.Entry> enabled = t.enabled();
        List<Matcher> ms = MatcherCompiler.compile(enabled.stream().map(RuleTable.Entry::rule).toList(), BINDER, backend);
        Map<Integer, Matcher> byId = new HashMap<>();
        Map<Integer, AlertFormatter.RuleOutput> outs = new HashMap<>();
        for (int i = 0; i < enabled.size(); i++) {
            byId.put(enabled.get(i).id(), ms.get(i));
            outs.put(enabled.get(i).id(), AlertFormatter.compile(enabled.get(i).rule(), FieldResolver.get()));
        }
        AlertFormatter fmt = new AlertFormatter(cfg, RENDER, "h", FieldResolver.get());
        List<String> lines = new ArrayList<>();
        Stats stats = new Stats(rules.stream().map(x -> x.name).toList());
        Engine e = new Engine(t, byId, outs, cfg.ruleMatching, stats, (o, ctx, ts) -> {
            Alert a = fmt.format(o, ctx, ts);
            lines.add(a.message());
        });
        int execve = EngineTest.code("execve");
        e.process(Map.of("evt.type", "execve", "proc.name", "bash", "proc.pid", 42L, "evt.time", "t1"), execve, 1);
        e.process(Map.of("evt.type", "execve", "proc.name", "ls", "proc.pid", 43L, "evt.time", "t2"), execve, 2);
        e.process(Map.of("evt.type", "execve", "proc.name", "sh", "proc.pid", 5L, "evt.time", "t3"), execve, 3);
        lines.add(stats.format());
        return lines;
    }

    @Test
    void bothBackendsGiveFalcosAlerts() throws Exception {
        for (Backend b : Backend.values()) {
            List<String> all = replay(b, FalcoConfig.load(null, List.of("rule_matching=all")));
            assertEquals(List.of("t1: Warning shell bash pid=42", "t1: Informational exec bash", "t2: Informational exec ls",
                    "t3: Warning shell sh pid=5", """
                    Events detected: 4
                    Rule counts by severity:
                       WARNING: 2
                       INFO: 2
                    Triggered rules by rule name:
                       shell: 2
                       any_exec: 2
                    """), all, b.name());
            List<String> first = replay(b, FalcoConfig.load(null, List.of("priority=warning")));
            assertEquals(3, first.size(), b.name());
            List<String> tagged = replay(b, FalcoConfig.load(null, List.of("rules[].disable.tag=shell")));
            assertEquals(List.of("t1: Informational exec bash", "t2: Informational exec ls"), tagged.subList(0, 2), b.name());
        }
    }

    @Test
    void priorityThresholdDropsLowerRules() throws Exception {
        FalcoConfig c = FalcoConfig.load(null, List.of("priority=warning", "rule_matching=all"));
        assertEquals(Priority.WARNING, c.priority);
        List<String> l = replay(Backend.BYTECODE, c);
        assertEquals(List.of("t1: Warning shell bash pid=42", "t3: Warning shell sh pid=5"), l.subList(0, 2));
    }
}
