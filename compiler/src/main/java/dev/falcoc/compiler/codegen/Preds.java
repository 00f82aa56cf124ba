package dev.falcoc.compiler.codegen;

import dev.falcoc.compiler.ir.Glob;
import dev.falcoc.compiler.ir.IpAddr;
import dev.falcoc.compiler.ir.IpNet;
import dev.falcoc.compiler.ir.IrNode;
import dev.falcoc.compiler.ir.Kind;
import dev.falcoc.compiler.ir.Op;
import dev.falcoc.compiler.ir.PathPrefix;
import dev.falcoc.compiler.ir.Regex;
import dev.falcoc.compiler.ir.Values;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Specialised predicates for the generated code: constant sets, prefix tables, compiled patterns. */
public final class Preds {
    private Preds() {}

    /** The predicate for a check against constants (non-empty values, op other than EXISTS). */
    static Object of(IrNode.Check c) {
        Op op = c.op();
        List<Object> vs = c.values();
        Kind k = c.left().kind();
        return switch (k) {
            case STRING -> string(op, vs);
            case BYTES -> new Bytes(op, vs.toArray(new byte[0][]));
            case S8, S16, S32, S64, U8, U16, U32, U64 -> {
                long[] a = new long[vs.size()];
                for (int i = 0; i < a.length; i++) a[i] = k.norm(((Number) vs.get(i)).longValue());
                if (op == Op.EQ || op == Op.IN || op == Op.INTERSECTS) yield a.length == 1 ? new LongEq(op, k, a[0]) : new LongIn(op, k, a);
                yield new LongCmp(op, k, a[0]);
            }
            case DOUBLE -> new Dbl(op, vs.stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray());
            case BOOL -> new Bool(op, vs.contains(Boolean.TRUE), vs.contains(Boolean.FALSE));
            case IP -> new Ip(op, vs.toArray(new IpAddr[0]));
            case NET -> new Net(op, vs.toArray(new IpNet[0]));
            case OTHER -> new Never(op);
        };
    }

    private static Pred string(Op op, List<Object> vs) {
        String c0 = vs.get(0) instanceof String s ? s : null;
        return switch (op) {
            case EQ -> new StrEq(op, c0);
            case NE -> new StrNe(op, c0);
            case IN, INTERSECTS -> vs.size() == 1 ? new StrEq(op, c0) : new StrIn(op, strings(vs));
            case LT, LE, GT, GE -> new StrCmp(op, c0);
            case CONTAINS -> new StrContains(op, c0);
            case ICONTAINS -> new StrIContains(op, Values.lowerAscii(c0));
            case STARTSWITH -> new StrStarts(op, c0);
            case ENDSWITH -> new StrEnds(op, c0);
            case GLOB, IGLOB -> new StrGlob(op, (Glob) vs.get(0));
            case REGEX -> new StrRegex(op, (Regex) vs.get(0));
            case PMATCH -> new StrPmatch(op, new PathPrefix(strings(vs)));
            default -> new Never(op);
        };
    }

    /** The constants as strings; a loop, not a stream: replays build predicates while C1 has not compiled streams. */
    private static List<String> strings(List<Object> vs) {
        List<String> out = new java.util.ArrayList<>(vs.size());
        for (Object v : vs) out.add((String) v);
        return out;
    }

    public static final class Never extends Pred {
        Never(Op op) { super(op); }
        @Override protected boolean one(Object v) { return false; }
    }

    public static final class StrEq extends Pred {
        private final String c;
        StrEq(Op op, String c) { super(op); this.c = c; }
        @Override public boolean test(Object v) { return v instanceof String s ? c.equals(s) : multi(v); }
        @Override protected boolean one(Object v) { return v instanceof String s && c.equals(s); }
    }

    public static final class StrNe extends Pred {
        private final String c;
        StrNe(Op op, String c) { super(op); this.c = c; }
        @Override public boolean test(Object v) { return v instanceof String s ? !c.equals(s) : multi(v); }
        @Override protected boolean one(Object v) { return v instanceof String s && !c.equals(s); }
    }

