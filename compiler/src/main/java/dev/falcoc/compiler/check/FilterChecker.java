package dev.falcoc.compiler.check;

import dev.falcoc.compiler.schema.EventTable;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.compiler.schema.FieldResolver.Resolved;
import dev.falcoc.compiler.schema.FieldType;
import dev.falcoc.grammar.ConditionParser;
import dev.falcoc.grammar.ast.Expr;
import dev.falcoc.grammar.ast.Pos;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Type-checks a resolved condition against the field catalogue, in the order and with the
 * messages of Falco's filter compiler: field lookup, transformers, operator-by-type, then each
 * constant or right-hand field. The reported position is that of the node being compiled.
 */
public final class FilterChecker {
    public record Warning(String message, Pos pos) {}

    /** A field with its transformers applied: what the comparison actually sees. */
    record Typed(String name, FieldType type, boolean list, Resolved field) {}

    private final FieldResolver resolver;
    private final EventTable events;
    private final List<Warning> warnings = new ArrayList<>();
    private Pos pos = Pos.START;

    public FilterChecker(FieldResolver resolver, EventTable events) {
        this.resolver = resolver;
        this.events = events;
    }

    public List<Warning> warnings() { return warnings; }

    public void check(Expr e) throws CheckException {
        // instanceof tests, not a pattern switch: that would spin a class at every start (SwitchBootstraps)
        if (e instanceof Expr.And a) { pos = a.pos(); for (Expr c : a.children()) check(c); }
        else if (e instanceof Expr.Or o) { pos = o.pos(); for (Expr c : o.children()) check(c); }
        else if (e instanceof Expr.Not n) { pos = n.pos(); check(n.child()); }
        else if (e instanceof Expr.Identifier i) { pos = i.pos(); throw new CheckException("filter error: unexpected identifier '" + i.name() + "'", pos); }
        else if (e instanceof Expr.UnaryCheck u) {
            pos = u.pos();
            lhs(u.left());
        }
        else if (e instanceof Expr.BinaryCheck b) binary(b);
        else throw new CheckException("filter error: unexpected expression", e.pos());
    }

    private void binary(Expr.BinaryCheck b) throws CheckException {
        pos = b.pos();
        Typed left = lhs(b.left());
        String op = b.op().equals("==") ? "=" : b.op();
        String err = comparable(op, left.type, left.list);
        if (err != null) throw new CheckException("filter error: " + err, pos);
        Expr right = b.right();
        if (right instanceof Expr.Transformer) {
            Typed r = field(right);
            if (op.equals("pmatch") || op.equals("regex")) {
                throw new CheckException("operator '" + (op.equals("pmatch") ? 13 : 19) + "' doesn't support right-hand side fields", pos);
            }
            if (left.type == FieldType.IPNET || left.type == FieldType.IPV4NET || left.type == FieldType.IPV6NET) {
                throw new CheckException("field type 'IPNET' doesn't support right-hand side fields", pos);
            }
            if (left.field.info().noRhs()) throw new CheckException("field '" + left.name + "' doesn't support right-hand side fields", pos);
            if (r.field.info().noRhs()) throw new CheckException("field '" + r.name + "' can't be used as a right-hand side field", pos);
            if (left.type != r.type || left.list != r.list) {
                throw new CheckException("field '" + left.name + "' has type '" + left.type.display() + (left.list ? " (list)" : "")
                        + "' while the right-hand side field '" + r.name + "' has incompatible type '" + r.type.display()
                        + (r.list ? " (list)" : "") + "'", pos);
            }
            return;
        }
        List<String> values;
        if (right instanceof Expr.Value v) { pos = v.pos(); values = List.of(v.value()); }
        else if (right instanceof Expr.ListValue l) { pos = l.pos(); values = l.values(); }
        else throw new CheckException("filter error: unexpected right-hand side", right.pos());
        for (String v : values) {
            addWarnings(op, right.pos(), v);
            try {
                if (op.equals("bcontains") || op.equals("bstartswith")) {
                    if (!isHex(v)) throw new CheckException.Message("filter error: bcontains and bstartswith operator support hex strings only");
                } else if (left.type != FieldType.BYTEBUF) {
                    ValueParser.check(v, left.type);
                }
                validateValue(left, op, v);
            } catch (CheckException.Message m) {
                throw new CheckException(m.getMessage(), pos);
            }
        }
    }

    private void validateValue(Typed left, String op, String v) throws CheckException.Message {
        String name = left.field.info().name();
        if (name.equals("evt.type") && left.name.equals("evt.type") && !events.isKnownEventType(v)) {
            throw new CheckException.Message("unknown event type " + v);
        }
        if (name.equals("evt.around") && !op.equals("=")) {
            throw new CheckException.Message("evt.around supports only '=' comparison operator");
        }
    }

    private Typed lhs(Expr e) throws CheckException {
        return field(e);
    }

