package dev.falcoc.compiler.codegen;

import dev.falcoc.compiler.ir.EventSerial;
import dev.falcoc.compiler.ir.FieldGetter;
import dev.falcoc.compiler.ir.IrNode;
import dev.falcoc.compiler.ir.Matcher;
import dev.falcoc.compiler.ir.Op;
import dev.falcoc.compiler.ir.Transform;
import dev.falcoc.compiler.ir.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A rule's condition as a tree of small node objects over the predicates of the generated
 * classes ({@link Preds}): built in microseconds (no class to write, define, verify or link),
 * so rules evaluated a few thousand times in a replay cost far less this way than with a class
 * of their own. Children of and/or are flattened, folded and ordered exactly as
 * {@link RuleClassWriter} orders them, so the fields are read in the generated code's order.
 * Unlike the generated code, a field read twice in one condition is asked twice (getters
 * remember their value for the event, so only util.cnt could tell, as with the interpreter).
 * Identical checks of different rules are one node, which decides once per event (see
 * {@link Memo}) when the context says which event it holds ({@link EventSerial}); the trees of
 * one ruleset are therefore evaluated by one thread at a time (as a replay does).
 * Plain instanceof tests rather than pattern switches: a type switch bootstraps a class at
 * run time.
 */
final class TreeMatcher implements Matcher {
    private final String name;
    private final Node root;

    private TreeMatcher(String name, Node root) {
        this.name = name;
        this.root = root;
    }

    /**
     * The tree of a condition; {@code shared} holds the check nodes built so far for other rules
     * of the ruleset: macros put the same checks (with the same long lists) into many rules, and
     * building their predicates (hash sets, prefix tables) was most of the building time.
     */
    static TreeMatcher of(String name, IrNode condition, List<FieldGetter> getters, Map<SharedKey, Node> shared) {
        return new TreeMatcher(name, new Builder(getters, shared).build(condition));
    }

    @Override
    public boolean matches(Object ctx) {
        return root.eval(ctx, EventSerial.of(ctx));
    }

    @Override
    public boolean matches(Object ctx, long serial) {
        return root.eval(ctx, serial);
    }

    @Override
    public String toString() { return "rule " + name; }

    /** A node with the cost {@link RuleClassWriter} orders and/or children by. */
    abstract static class Node {
        final int cost;
        Node(int cost) { this.cost = cost; }
        /** The node's value for the event in ctx; {@code serial} as {@link EventSerial}, or {@link EventSerial#NONE}. */
        abstract boolean eval(Object ctx, long serial);
    }

    static final class Const extends Node {
        final boolean value;
        Const(boolean value) { super(0); this.value = value; }
        @Override boolean eval(Object ctx, long serial) { return value; }
    }

    private static final Const TRUE = new Const(true), FALSE = new Const(false);

    static final class Not extends Node {
        final Node child;
        Not(Node child) { super(child.cost); this.child = child; }
        @Override boolean eval(Object ctx, long serial) { return !child.eval(ctx, serial); }
    }

    static final class And extends Node {
        final Node[] kids;
        And(Node[] kids, int cost) { super(cost); this.kids = kids; }
        @Override boolean eval(Object ctx, long serial) {
            for (Node k : kids) if (!k.eval(ctx, serial)) return false;
            return true;
        }
    }

    static final class Or extends Node {
        final Node[] kids;
        Or(Node[] kids, int cost) { super(cost); this.kids = kids; }
        @Override boolean eval(Object ctx, long serial) {
            for (Node k : kids) if (k.eval(ctx, serial)) return true;
            return false;
        }
    }

    /**
     * A check on one field, shared by the rules with the same check: it remembers its outcome for
     * the event last evaluated (context and serial), so the other rules of that event pay a
     * compare instead of a getter call and a test. Not for fields whose reads count (util.cnt).
     */
    abstract static class Memo extends Node {
        private final boolean memo;
        private Object memoCtx;
        private long memoSerial;
        private boolean memoResult;

        Memo(int cost, FieldGetter getter) {
            super(cost);
            this.memo = getter.stable();
        }

        abstract boolean test(Object ctx);

        @Override boolean eval(Object ctx, long serial) {
            if (serial == EventSerial.NONE || !memo) return test(ctx);
            if (memoSerial == serial && memoCtx == ctx) return memoResult;
            boolean r = test(ctx);
            memoResult = r;
            memoSerial = serial;
            memoCtx = ctx;
            return r;
        }
    }

    /** A check against constants: the field's (transformed) value through the generated code's predicate. */
    static final class Check extends Memo {
        final FieldGetter getter;
        final Transform[] transforms;
        final Pred pred;
        Check(int cost, FieldGetter getter, Transform[] transforms, Pred pred) {
            super(cost, getter);
            this.getter = getter;
            this.transforms = transforms;
            this.pred = pred;
        }
        @Override boolean test(Object ctx) { return pred.test(read(getter, transforms, ctx)); }
    }

    static final class Exists extends Memo {
        final FieldGetter getter;
        final Transform[] transforms;
        final Pred.Exists pred = new Pred.Exists();
        Exists(int cost, FieldGetter getter, Transform[] transforms) {
            super(cost, getter);
            this.getter = getter;
            this.transforms = transforms;
        }
        @Override boolean test(Object ctx) { return pred.test(read(getter, transforms, ctx)); }
    }