    /** Membership: a linear scan for a handful of values, a hash set beyond. */
    public static final class StrIn extends Pred {
        private final String[] small;
        private final Set<String> set;
        StrIn(Op op, List<String> vs) {
            super(op);
            Set<String> s = new HashSet<>(vs);
            this.small = s.size() <= 4 ? s.toArray(new String[0]) : null;
            this.set = small == null ? s : null;
        }
        @Override public boolean test(Object v) { return v instanceof String s ? has(s) : multi(v); }
        @Override protected boolean one(Object v) { return v instanceof String s && has(s); }
        private boolean has(String s) {
            if (small == null) return set.contains(s);
            for (String c : small) if (c.equals(s)) return true;
            return false;
        }
    }

    public static final class StrCmp extends Pred {
        private final String c;
        private final Op op;
        StrCmp(Op op, String c) { super(op); this.c = c; this.op = op; }
        @Override protected boolean one(Object v) {
            if (!(v instanceof String s)) return false;
            int r = Values.compareUtf8(s, c);
            return switch (op) { case LT -> r < 0; case LE -> r <= 0; case GT -> r > 0; default -> r >= 0; };
        }
    }

    public static final class StrContains extends Pred {
        private final String c;
        StrContains(Op op, String c) { super(op); this.c = c; }
        @Override public boolean test(Object v) { return v instanceof String s ? s.contains(c) : multi(v); }
        @Override protected boolean one(Object v) { return v instanceof String s && s.contains(c); }
    }

    public static final class StrIContains extends Pred {
        private final String lower;
        StrIContains(Op op, String lower) { super(op); this.lower = lower; }
        @Override public boolean test(Object v) { return v instanceof String s ? Values.icontains(s, lower) : multi(v); }
        @Override protected boolean one(Object v) { return v instanceof String s && Values.icontains(s, lower); }
    }

    public static final class StrStarts extends Pred {
        private final String c;
        StrStarts(Op op, String c) { super(op); this.c = c; }
        @Override public boolean test(Object v) { return v instanceof String s ? s.startsWith(c) : multi(v); }
        @Override protected boolean one(Object v) { return v instanceof String s && s.startsWith(c); }
    }

    public static final class StrEnds extends Pred {
        private final String c;
        StrEnds(Op op, String c) { super(op); this.c = c; }
        @Override public boolean test(Object v) { return v instanceof String s ? s.endsWith(c) : multi(v); }
        @Override protected boolean one(Object v) { return v instanceof String s && s.endsWith(c); }
    }

    public static final class StrGlob extends Pred {
        private final Glob g;
        StrGlob(Op op, Glob g) { super(op); this.g = g; }
        @Override protected boolean one(Object v) { return v instanceof String s && g.matches(s); }
    }

    public static final class StrRegex extends Pred {
        private final Regex r;
        StrRegex(Op op, Regex r) { super(op); this.r = r; }
        @Override protected boolean one(Object v) { return v instanceof String s && r.matches(s); }
    }

    public static final class StrPmatch extends Pred {
        private final PathPrefix p;
        StrPmatch(Op op, PathPrefix p) { super(op); this.p = p; }
        @Override protected boolean one(Object v) { return v instanceof String s && p.matches(s); }
    }

    /** Integer equality (also single-value in/intersects), after cutting the value to the field's width. */
    public static final class LongEq extends Pred {
        private final Kind k;
        private final long c;
        LongEq(Op op, Kind k, long c) { super(op); this.k = k; this.c = c; }
        @Override public boolean test(Object v) { return v instanceof Long l ? k.norm(l) == c : multi(v); }
        @Override protected boolean one(Object v) { return v instanceof Number n && k.norm(n.longValue()) == c; }
    }

    public static final class LongIn extends Pred {
        private final Kind k;
        private final long[] sorted;
        LongIn(Op op, Kind k, long[] vs) { super(op); this.k = k; this.sorted = vs.clone(); Arrays.sort(sorted); }
        @Override protected boolean one(Object v) {
            if (!(v instanceof Number n)) return false;
            long x = k.norm(n.longValue());
            if (sorted.length <= 8) {
                for (long c : sorted) if (c == x) return true;
                return false;
            }
            return Arrays.binarySearch(sorted, x) >= 0;
        }
    }

