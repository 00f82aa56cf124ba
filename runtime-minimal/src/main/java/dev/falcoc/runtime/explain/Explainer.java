package dev.falcoc.runtime.explain;

import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.interp.Interpreter;
import dev.falcoc.compiler.ir.Candidates;
import dev.falcoc.compiler.ir.FieldBinder;
import dev.falcoc.compiler.ir.IrNode;
import dev.falcoc.compiler.ir.Lowering;
import dev.falcoc.compiler.ir.Matcher;
import dev.falcoc.compiler.ir.Values;
import dev.falcoc.compiler.schema.EventTable;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.grammar.ConditionParser;
import dev.falcoc.grammar.ParseException;
import dev.falcoc.grammar.ast.AstPrinter;
import dev.falcoc.grammar.ast.Expr;
import dev.falcoc.runtime.config.FalcoConfig.RuleMatching;
import dev.falcoc.runtime.engine.RuleTable;
import dev.falcoc.runtime.fields.ValueRendering;
import dev.falcoc.runtime.testing.RuleChain;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the evaluation tree of one rule on one event. The tree follows the condition as written
 * (macro references, list names and exceptions kept by name), walked in step with the resolved
 * condition the compiler produced; each node's result is the reference interpreter's value of
 * that resolved subtree lowered to the IR with the same field binder as the compiled matchers.
 */
public final class Explainer {
    private final RuleChain chain;
    private final FieldBinder binder;
    private final Lowering lowering;
    private final Map<Draft, IrNode> lowered = new IdentityHashMap<>();
    private Interpreter interp;

    public Explainer(RuleChain chain, FieldBinder binder) {
        this.chain = chain;
        this.binder = binder;
        this.lowering = new Lowering(FieldResolver.get(), binder);
    }

    /** Explains {@code ruleName} on the event {@code ctx} (dispatched with event code {@code code}). */
    public Explanation explain(String ruleName, Object ctx, int code, long evtNum, RuleMatching matching) {
        Compiled.CRule rule = chain.rule(ruleName);
        if (rule == null) throw new IllegalArgumentException("no rule '" + ruleName + "' in the loaded rules");
        EventTable events = EventTable.get();
        String evtType = code >= 0 && code < events.size() ? events.event(code).name() : "?";
        RuleTable.Entry entry = chain.table().enabled().stream().filter(e -> e.rule() == rule).findFirst().orElse(null);
        boolean indexed = rule.events != null && rule.events.get(code);

        // the written condition (exceptions appended, lists and macros unexpanded), beside the resolved one
        Expr written;
        try {
            written = ConditionParser.parse(rule.compiledConditionText != null ? rule.compiledConditionText : rule.conditionText);
        } catch (ParseException e) {
            written = rule.ast;
        }
        Draft root = walk(written, rule.ast, rule.exceptionNames == null ? List.of() : rule.exceptionNames, true);
        lowerAll(root);
        interp = new Interpreter(lowering.getters());
        Explanation.Node tree = finish(root, ctx, true);

        boolean verdict = tree.result();
        boolean matcherVerdict = entry != null && chain.matchers(binder).get(entry.id()).matches(ctx);
        if (entry == null) matcherVerdict = new Interpreter(lowering.getters()).eval(lowered.get(root), ctx);

        String shadowedBy = null;
        if (matching == RuleMatching.FIRST && entry != null && indexed && code < chain.table().byCode().size()) {
            for (RuleTable.Entry e : chain.table().byCode().get(code)) {
                if (e == entry) break;
                Matcher m = chain.matchers(binder).get(e.id());
                if (m.matches(ctx)) {
                    shadowedBy = e.rule().name;
                    break;
                }
            }
        }
        String suppressedBy = null;
        if (!verdict && tree.kind().equals("and") && !tree.children().isEmpty()) {
            // the rule's own condition held and an exception took it away
            List<Explanation.Node> cs = tree.children();
            boolean cond = cs.stream().filter(c -> !c.kind().equals("exception")).allMatch(Explanation.Node::result);
            if (cond) {
                for (Explanation.Node c : cs) if (c.kind().equals("exception") && c.result()) { suppressedBy = c.label(); break; }
            }
        }
        boolean fired = entry != null && indexed && matcherVerdict && shadowedBy == null;
        return new Explanation(rule.name, evtType, evtNum, matching.name().toLowerCase(java.util.Locale.ROOT), entry != null,
                indexed, verdict, matcherVerdict, shadowedBy, suppressedBy, fired, tree);
    }

    /** A node before evaluation: what it shows, and the resolved subtree it stands for. */
    private record Draft(String kind, String label, Expr resolved, Map<String, List<String>> lists, List<Draft> children) {}