    /** A field-vs-field check: left read before right, as in the generated code. */
    static final class Pair extends Node {
        final FieldGetter left, right;
        final Transform[] lt, rt;
        final Preds.FieldPair pred;
        Pair(int cost, FieldGetter left, Transform[] lt, FieldGetter right, Transform[] rt, Preds.FieldPair pred) {
            super(cost);
            this.left = left;
            this.lt = lt;
            this.right = right;
            this.rt = rt;
            this.pred = pred;
        }
        @Override boolean eval(Object ctx, long serial) {
            Object l = read(left, lt, ctx);
            return pred.test(l, read(right, rt, ctx));
        }
    }

    private static Object read(FieldGetter g, Transform[] ts, Object ctx) {
        Object v = g.get(ctx);
        if (ts != null) for (Transform t : ts) v = Values.apply(t, v);
        return v;
    }

    private static Transform[] transforms(IrNode.FieldRef f) {
        return f.transforms().isEmpty() ? null : f.transforms().toArray(new Transform[0]);
    }

    // ---- building: the shaping of RuleClassWriter (flatten, fold, order cheapest first) ----

    /**
     * Which checks are the same, for sharing their nodes: the same field slot (one per distinct
     * field of the ruleset), transformers, operator and constants. Only checks on one field whose
     * constants are all strings or numbers are shared, compared by plain equals and hashCode:
     * records' own equals and hashCode are linked on first use (measured: the first 100 shown
     * events of psp500 took 20 -> 50 ms thread CPU with IrNode.Check as the key).
     */
    static final class SharedKey {
        private final IrNode.Check c;
        private final int hash;

        private SharedKey(IrNode.Check c, int hash) {
            this.c = c;
            this.hash = hash;
        }

        static SharedKey of(IrNode.Check c) {
            if (c.rhs() != null || c.values() == null) return null;
            int h = c.op().ordinal() * 31 + c.left().slot();
            for (Object v : c.values()) {
                if (!(v instanceof String) && !(v instanceof Long)) return null;
                h = h * 31 + v.hashCode();
            }
            for (Transform t : c.left().transforms()) h = h * 31 + t.ordinal();
            return new SharedKey(c, h);
        }

        @Override
        public int hashCode() { return hash; }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof SharedKey k) || k.hash != hash) return false;
            IrNode.Check a = c, b = k.c;
            return a.op() == b.op() && a.left().slot() == b.left().slot() && a.left().kind() == b.left().kind()
                    && a.left().list() == b.left().list() && sameTransforms(a.left().transforms(), b.left().transforms())
                    && sameValues(a.values(), b.values());
        }

        private static boolean sameTransforms(List<Transform> a, List<Transform> b) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) if (a.get(i) != b.get(i)) return false;
            return true;
        }

        private static boolean sameValues(List<Object> a, List<Object> b) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) if (!a.get(i).equals(b.get(i))) return false;
            return true;
        }
    }

    /** Builds one condition's nodes, taking check nodes from (and adding them to) the shared ones. */
    private static final class Builder {
        private final List<FieldGetter> getters;
        private final Map<SharedKey, Node> shared;

        Builder(List<FieldGetter> getters, Map<SharedKey, Node> shared) {
            this.getters = getters;
            this.shared = shared;
        }

        Node build(IrNode n) {
            if (n instanceof IrNode.Const k) return k.value() ? TRUE : FALSE;
            if (n instanceof IrNode.Not x) {
                Node c = build(x.child());
                if (c instanceof Const k) return k.value ? FALSE : TRUE;
                if (c instanceof Not nn) return nn.child;
                return new Not(c);
            }
            if (n instanceof IrNode.Check c) {
                SharedKey k = SharedKey.of(c);
                if (k == null) return check(c);
                Node done = shared.get(k);
                if (done == null) shared.put(k, done = check(c));
                return done;
            }
            if (n instanceof IrNode.And a) return junction(a.children(), true);
            if (n instanceof IrNode.Or o) return junction(o.children(), false);
            throw new IllegalArgumentException("unknown condition node " + n);
        }

        private Node junction(List<IrNode> kids, boolean and) {
            List<Node> out = new ArrayList<>();
            for (IrNode k : kids) {
                Node g = build(k);
                if (g instanceof Const c) {
                    if (c.value == and) continue;  // true in an and, false in an or
                    return and ? FALSE : TRUE;
                }
                if (and && g instanceof And a) { for (Node x : a.kids) out.add(x); }
                else if (!and && g instanceof Or o) { for (Node x : o.kids) out.add(x); }
                else out.add(g);
            }
            if (out.isEmpty()) return and ? TRUE : FALSE;
            if (out.size() == 1) return out.get(0);
            // the same stable sort by the same costs as RuleClassWriter.junction
            out.sort(Comparator.comparingInt(x -> x.cost));
            int cost = 0;
            for (Node x : out) cost += x.cost;
            Node[] a = out.toArray(new Node[0]);
            return and ? new And(a, cost) : new Or(a, cost);
        }

        private Node check(IrNode.Check c) {
            int cost = RuleClassWriter.checkCost(c);
            FieldGetter left = getters.get(c.left().slot());
            if (c.op() == Op.EXISTS) return new Exists(cost, left, transforms(c.left()));
            if (c.rhs() != null) {
                return new Pair(cost, left, transforms(c.left()), getters.get(c.rhs().slot()), transforms(c.rhs()), new Preds.FieldPair(c));
            }
            return new Check(cost, left, transforms(c.left()), (Pred) Preds.of(c));
        }
    }
}
