package dev.falcoc.compiler.lint;

import dev.falcoc.grammar.ast.AstPrinter;
import dev.falcoc.grammar.ast.Expr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Small helpers over resolved condition trees. */
final class Conditions {
    private Conditions() {}

    /** The conjuncts of a condition, nested "and" groups flattened. */
    static List<Expr> conjuncts(Expr e) {
        List<Expr> out = new ArrayList<>();
        flatten(e, out);
        return out;
    }

    private static void flatten(Expr e, List<Expr> out) {
        if (e instanceof Expr.And a) for (Expr c : a.children()) flatten(c, out);
        else out.add(e);
    }

    static Set<String> printedConjuncts(Expr e) {
        Set<String> out = new HashSet<>();
        for (Expr c : conjuncts(e)) out.add(AstPrinter.print(c));
        return out;
    }

    /** Calls the visitor on every node, depth first. */
    static void walk(Expr e, java.util.function.Consumer<Expr> v) {
        Expr.forEach(e, v);
    }

    /** Falco's list-substitution delimiters: the words a list or macro name can be found as. */
    static Set<String> words(String t) {
        Set<String> out = new HashSet<>();
        int start = -1;
        for (int i = 0; i <= t.length(); i++) {
            boolean delim = i == t.length() || isDelim(t.charAt(i));
            if (delim) {
                if (start >= 0) out.add(t.substring(start, i));
                start = -1;
            } else if (start < 0) {
                start = i;
            }
        }
        return out;
    }

    private static boolean isDelim(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')' || c == ',' || c == '=' || c == '"' || c == '\'';
    }
}
