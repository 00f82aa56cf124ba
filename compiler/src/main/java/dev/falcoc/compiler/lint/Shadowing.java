package dev.falcoc.compiler.lint;

import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.load.Infos.RuleInfo;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * FALCOC_SHADOWED_RULE: with rule_matching: first (Falco's default), an event goes to the first
 * matching rule in load order. An earlier rule A shadows a later rule B when every conjunct of A
 * is also a conjunct of B (so B implies A) and A's event types cover B's.
 */
final class Shadowing {
    private Shadowing() {}

    static void run(LintContext cx) {
        List<RuleInfo> rules = cx.enabledRules();
        List<Set<String>> conj = new ArrayList<>();
        List<BitSet> events = new ArrayList<>();
        List<Boolean> live = new ArrayList<>();
        for (RuleInfo r : rules) {
            Compiled.CRule c = cx.compiled(r);
            conj.add(Conditions.printedConjuncts(c.ast));
            events.add(cx.syscallEvents(c));
            live.add(NeverFires.reason(c.ast, cx.resolver) == null);
        }
        for (int b = 0; b < rules.size(); b++) {
            for (int a = 0; a < b; a++) {
                if (!live.get(a) || !rules.get(a).source.equals(rules.get(b).source)) continue;
                if (!conj.get(b).containsAll(conj.get(a))) continue;
                BitSet extra = (BitSet) events.get(b).clone();
                extra.andNot(events.get(a));
                if (!extra.isEmpty()) continue;
                RuleInfo ra = rules.get(a), rb = rules.get(b);
                cx.report(LintCode.FALCOC_SHADOWED_RULE, "rule '" + rb.name + "' never fires under rule_matching: first: the earlier rule '"
                        + ra.name + "' matches every event it matches (its conditions are a subset of this rule's)", rb.ctx);
                break;
            }
        }
    }
}