    private Draft walk(Expr w, Expr r, List<String> exceptionNames, boolean top) {
        // the top-level "(condition) and not (exception)..." that Falco builds from exceptions
        if (top && !exceptionNames.isEmpty() && w instanceof Expr.And wa && r instanceof Expr.And ra
                && wa.children().size() == ra.children().size() && wa.children().size() >= 2) {
            List<Draft> cs = new ArrayList<>();
            cs.add(walk(wa.children().getFirst(), ra.children().getFirst(), List.of(), false));
            int n = wa.children().size() - 1;
            for (int i = 1; i < wa.children().size(); i++) {
                Expr wc = wa.children().get(i), rc = ra.children().get(i);
                String name = n == exceptionNames.size() ? exceptionNames.get(i - 1) : "exception #" + i;
                if (wc instanceof Expr.Not wn && rc instanceof Expr.Not rn) {
                    Draft inner = walk(wn.child(), rn.child(), List.of(), false);
                    cs.add(new Draft("exception", name, rn.child(), Map.of(), List.of(inner)));
                } else {
                    cs.add(walk(wc, rc, List.of(), false));
                }
            }
            return new Draft("and", "and", r, Map.of(), cs);
        }
        switch (w) {
            case Expr.Identifier id -> {
                Compiled.CMacro m = chain.output().macros().get(id.name());
                Expr body = null;
                if (m != null && m.condition != null) {
                    try {
                        body = ConditionParser.parse(m.condition);
                    } catch (ParseException e) {
                        body = null;
                    }
                }
                Draft inner = body != null ? walk(body, r, List.of(), false) : leafOrTree(r);
                return new Draft("macro", id.name(), r, Map.of(), List.of(inner));
            }
            case Expr.And a when r instanceof Expr.And b && a.children().size() == b.children().size() -> {
                List<Draft> cs = new ArrayList<>();
                for (int i = 0; i < a.children().size(); i++) cs.add(walk(a.children().get(i), b.children().get(i), List.of(), false));
                return new Draft("and", "and", r, Map.of(), cs);
            }
            case Expr.Or a when r instanceof Expr.Or b && a.children().size() == b.children().size() -> {
                List<Draft> cs = new ArrayList<>();
                for (int i = 0; i < a.children().size(); i++) cs.add(walk(a.children().get(i), b.children().get(i), List.of(), false));
                return new Draft("or", "or", r, Map.of(), cs);
            }
            case Expr.Not a when r instanceof Expr.Not b -> {
                return new Draft("not", "not", r, Map.of(), List.of(walk(a.child(), b.child(), List.of(), false)));
            }
            case Expr.BinaryCheck a when r instanceof Expr.BinaryCheck -> {
                Map<String, List<String>> lists = new LinkedHashMap<>();
                if (a.right() instanceof Expr.ListValue lv) {
                    for (String item : lv.values()) {
                        Compiled.CList l = chain.output().lists().get(item);
                        if (l != null) lists.put(item, l.items);
                    }
                }
                return new Draft("check", AstPrinter.print(a), r, lists, List.of());
            }
            default -> { return leafOrTree(r); }
        }
    }

    /** The resolved tree shown as is (when the written form cannot be matched to it). */
    private Draft leafOrTree(Expr r) {
        return switch (r) {
            case Expr.And a -> new Draft("and", "and", r, Map.of(), a.children().stream().map(this::leafOrTree).toList());
            case Expr.Or o -> new Draft("or", "or", r, Map.of(), o.children().stream().map(this::leafOrTree).toList());
            case Expr.Not n -> new Draft("not", "not", r, Map.of(), List.of(leafOrTree(n.child())));
            default -> new Draft("check", AstPrinter.print(r), r, Map.of(), List.of());
        };
    }

    /** Lowers every node first: the interpreter is built over the complete getter table. */
    private void lowerAll(Draft d) {
        lowered.put(d, lowering.lower(d.resolved()));
        for (Draft c : d.children()) lowerAll(c);
    }

    /** Evaluates a draft and its children; {@code reached} is false below a short-circuited branch. */
    private Explanation.Node finish(Draft d, Object ctx, boolean reached) {
        IrNode ir = lowered.get(d);
        boolean result = interp.eval(ir, ctx);
        List<Explanation.Node> cs = new ArrayList<>();
        boolean childReached = reached;
        for (Draft c : d.children()) {
            Explanation.Node n = finish(c, ctx, childReached);
            cs.add(n);
            // an exception node holds when the exception matches, i.e. when "and not (...)" is false
            boolean value = c.kind().equals("exception") ? !n.result() : n.result();
            if (d.kind().equals("and") && !value) childReached = false;
            if (d.kind().equals("or") && value) childReached = false;
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (ir instanceof IrNode.Check c) {
            values.put(c.left().text(), show(read(c.left(), ctx), c.left()));
            if (c.rhs() != null) values.put(c.rhs().text(), show(read(c.rhs(), ctx), c.rhs()));
        }
        String kind = ir instanceof IrNode.Const && d.kind().equals("check") ? "const" : d.kind();
        return new Explanation.Node(kind, d.label(), result, reached, values, d.lists(), cs);
    }

    private Object read(IrNode.FieldRef f, Object ctx) {
        return Values.apply(f.transforms(), lowering.getters().get(f.slot()).get(ctx));
    }

    private static String show(Object v, IrNode.FieldRef f) {
        if (v == null) return "<NA>";
        if (v instanceof Candidates c) {
            if (c.values().isEmpty()) return "<NA>";
            List<String> parts = new ArrayList<>();
            for (Object o : c.values()) parts.add(ValueRendering.text(o, f.field().type(), f.field().info().printFormat()));
            return "any of [" + String.join(", ", parts) + "]";
        }
        return ValueRendering.text(v, f.field().type(), f.field().info().printFormat());
    }
}
