package dev.falcoc.compiler.codegen;

import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.interp.Interpreter;
import dev.falcoc.compiler.ir.FieldBinder;
import dev.falcoc.compiler.ir.IrNode;
import dev.falcoc.compiler.ir.Lowering;
import dev.falcoc.compiler.ir.Matcher;
import dev.falcoc.compiler.schema.FieldResolver;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns compiled rules into {@link Matcher}s: lowers each resolved condition to the IR (binding
 * every distinct field once through the runtime's binder), then either generates bytecode or
 * wraps the reference interpreter. The result is in the order of {@code rules}.
 */
public final class MatcherCompiler {
    private MatcherCompiler() {}

    public static List<Matcher> compile(List<Compiled.CRule> rules, FieldBinder binder, Backend backend) {
        return dev.falcoc.grammar.DeepStack.call(() -> compileHere(rules, binder, backend)); // deep conditions recurse deeply
    }

    private static List<Matcher> compileHere(List<Compiled.CRule> rules, FieldBinder binder, Backend backend) {
        Lowering lowering = new Lowering(FieldResolver.get(), binder);
        List<IrNode> nodes = new ArrayList<>(rules.size());
        List<String> names = new ArrayList<>(rules.size());
        for (Compiled.CRule r : rules) {
            nodes.add(r.ast == null ? new IrNode.Const(false) : lowering.lower(r.ast));
            names.add(r.name);
        }
        return compile(nodes, names, lowering, backend);
    }

    /**
     * As {@link #compile(List, FieldBinder, Backend)}, but with the bytecode backend each rule
     * starts as a {@link TreeMatcher} and its class is only generated once the rule has been
     * evaluated {@link #TIER_UP} times ({@link Deferred}): a replay pays nothing for the rules of
     * event types its capture does not contain, and no class for rules it evaluates a few
     * thousand times (generating, defining and linking one costs about as much as that many
     * evaluations). Conditions are lowered (and their fields bound) at once, so errors of the
     * front end still show here.
     */
    public static List<Matcher> compileLazily(List<Compiled.CRule> rules, FieldBinder binder, Backend backend) {
        return compileLazily(rules, binder, backend, TIER_UP);
    }

    /** As {@link #compileLazily(List, FieldBinder, Backend)}, generating classes after {@code tierUp} evaluations. */
    public static List<Matcher> compileLazily(List<Compiled.CRule> rules, FieldBinder binder, Backend backend, int tierUp) {
        if (backend != Backend.BYTECODE) return compile(rules, binder, backend);
        Lowering lowering = new Lowering(FieldResolver.get(), binder);
        List<IrNode> nodes = new ArrayList<>(rules.size());
        for (Compiled.CRule r : rules) nodes.add(r.ast == null ? new IrNode.Const(false) : lowering.lower(r.ast));
        List<dev.falcoc.compiler.ir.FieldGetter> getters = List.copyOf(lowering.getters());
        List<Matcher> out = new ArrayList<>(nodes.size());
        java.util.Map<TreeMatcher.SharedKey, TreeMatcher.Node> shared = new java.util.HashMap<>();
        for (int i = 0; i < nodes.size(); i++) out.add(new Deferred(rules.get(i).name, nodes.get(i), getters, shared, tierUp));
        return out;
    }

    /** Evaluations of a rule through its tree before its class is generated (see {@link #compileLazily}). */
    public static final int TIER_UP = Integer.getInteger("falcoc.tierUp", 1 << 16);

    /**
     * A rule's matcher that evaluates through a {@link TreeMatcher} (built on its first use) until
     * it has been evaluated {@link #TIER_UP} times, then through its generated class. Callers may
     * keep {@link #generated()} once it is not null.
     */
    public static final class Deferred implements Matcher {
        private final String name;
        private IrNode node;
        private List<dev.falcoc.compiler.ir.FieldGetter> getters;
        private Matcher tree;
        private Matcher compiled;
        private java.util.Map<TreeMatcher.SharedKey, TreeMatcher.Node> shared;
        private int tierUp;
        private int evaluations;

        Deferred(String name, IrNode node, List<dev.falcoc.compiler.ir.FieldGetter> getters,
                 java.util.Map<TreeMatcher.SharedKey, TreeMatcher.Node> shared, int tierUp) {
            this.name = name;
            this.node = node;
            this.getters = getters;
            this.shared = shared;
            this.tierUp = tierUp;
        }

        /** The generated matcher (generated now if it was not yet). */
        public Matcher get() {
            Matcher m = compiled;
            if (m == null) {
                m = compiled = RuleClassWriter.define(name, node, getters);
                node = null;
                getters = null;
                shared = null;
                tree = null;
            }
            return m;
        }

        /** The generated matcher once the rule has tiered up, else null. */
        public Matcher generated() { return compiled; }

        @Override
        public boolean matches(Object ctx) {
            return matches(ctx, dev.falcoc.compiler.ir.EventSerial.of(ctx));
        }

        @Override
        public boolean matches(Object ctx, long serial) {
            Matcher m = compiled;
            if (m != null) return m.matches(ctx, serial);
            if (evaluations++ >= tierUp && tree != null) {
                try {
                    m = get();
                } catch (IllegalStateException e) {
                    // the class could not be defined: the tree gives the same answers, keep it
                    tierUp = Integer.MAX_VALUE;
                }
                if (m != null) return m.matches(ctx, serial);
            }
            if ((m = tree) == null) m = tree = TreeMatcher.of(name, node, getters, shared);
            return m.matches(ctx, serial);
        }

        @Override
        public String toString() { return compiled != null ? compiled.toString() : "rule " + name + " (not generated yet)"; }
    }

    /** Compiles already lowered conditions; {@code names} label the generated classes. */
    public static List<Matcher> compile(List<IrNode> nodes, List<String> names, Lowering lowering, Backend backend) {
        List<Matcher> out = new ArrayList<>(nodes.size());
        if (backend == Backend.TREE) {
            List<dev.falcoc.compiler.ir.FieldGetter> getters = List.copyOf(lowering.getters());
            java.util.Map<TreeMatcher.SharedKey, TreeMatcher.Node> shared = new java.util.HashMap<>();
            for (int i = 0; i < nodes.size(); i++) out.add(TreeMatcher.of(names.get(i), nodes.get(i), getters, shared));
            return out;
        }
        if (backend == Backend.INTERPRETER) {
            Interpreter interp = new Interpreter(lowering.getters());
            for (IrNode n : nodes) out.add(interp.matcher(n));
            return out;
        }
        List<dev.falcoc.compiler.ir.FieldGetter> getters = List.copyOf(lowering.getters());
        for (int i = 0; i < nodes.size(); i++) out.add(RuleClassWriter.define(names.get(i), nodes.get(i), getters));
        return out;
    }
}
