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