    public static final class LongCmp extends Pred {
        private final Kind k;
        private final Op op;
        private final long c;
        LongCmp(Op op, Kind k, long c) { super(op); this.k = k; this.op = op; this.c = c; }
        @Override protected boolean one(Object v) {
            if (!(v instanceof Number n)) return false;
            int r = k.compare(k.norm(n.longValue()), c);
            return switch (op) {
                case NE -> r != 0;
                case LT -> r < 0;
                case LE -> r <= 0;
                case GT -> r > 0;
                case GE -> r >= 0;
                default -> r == 0;
            };
        }
    }

    public static final class Dbl extends Pred {
        private final Op op;
        private final double[] cs;
        Dbl(Op op, double[] cs) { super(op); this.op = op; this.cs = cs; }
        @Override protected boolean one(Object v) {
            if (!(v instanceof Number n)) return false;
            double x = n.doubleValue(), c = cs[0];
            return switch (op) {
                case NE -> x != c;
                case LT -> x < c;
                case LE -> x <= c;
                case GT -> x > c;
                case GE -> x >= c;
                default -> {
                    for (double d : cs) if (x == d) yield true;
                    yield false;
                }
            };
        }
    }

    public static final class Bool extends Pred {
        private final boolean ne, hasTrue, hasFalse;
        Bool(Op op, boolean hasTrue, boolean hasFalse) { super(op); this.ne = op == Op.NE; this.hasTrue = hasTrue; this.hasFalse = hasFalse; }
        @Override protected boolean one(Object v) {
            if (!(v instanceof Boolean b)) return false;
            boolean eq = b ? hasTrue : hasFalse;
            return ne ? !eq : eq;
        }
    }

    public static final class Ip extends Pred {
        private final boolean ne;
        private final IpAddr[] cs;
        Ip(Op op, IpAddr[] cs) { super(op); this.ne = op == Op.NE; this.cs = cs; }
        @Override protected boolean one(Object v) {
            if (!(v instanceof IpAddr a)) return false;
            if (ne) return !cs[0].equals(a);
            for (IpAddr c : cs) if (c.equals(a)) return true;
            return false;
        }
    }

    public static final class Net extends Pred {
        private final boolean ne;
        private final IpNet[] cs;
        Net(Op op, IpNet[] cs) { super(op); this.ne = op == Op.NE; this.cs = cs; }
        @Override protected boolean one(Object v) {
            IpAddr a = v instanceof IpAddr x ? x : v instanceof IpNet n ? n.addr() : null;
            if (a == null) return false;
            if (ne) return !cs[0].contains(a);
            for (IpNet c : cs) if (c.contains(a)) return true;
            return false;
        }
    }

    public static final class Bytes extends Pred {
        private final Op op;
        private final byte[][] cs;
        Bytes(Op op, byte[][] cs) { super(op); this.op = op; this.cs = cs; }
        @Override protected boolean one(Object v) {
            if (!(v instanceof byte[] b)) return false;
            byte[] c = cs[0];
            return switch (op) {
                case NE -> !Arrays.equals(b, c);
                case CONTAINS, BCONTAINS -> Values.indexOf(b, c) >= 0;
                case STARTSWITH, BSTARTSWITH -> Values.startsWith(b, c);
                case ENDSWITH -> Values.endsWith(b, c);
                case EQ, IN, INTERSECTS -> {
                    for (byte[] x : cs) if (Arrays.equals(b, x)) yield true;
                    yield false;
                }
                default -> false;
            };
        }
    }

    /**
     * A field-vs-field check; both values arrive read and transformed. The right-hand value plays
     * the constant (a list right-hand field is the set of in/intersects). Kept apart from the
     * interpreter so that the differential tests compare two implementations.
     */
    public static final class FieldPair {
        private final Op op;
        private final Kind k;
        FieldPair(IrNode.Check check) {
            this.op = check.op();
            this.k = check.left().kind();
        }

