package dev.falcoc.compiler.ir;

import dev.falcoc.compiler.schema.FieldResolver;
import java.util.List;

/**
 * The lowered condition: boolean structure over typed checks whose constants are already parsed
 * for the field's kind. Both the bytecode generator and the reference interpreter consume it.
 */
public sealed interface IrNode {
    record And(List<IrNode> children) implements IrNode {
        public And { children = List.copyOf(children); }
    }

    record Or(List<IrNode> children) implements IrNode {
        public Or { children = List.copyOf(children); }
    }

    record Not(IrNode child) implements IrNode {}

    /** A check folded at compile time (e.g. {@code x in ()} is always false). */
    record Const(boolean value) implements IrNode {}

    /**
     * One comparison. {@code values} holds the parsed constants (String, Long, Double, Boolean,
     * byte[], IpAddr, IpNet, Glob, Regex) when {@code rhs} is null; {@code rhs} is the right-hand
     * field of a field-vs-field comparison. EXISTS has neither.
     */
    record Check(FieldRef left, Op op, List<Object> values, FieldRef rhs) implements IrNode {
        public Check { values = values == null ? null : List.copyOf(values); }
    }

    /**
     * A field read: {@code slot} indexes the getters bound for the ruleset, {@code transforms}
     * are applied innermost first, {@code kind} and {@code list} describe the transformed value.
     */
    record FieldRef(int slot, FieldResolver.Resolved field, List<Transform> transforms, Kind kind, boolean list) {
        public FieldRef { transforms = List.copyOf(transforms); }

        public String text() {
            String s = field.text();
            for (Transform t : transforms) s = t.name().toLowerCase(java.util.Locale.ROOT) + "(" + s + ")";
            return s;
        }
    }
}
