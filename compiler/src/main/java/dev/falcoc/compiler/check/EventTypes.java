package dev.falcoc.compiler.check;

import dev.falcoc.compiler.schema.EventTable;
import dev.falcoc.grammar.ast.Expr;
import java.util.BitSet;
import java.util.List;

/**
 * Derives the event codes a resolved condition can match (Falco's ppm_event_codes): evt.type
 * checks give sets, and/or intersect/unite (swapped under negation, De Morgan), every other
 * check is neutral and stands for all events.
 */
public final class EventTypes {
    private EventTypes() {}

    /** Thrown for evt.type checks the derivation does not support. */
    public static final class Unsupported extends Exception {
        public Unsupported(String m) { super(m, null, false, false); }
    }

    /** One code space of the same set algebra: event codes, or ppm_sc (syscall) codes. */
    private interface Space {
        BitSet all();

        BitSet codesFor(String name);
    }

    public static BitSet codes(Expr e, EventTable table) throws Unsupported {
        return visit(e, false, new Space() {
            @Override public BitSet all() { return table.all(); }
            @Override public BitSet codesFor(String name) { return table.codesFor(name); }
        });
    }

    /** The ppm_sc codes a condition can match (libsinsp ppm_sc_codes), which falco -L names rules' events by. */
    public static BitSet scCodes(Expr e, EventTable table) throws Unsupported {
        return visit(e, false, new Space() {
            @Override public BitSet all() { return table.allSc(); }
            @Override public BitSet codesFor(String name) { return table.scCodesFor(name); }
        });
    }

    private static BitSet visit(Expr e, boolean negated, Space t) throws Unsupported {
        // instanceof tests, not a pattern switch: that would spin a class at every start (SwitchBootstraps)
        if (e instanceof Expr.And a) return combine(a.children(), !negated, negated, t);
        if (e instanceof Expr.Or o) return combine(o.children(), negated, negated, t);
        if (e instanceof Expr.Not n) return visit(n.child(), !negated, t);
        if (e instanceof Expr.UnaryCheck u && isTypeField(u.left()) && !((Expr.Field) u.left()).hasArg()) {
            // "evt.type exists" is an evt.type check that holds for every code, so a
            // negation complements it to nothing (unlike the neutral leaves).
            return negated ? new BitSet() : t.all();
        }
        if (e instanceof Expr.BinaryCheck b) {
            String op = b.op();
            // libsinsp only looks at the left side of =, ==, != and in checks
            if (!op.equals("=") && !op.equals("==") && !op.equals("!=") && !op.equals("in")) return t.all();
            if (b.left() instanceof Expr.Transformer tr && isTypeField(innermost(tr))) {
                throw new Unsupported("event code search does not support `evt.type`/`syscall.type` checks with transformers");
            }
            if (!(b.left() instanceof Expr.Field f) || !isTypeField(f) || f.hasArg()) return t.all();
            if (b.right() instanceof Expr.Transformer) {
                throw new Unsupported("right-hand field comparisons on `evt.type`/`syscall.type` checks are not supported by event code search");
            }
            List<String> names = b.right() instanceof Expr.ListValue l ? l.values() : List.of(((Expr.Value) b.right()).value());
            BitSet set = new BitSet();
            for (String n : names) set.or(t.codesFor(n));
            boolean complement = negated ^ op.equals("!=");
            if (complement) {
                BitSet all = t.all();
                all.andNot(set);
                return all;
            }
            return set;
        }
        return t.all();
    }

    /** intersect = true for "and" outside negation (and "or" inside it). */
    private static BitSet combine(List<Expr> children, boolean intersect, boolean negated, Space t) throws Unsupported {
        BitSet acc = null;
        for (Expr c : children) {
            BitSet s = visit(c, negated, t);
            if (acc == null) acc = s;
            else if (intersect) acc.and(s);
            else acc.or(s);
        }
        return acc == null ? t.all() : acc;
    }

    private static boolean isTypeField(Expr e) {
        return e instanceof Expr.Field f && (f.name().equals("evt.type") || f.name().equals("syscall.type"));
    }

    private static Expr innermost(Expr e) {
        while (e instanceof Expr.Transformer tr) e = tr.child();
        return e;
    }
}