        public boolean test(Object left, Object right) {
            if (left == null || right == null) return false;
            if (left instanceof String a && right instanceof String b && k == Kind.STRING) {
                if (op == Op.EQ || op == Op.IN || op == Op.INTERSECTS) return a.equals(b);
                if (op == Op.NE) return !a.equals(b);
            }
            if (left instanceof dev.falcoc.compiler.ir.Candidates c) {
                List<Object> vs = c.values();
                if (op == Op.NE && c.kind() == dev.falcoc.compiler.ir.Candidates.Kind.ENDPOINTS) {
                    if (vs.isEmpty()) return false;
                    for (Object o : vs) if (o == null || !one(o, right)) return false;
                    return true;
                }
                for (Object o : vs) if (o != null && one(o, right)) return true;
                return false;
            }
            if (left instanceof List<?> l) {
                if (op == Op.IN) {
                    for (Object o : l) if (!one(o, right)) return false;
                    return true;
                }
                if (op == Op.INTERSECTS) for (Object o : l) if (one(o, right)) return true;
                return false;
            }
            return one(left, right);
        }

        private boolean one(Object v, Object right) {
            if (op == Op.IN || op == Op.INTERSECTS) {
                if (right instanceof List<?> rs) {
                    for (Object r : rs) if (cmp(Op.EQ, v, r)) return true;
                    return false;
                }
                return cmp(Op.EQ, v, right);
            }
            return !(right instanceof List<?>) && cmp(op, v, right);
        }

        private boolean cmp(Op o, Object v, Object r) {
            switch (k) {
                case STRING -> {
                    if (!(v instanceof String a) || !(r instanceof String b)) return false;
                    return switch (o) {
                        case EQ -> a.equals(b);
                        case NE -> !a.equals(b);
                        case LT, LE, GT, GE -> order(o, Values.compareUtf8(a, b));
                        case CONTAINS -> a.contains(b);
                        case ICONTAINS -> Values.icontains(a, Values.lowerAscii(b));
                        case STARTSWITH -> a.startsWith(b);
                        case ENDSWITH -> a.endsWith(b);
                        case GLOB -> Glob.match(b, a, false);
                        case IGLOB -> Glob.match(b, a, true);
                        default -> false;
                    };
                }
                case BYTES -> {
                    if (!(v instanceof byte[] a) || !(r instanceof byte[] b)) return false;
                    return switch (o) {
                        case EQ -> Arrays.equals(a, b);
                        case NE -> !Arrays.equals(a, b);
                        case CONTAINS, BCONTAINS -> Values.indexOf(a, b) >= 0;
                        case STARTSWITH, BSTARTSWITH -> Values.startsWith(a, b);
                        case ENDSWITH -> Values.endsWith(a, b);
                        default -> false;
                    };
                }
                case S8, S16, S32, S64, U8, U16, U32, U64 -> {
                    if (!(v instanceof Number a) || !(r instanceof Number b)) return false;
                    return order(o, k.compare(k.norm(a.longValue()), k.norm(b.longValue())));
                }
                case DOUBLE -> {
                    if (!(v instanceof Number a) || !(r instanceof Number b)) return false;
                    double x = a.doubleValue(), y = b.doubleValue();
                    return switch (o) {
                        case EQ -> x == y;
                        case NE -> x != y;
                        case LT -> x < y;
                        case LE -> x <= y;
                        case GT -> x > y;
                        case GE -> x >= y;
                        default -> false;
                    };
                }
                case BOOL, IP -> {
                    if (v.getClass() != r.getClass() || !(v instanceof Boolean || v instanceof IpAddr)) return false;
                    return o == Op.EQ ? v.equals(r) : o == Op.NE && !v.equals(r);
                }
                default -> { return false; }
            }
        }

        private static boolean order(Op o, int c) {
            return switch (o) {
                case EQ -> c == 0;
                case NE -> c != 0;
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                default -> c >= 0;
            };
        }
    }
}
