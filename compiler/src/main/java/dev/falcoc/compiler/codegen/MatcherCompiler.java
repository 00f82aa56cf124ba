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
     * As {@link #compile(List, FieldBinder, Backend)}, but with the bytecode backend each rule's
     * class is only generated when the rule is first evaluated ({@link Deferred}): a replay pays
     * nothing for the rules of event types its capture does not contain. Conditions are lowered
     * (and their fields bound) at once, so errors of the front end still show here.
     */
    public static List<Matcher> compileLazily(List<Compiled.CRule> rules, FieldBinder binder, Backend backend) {
        if (backend == Backend.INTERPRETER) return compile(rules, binder, backend);
        Lowering lowering = new Lowering(FieldResolver.get(), binder);
        List<IrNode> nodes = new ArrayList<>(rules.size());
        for (Compiled.CRule r : rules) nodes.add(r.ast == null ? new IrNode.Const(false) : lowering.lower(r.ast));
        List<dev.falcoc.compiler.ir.FieldGetter> getters = List.copyOf(lowering.getters());
        List<Matcher> out = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) out.add(new Deferred(rules.get(i).name, nodes.get(i), getters));
        return out;
    }

    /** A rule's matcher whose class is generated on first use; callers may keep {@link #get()} instead. */
    public static final class Deferred implements Matcher {
        private final String name;
        private IrNode node;
        private List<dev.falcoc.compiler.ir.FieldGetter> getters;
        private Matcher compiled;

        Deferred(String name, IrNode node, List<dev.falcoc.compiler.ir.FieldGetter> getters) {
            this.name = name;
            this.node = node;
            this.getters = getters;
        }

        /** The generated matcher (generated now if it was not yet). */
        public Matcher get() {
            Matcher m = compiled;
            if (m == null) {
                m = compiled = RuleClassWriter.define(name, node, getters);
                node = null;
                getters = null;
            }
            return m;
        }

        @Override
        public boolean matches(Object ctx) { return get().matches(ctx); }

        @Override
        public String toString() { return compiled != null ? compiled.toString() : "rule " + name + " (not generated yet)"; }
    }

    /** Compiles already lowered conditions; {@code names} label the generated classes. */
    public static List<Matcher> compile(List<IrNode> nodes, List<String> names, Lowering lowering, Backend backend) {
        List<Matcher> out = new ArrayList<>(nodes.size());
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
