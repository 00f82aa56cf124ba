package dev.falcoc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.ir.IrNode;
import dev.falcoc.compiler.ir.Lowering;
import dev.falcoc.compiler.ir.Matcher;
import dev.falcoc.compiler.schema.FieldResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The official rules chain compiles on both backends, within the method size budget, and both agree. */
class OfficialRulesTest {
    static final String[] CHAIN = {"falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml"};

    static Path rulesDir() {
        for (String base : new String[] {System.getProperty("falcoc.shared", ""), "/work/shared"}) {
            Path p = Path.of(base, "rules");
            if (!base.isEmpty() && Files.isRegularFile(p.resolve(CHAIN[0]))) return p;
        }
        return null;
    }

    static List<Compiled.CRule> officialRules() throws Exception {
        Path dir = rulesDir();
        Assumptions.assumeTrue(dir != null, "shared rules not found");
        RulesEngine engine = new RulesEngine();
        for (String f : CHAIN) {
            LoadResult r = engine.load(f, Files.readString(dir.resolve(f)));
            assertTrue(r.successful(), f + ": " + r.errors);
        }
        return new ArrayList<>(engine.output().rules().values());
    }

    @Test
    void everyRuleFitsTheMethodBudgetAndBackendsAgree() throws Exception {
        List<Compiled.CRule> rules = officialRules();
        Lowering low = new Lowering(FieldResolver.get(), Conditions.MAP_BINDER);
        List<IrNode> nodes = new ArrayList<>();
        for (Compiled.CRule r : rules) nodes.add(low.lower(r.ast));
        int maxLen = 0, helpers = 0;
        for (int i = 0; i < nodes.size(); i++) {
            RuleClassWriter.Generated g = RuleClassWriter.generate(rules.get(i).name, nodes.get(i), low.getters());
            for (int len : ClassFiles.codeLengths(g.bytes()).values()) maxLen = Math.max(maxLen, len);
            helpers += g.methods() - 1;
        }
        assertTrue(maxLen < 8000, "largest method " + maxLen);
        System.out.printf("official chain: %d rules, %d fields, largest method %d bytes, %d helper methods%n",
                rules.size(), low.getters().size(), maxLen, helpers);

        List<String> names = rules.stream().map(r -> r.name).toList();
        List<Matcher> bc = MatcherCompiler.compile(nodes, names, low, Backend.BYTECODE);
        List<Matcher> in = MatcherCompiler.compile(nodes, names, low, Backend.INTERPRETER);
        List<Matcher> tree = MatcherCompiler.compile(nodes, names, low, Backend.TREE);
        // as falcoc run does: trees first, generated after a few evaluations (low threshold: both tiers are exercised)
        List<Matcher> lazy = MatcherCompiler.compileLazily(rules, Conditions.MAP_BINDER, Backend.BYTECODE, 100);
        assertTrue(lazy.stream().allMatch(m -> m instanceof MatcherCompiler.Deferred));
        Random rnd = new Random(42);
        List<Map<String, Object>> events = SyntheticEvents.generate(nodes, low, rnd, 300);
        int fired = 0;
        for (Map<String, Object> e : events) {
            for (int i = 0; i < nodes.size(); i++) {
                boolean want = in.get(i).matches(e);
                assertEquals(want, bc.get(i).matches(e), names.get(i) + " on " + e);
                assertEquals(want, tree.get(i).matches(e), names.get(i) + " (tree) on " + e);
                assertEquals(want, lazy.get(i).matches(e), names.get(i) + " (generated lazily) on " + e);
                if (want) fired++;
            }
        }
        System.out.printf("official chain: %d rule matches over %d synthetic events%n", fired, events.size());
        // as in a replay: one context object per event stream, its serial bumped per event; the
        // shared checks of the trees decide once per event and must not leak into the next one
        SerialMap ctx = new SerialMap();
        for (Map<String, Object> e : events) {
            ctx.load(e);
            for (int i = 0; i < nodes.size(); i++) {
                assertEquals(in.get(i).matches(e), tree.get(i).matches(ctx), names.get(i) + " (tree, event serials) on " + e);
            }
        }
        assertTrue(lazy.stream().allMatch(m -> ((MatcherCompiler.Deferred) m).generated() != null), "every rule tiered up");
    }

    @Test
    void hugeConditionsAreSplitIntoHelpers() {
        StringBuilder sb = new StringBuilder("proc.name = p0");
        for (int i = 1; i < 3000; i++) sb.append(i % 3 == 0 ? " and not " : " or ").append("proc.name = p").append(i);
        Compiled.CRule rule = Conditions.rule(sb.toString());
        Lowering low = new Lowering(FieldResolver.get(), Conditions.MAP_BINDER);
        IrNode n = low.lower(rule.ast);
        RuleClassWriter.Generated g = RuleClassWriter.generate("huge", n, low.getters());
        Map<String, Integer> lens = ClassFiles.codeLengths(g.bytes());
        assertTrue(g.methods() > 1);
        lens.forEach((m, len) -> assertTrue(len < 8000, m + " has " + len + " bytes"));
        List<Matcher> bc = MatcherCompiler.compile(List.of(n), List.of("huge"), low, Backend.BYTECODE);
        List<Matcher> in = MatcherCompiler.compile(List.of(n), List.of("huge"), low, Backend.INTERPRETER);
        for (int i = 0; i < 3000; i += 7) {
            Map<String, Object> e = Map.of("proc.name", "p" + i);
            assertEquals(in.get(0).matches(e), bc.get(0).matches(e), "p" + i);
        }
    }

    /** A reused event context that says which event it holds, as the runtime's Evt does. */
    static final class SerialMap extends java.util.HashMap<String, Object> implements dev.falcoc.compiler.ir.EventSerial {
        private long serial;

        void load(Map<String, Object> e) {
            clear();
            putAll(e);
            serial++;
        }

        @Override
        public long eventSerial() { return serial; }
    }
}
