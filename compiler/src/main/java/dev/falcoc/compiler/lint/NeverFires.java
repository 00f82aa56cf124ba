package dev.falcoc.compiler.lint;

import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.load.Infos.RuleInfo;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.grammar.ast.AstPrinter;
import dev.falcoc.grammar.ast.Expr;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * FALCOC_NEVER_FIRES: constant folding over the resolved condition (never_true's evt.num = 0,
 * empty lists after in/intersects/pmatch), equalities on the same single-valued string field
 * that contradict inside one conjunction, and event-type sets that intersect to nothing.
 */
final class NeverFires {
    private NeverFires() {}

    enum T { TRUE, FALSE, UNKNOWN }

    /** A folded value; {@code why} says why it is FALSE. */
    record Val(T t, String why, Expr at) {
        static final Val UNKNOWN = new Val(T.UNKNOWN, null, null);
        static final Val TRUE = new Val(T.TRUE, null, null);
    }

    static void run(LintContext cx) {
        for (RuleInfo r : cx.enabledRules()) {
            if (!r.source.equals("syscall")) continue;
            Compiled.CRule c = cx.compiled(r);
            Val v = fold(c.ast, cx.resolver);
            String why = v.t() == T.FALSE ? v.why() : null;
            if (why == null && cx.syscallEvents(c).isEmpty()) why = "its evt.type checks leave no event type";
            if (why != null) cx.report(LintCode.FALCOC_NEVER_FIRES, "rule '" + r.name + "' can never fire: " + why, cx.atCheck(r, v.at()));
        }
    }

    /** Why a condition is always false, or null. */
    static String reason(Expr e, FieldResolver resolver) {
        Val v = fold(e, resolver);
        return v.t() == T.FALSE ? v.why() : null;
    }

    static Val fold(Expr e, FieldResolver resolver) {
        // instanceof tests, not a pattern switch: that would spin a class at every start (SwitchBootstraps)
        if (e instanceof Expr.And a) {
            boolean allTrue = true;
            for (Expr c : a.children()) {
                Val v = fold(c, resolver);
                if (v.t() == T.FALSE) return v;
                if (v.t() != T.TRUE) allTrue = false;
            }
            Val contradiction = contradiction(Conditions.conjuncts(a), resolver);
            if (contradiction != null) return contradiction;
            return allTrue ? Val.TRUE : Val.UNKNOWN;
        }
        if (e instanceof Expr.Or o) {
            boolean allFalse = true;
            StringBuilder why = new StringBuilder();
            for (Expr c : o.children()) {
                Val v = fold(c, resolver);
                if (v.t() == T.TRUE) return Val.TRUE;
                if (v.t() != T.FALSE) allFalse = false;
                else if (why.isEmpty()) why.append(v.why());
            }
            return allFalse ? new Val(T.FALSE, "every alternative is false (" + why + ")", o) : Val.UNKNOWN;
        }
        if (e instanceof Expr.Not n) {
            Val v = fold(n.child(), resolver);
            return switch (v.t()) {
                case TRUE -> new Val(T.FALSE, "'" + AstPrinter.print(e) + "' is always false", e);
                case FALSE -> Val.TRUE;
                case UNKNOWN -> Val.UNKNOWN;
            };
        }
        if (e instanceof Expr.BinaryCheck b) return atom(b);
        return Val.UNKNOWN;
    }

    private static Val atom(Expr.BinaryCheck b) {
        // the check is printed only for a finding (printing every check cost a tenth of the lints)
        if (b.right() instanceof Expr.ListValue l && l.values().isEmpty()) {
            return new Val(T.FALSE, "'" + AstPrinter.print(b) + "' compares with an empty list, which is always false", b);
        }
        // never_true / always_true are evt.num checks: events are numbered from 1
        if (b.left() instanceof Expr.Field f && f.name().equals("evt.num") && !f.hasArg() && b.right() instanceof Expr.Value v && v.value().equals("0")) {
            return switch (b.op()) {
                case "=", "==", "<" -> new Val(T.FALSE, "'" + AstPrinter.print(b) + "' is always false (events are numbered from 1; this is the never_true idiom)", b);
                case ">=", "!=" -> Val.TRUE;
                default -> Val.UNKNOWN;
            };
        }
        return Val.UNKNOWN;
    }

    /**
     * Two checks of one conjunction that no value satisfies together: "f = a" with "f = b", or
     * with "f in (...)" lacking a, or two disjoint "in" lists. Only for single-valued string
     * fields without arguments, where equality is plain string equality.
     */
    private static Val contradiction(List<Expr> conjuncts, FieldResolver resolver) {
        Map<String, Set<String>> allowed = new HashMap<>();
        Map<String, String> first = new HashMap<>();
        for (Expr c : conjuncts) {
            if (!(c instanceof Expr.BinaryCheck b) || !(b.left() instanceof Expr.Field f) || f.hasArg()) continue;
            Set<String> values;
            if ((b.op().equals("=") || b.op().equals("==")) && b.right() instanceof Expr.Value v) values = Set.of(v.value());
            else if (b.op().equals("in") && b.right() instanceof Expr.ListValue l) values = new HashSet<>(l.values());
            else continue;
            if (!singleValuedString(f.name(), resolver)) continue;
            Set<String> prev = allowed.get(f.name());
            if (prev == null) {
                allowed.put(f.name(), values);
                first.put(f.name(), AstPrinter.print(b));
                continue;
            }
            Set<String> both = new HashSet<>(prev);
            both.retainAll(values);
            if (both.isEmpty()) return new Val(T.FALSE, "'" + first.get(f.name()) + "' and '" + AstPrinter.print(b) + "' cannot both be true", b);
            allowed.put(f.name(), both);
        }
        return null;
    }

    private static boolean singleValuedString(String field, FieldResolver resolver) {
        if (field.equals("evt.type") || field.equals("syscall.type")) return false; // event sets handle these
        try {
            FieldResolver.Resolved r = resolver.resolveExact(field);
            return r != null && r.type().isString() && !r.list() && !r.info().argAllowed() && !r.info().isList();
        } catch (FieldResolver.FieldSyntaxException e) {
            return false;
        }
    }
}