    /** A field, possibly under transformers (innermost applied first). */
    private Typed field(Expr e) throws CheckException {
        if (e instanceof Expr.Field f) {
            pos = f.pos();
            String text = f.hasArg() ? f.name() + "[" + f.arg() + "]" : f.name();
            Resolved r;
            try {
                r = resolver.resolveExact(text);
            } catch (FieldResolver.FieldSyntaxException ex) {
                throw new CheckException(ex.getMessage(), pos);
            }
            if (r == null) throw new CheckException("filter_check called with nonexistent field " + text, pos);
            return new Typed(r.info().name(), r.type(), r.list(), r);
        }
        if (e instanceof Expr.Transformer t) {
            pos = t.pos();
            Typed inner = field(t.child());
            if (t.name().equals(ConditionParser.VAL)) return inner;
            if (inner.field.info().noTransformer()) {
                throw new CheckException("field '" + inner.field.info().name() + "' does not support transformers", pos);
            }
            FieldType out = transformType(t.name(), inner.type, inner.list);
            if (out == null) {
                throw new CheckException("can't add field transformer: type '" + inner.type.display() + "' is not supported by '"
                        + t.name() + "' transformer applied on " + (inner.list ? "list " : "") + "field '" + inner.field.info().name() + "'", pos);
            }
            boolean list = !t.name().equals("len") && inner.list;
            return new Typed(inner.name, out, list, inner.field);
        }
        throw new CheckException("filter error: missing field in left-hand of binary check", e.pos());
    }

    static FieldType transformType(String tr, FieldType t, boolean list) {
        return switch (tr) {
            case "tolower", "toupper", "basename" -> t.isString() ? t : null;
            case "b64" -> (t == FieldType.CHARBUF || t == FieldType.BYTEBUF) ? t : null;
            case "len" -> (list || t.isString() || t == FieldType.BYTEBUF) ? FieldType.UINT64 : null;
            default -> null;
        };
    }

    /** Falco's flt_is_comparable: null when allowed, else the reason. */
    public static String comparable(String op, FieldType t, boolean list) {
        if (op.equals("exists")) return null;
        if (list) {
            return switch (t) {
                case CHARBUF, UINT64, RELTIME, ABSTIME, BOOL, IPADDR, IPNET ->
                        Set.of("in", "intersects").contains(op) ? null : "'" + op + "' operator not supported list filters";
                default -> "list filters are not supported for type '" + t.display() + "'";
            };
        }
        if (t == FieldType.BOOL) {
            return Set.of("=", "!=", "in", "intersects").contains(op) ? null : "'" + op + "' operator not supported for numeric filters";
        }
        if (t.isNumeric()) {
            return Set.of("=", "!=", "<", "<=", ">", ">=", "in", "intersects").contains(op) ? null : "'" + op + "' operator not supported for numeric filters";
        }
        if (t.isString()) {
            return Set.of("=", "!=", "<", "<=", ">", ">=", "contains", "icontains", "startswith", "endswith", "glob", "iglob",
                    "pmatch", "in", "intersects", "regex").contains(op) ? null : "'" + op + "' operator not supported for string filters";
        }
        if (t == FieldType.BYTEBUF) {
            return Set.of("=", "!=", "contains", "startswith", "endswith", "in", "intersects", "bcontains", "bstartswith").contains(op)
                    ? null : "'" + op + "' operator not supported for buffer filters";
        }
        if (t.isIp()) {
            return Set.of("=", "!=", "in", "intersects").contains(op) ? null : "'" + op + "' operator not supported for ip address and network filters";
        }
        return "'" + op + "' operator not supported for type '" + t.display() + "'";
    }

    private static boolean isHex(String v) {
        if (v.length() % 2 != 0) return false;
        for (int i = 0; i < v.length(); i++) if (Character.digit(v.charAt(i), 16) < 0) return false;
        return true;
    }

    // ---- compiler warnings on constants (Falco's heuristics) ----

    private void addWarnings(String op, Pos at, String v) {
        String nospaces = v;
        for (int i = 0; i < v.length(); i++) {
            if (isCSpace(v.charAt(i))) {
                StringBuilder ns = new StringBuilder(v.length());
                for (int k = 0; k < v.length(); k++) if (!isCSpace(v.charAt(k))) ns.append(v.charAt(k));
                nospaces = ns.toString();
                break;
            }
        }
        if (op.equals("regex")) regexWarning(at, v);
        try {
            if (!nospaces.isEmpty() && resolver.resolvePrefix(nospaces) != null && resolver.resolveExact(nospaces) != null) {
                warnings.add(new Warning("'" + v + "' may be a valid field misused as a const string value", at));
            }
        } catch (FieldResolver.FieldSyntaxException ignored) {
            // only a successful parse is worth a warning
        }
        for (String t : VAL_AND_TRANSFORMERS) {
            if (nospaces.length() >= t.length() + 2 && nospaces.startsWith(t) && nospaces.charAt(t.length()) == '('
                    && nospaces.endsWith(")")) {
                warnings.add(new Warning("'" + v + "' may be a valid field transformer misused as a const string value", at));
            }
        }
    }

    private static final List<String> VAL_AND_TRANSFORMERS;

    static {
        List<String> trs = new ArrayList<>();
        trs.add(ConditionParser.VAL);
        trs.addAll(ConditionParser.TRANSFORMERS);
        VAL_AND_TRANSFORMERS = List.copyOf(trs);
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private void regexWarning(Pos at, String v) {
        String special = ".+*?^$()[]{}|\\";
        int len = v.length();
        for (int i = 0; i < len; i++) {
            char c = v.charAt(i);
            if ((i == 0 && c == '^') || (i == len - 1 && c == '$')) continue;
            if (((i == 0 && len > 1) || (i == len - 2)) && c == '.' && i + 1 < len && "+*?".indexOf(v.charAt(i + 1)) >= 0) {
                i++;
                continue;
            }
            if (special.indexOf(c) >= 0) return;
        }
        warnings.add(new Warning("regex check with '" + v + "' may be optimized with simpler operators such as '=', 'contains', 'startswith', 'endswith'", at));
    }
}
