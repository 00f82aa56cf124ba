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
        switch (e) {
            case Expr.And a -> logical("and", a.children(), sb);
            case Expr.Or o -> logical("or", o.children(), sb);
            case Expr.Not n -> { sb.append("not "); print(n.child(), sb); }
            case Expr.Identifier i -> sb.append(i.name());
            case Expr.Value v -> sb.append(Escaping.escape(v.value()));
            case Expr.ListValue l -> {
                sb.append('(');
                for (int i = 0; i < l.values().size(); i++) {
                    if (i > 0) sb.append(", ");
                    sb.append(Escaping.escape(l.values().get(i)));
                }
                sb.append(')');
            }
            case Expr.Field f -> {
                sb.append(f.name());
                if (f.hasArg()) sb.append('[').append(Escaping.escape(f.arg())).append(']');
            }
            case Expr.Transformer t -> { sb.append(t.name()).append('('); print(t.child(), sb); sb.append(')'); }
            case Expr.UnaryCheck u -> { print(u.left(), sb); sb.append(' ').append(u.op()); }
            case Expr.BinaryCheck b -> {
                print(b.left(), sb);
                sb.append(' ').append(b.op()).append(' ');
                print(b.right(), sb);
            }
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
