package dev.falcoc.grammar.ast;

import java.util.List;

/** Prints a condition in Falco's canonical form (the "condition_compiled" of falco -L). */
public final class AstPrinter {
    private AstPrinter() {}

    public static String print(Expr e) {
        StringBuilder sb = new StringBuilder();
        print(e, sb);
        return sb.toString();
    }

    public static void print(Expr e, StringBuilder sb) {
        // instanceof tests, not a pattern switch: that would spin a class at every start (SwitchBootstraps)
        if (e instanceof Expr.And a) logical("and", a.children(), sb);
        else if (e instanceof Expr.Or o) logical("or", o.children(), sb);
        else if (e instanceof Expr.Not n) { sb.append("not "); print(n.child(), sb); }
        else if (e instanceof Expr.Identifier i) sb.append(i.name());
        else if (e instanceof Expr.Value v) sb.append(Escaping.escape(v.value()));
        else if (e instanceof Expr.ListValue l) {
            sb.append('(');
            for (int i = 0; i < l.values().size(); i++) {
                if (i > 0) sb.append(", ");
                sb.append(Escaping.escape(l.values().get(i)));
            }
            sb.append(')');
        } else if (e instanceof Expr.Field f) {
            sb.append(f.name());
            if (f.hasArg()) sb.append('[').append(Escaping.escape(f.arg())).append(']');
        } else if (e instanceof Expr.Transformer t) { sb.append(t.name()).append('('); print(t.child(), sb); sb.append(')'); }
        else if (e instanceof Expr.UnaryCheck u) { print(u.left(), sb); sb.append(' ').append(u.op()); }
        else if (e instanceof Expr.BinaryCheck b) {
            print(b.left(), sb);
            sb.append(' ').append(b.op()).append(' ');
            print(b.right(), sb);
        } else {
            throw new MatchException(String.valueOf(e), null);
        }
    }

    private static void logical(String op, List<Expr> children, StringBuilder sb) {
        sb.append('(');
        for (int i = 0; i < children.size(); i++) {
            if (i > 0) sb.append(' ').append(op).append(' ');
            print(children.get(i), sb);
        }
        sb.append(')');
    }
}
