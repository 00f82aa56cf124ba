package dev.falcoc.compiler.ir;

import dev.falcoc.compiler.check.CheckException;
import dev.falcoc.compiler.check.Ip;
import dev.falcoc.compiler.check.ValueParser;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.compiler.schema.FieldType;
import dev.falcoc.grammar.ConditionParser;
import dev.falcoc.grammar.ast.Expr;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers resolved, type-checked conditions to {@link IrNode}s: resolves each field once, binds
 * its getter through the runtime's {@link FieldBinder} (one slot per distinct field text, shared
 * by all rules lowered with this instance) and parses constants for the compared kind.
 */
public final class Lowering {
    private final FieldResolver resolver;
    private final FieldBinder binder;
    private final Map<String, Integer> slots = new HashMap<>();
    private final List<FieldGetter> getters = new ArrayList<>();

    public Lowering(FieldResolver resolver, FieldBinder binder) {
        this.resolver = resolver;
        this.binder = binder;
    }

    /** The getter of a field the binder does not provide (made once, in class initialisation, so the AOT cache keeps it). */
    private static final FieldGetter NO_VALUE = ctx -> null;

    /** The getters bound so far, indexed by {@link IrNode.FieldRef#slot()}. */
    public List<FieldGetter> getters() { return getters; }

    public IrNode lower(Expr e) {
        // instanceof tests and loops, not a pattern switch and streams: those spin classes at every
        // start (SwitchBootstraps, lambda forms) that the AOT cache does not keep
        if (e instanceof Expr.And a) return new IrNode.And(lowerAll(a.children()));
        if (e instanceof Expr.Or o) return new IrNode.Or(lowerAll(o.children()));
        if (e instanceof Expr.Not n) return new IrNode.Not(lower(n.child()));
        if (e instanceof Expr.UnaryCheck u) return new IrNode.Check(field(u.left()), Op.EXISTS, null, null);
        if (e instanceof Expr.BinaryCheck b) return binary(b);
        throw new IllegalArgumentException("cannot lower " + e);
    }

    private List<IrNode> lowerAll(List<Expr> children) {
        List<IrNode> out = new ArrayList<>(children.size());
        for (Expr c : children) out.add(lower(c));
        return java.util.Collections.unmodifiableList(out);
    }

    private IrNode binary(Expr.BinaryCheck b) {
        IrNode.FieldRef left = field(b.left());
        Op op = Op.parse(b.op());
        Expr right = b.right();
        if (right instanceof Expr.Transformer) return new IrNode.Check(left, op, null, field(right));
        List<String> raw;
        if (right instanceof Expr.Value v) raw = List.of(v.value());
        else if (right instanceof Expr.ListValue l) raw = l.values();
        else throw new IllegalArgumentException("unexpected right-hand side " + right);
        if (raw.isEmpty()) return new IrNode.Const(false); // x in () and x pmatch () never hold
        // Falco's fd.net compares only the first network of a list (bug-compatible)
        if (left.transforms().isEmpty() && left.field().info().name().equals("fd.net") && (op == Op.IN || op == Op.INTERSECTS)) {
            raw = raw.subList(0, 1);
        }
        FieldType type = typeAfter(left);
        List<Object> values = new ArrayList<>(raw.size());
        for (String v : raw) values.add(constant(v, left.kind(), type, op));
        return new IrNode.Check(left, op, values, null);
    }

    private static FieldType typeAfter(IrNode.FieldRef f) {
        return f.transforms().contains(Transform.LEN) ? FieldType.UINT64 : f.field().type();
    }

    /** A field under transformers; val() only marks a right-hand field. */
    private IrNode.FieldRef field(Expr e) {
        List<Transform> ts = new ArrayList<>();
        while (e instanceof Expr.Transformer t) {
            if (!t.name().equals(ConditionParser.VAL)) ts.add(0, Transform.parse(t.name()));
            e = t.child();
        }
        if (!(e instanceof Expr.Field f)) throw new IllegalArgumentException("expected a field, got " + e);
        FieldResolver.Resolved r;
        try {
            r = resolver.resolveExact(f.fullName());
        } catch (FieldResolver.FieldSyntaxException ex) {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }
        if (r == null) throw new IllegalArgumentException("unknown field " + f.fullName());
        Integer slot = slots.get(r.text());
        if (slot == null) {
            slot = getters.size();
            FieldGetter g = binder.bind(r);
            getters.add(g != null ? g : NO_VALUE);
            slots.put(r.text(), slot);
        }
        boolean list = r.list() && !ts.contains(Transform.LEN);
        FieldType t = ts.contains(Transform.LEN) ? FieldType.UINT64 : r.type();
        return new IrNode.FieldRef(slot, r, ts, Kind.of(t), list);
    }

    /** One constant, parsed as Falco's value parser does for the field's type. */
    static Object constant(String v, Kind kind, FieldType type, Op op) {
        try {
            return switch (kind) {
                case STRING -> switch (op) {
                    case GLOB -> new Glob(v, false);
                    case IGLOB -> new Glob(v, true);
                    case REGEX -> new Regex(v);
                    default -> v;
                };
                case BYTES -> op == Op.BCONTAINS || op == Op.BSTARTSWITH ? hex(v) : v.getBytes(StandardCharsets.UTF_8);
                case S8, S16, S32, S64, U8, U16, U32, U64 -> kind.norm(type == FieldType.PORT ? port(v) : ValueParser.integer(v));
                case DOUBLE -> (double) (int) ValueParser.integer(v); // Falco parses DOUBLE constants as int32
                case BOOL -> Boolean.parseBoolean(v);
                case IP -> new IpAddr(v.indexOf('.') >= 0 ? Ip.parseV4(v) : Ip.parseV6(v));
                case NET -> net(v);
                case OTHER -> v;
            };
        } catch (CheckException.Message | RuntimeException e) {
            throw new IllegalArgumentException("bad constant '" + v + "' for " + type + ": " + e.getMessage(), e);
        }
    }

    private static long port(String v) throws CheckException.Message {
        if (v.isEmpty()) return 0;
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) return ValueParser.integer(v);
        Integer p = ValueParser.SERVICES.get(v);
        if (p == null) throw new CheckException.Message("unrecognized protocol " + v);
        return p;
    }

    private static IpNet net(String v) throws CheckException.Message {
        int slash = v.indexOf('/');
        if (v.indexOf('.') >= 0) {
            byte[] a = Ip.parseV4(v.substring(0, slash));
            int m = (int) ValueParser.integer(v.substring(slash + 1)) & 0xff;
            return new IpNet(new IpAddr(a), m);
        }
        byte[] a = Ip.parseV6(slash < 0 ? v : v.substring(0, slash));
        int m = slash < 0 ? 128 : (int) ValueParser.integer(v.substring(slash + 1));
        return new IpNet(new IpAddr(a), Math.max(0, Math.min(128, m)));
    }

    private static byte[] hex(String v) {
        byte[] out = new byte[v.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((Character.digit(v.charAt(2 * i), 16) << 4) | Character.digit(v.charAt(2 * i + 1), 16));
        }
        return out;
    }
}
