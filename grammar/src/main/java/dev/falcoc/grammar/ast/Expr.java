package dev.falcoc.grammar.ast;

import java.util.List;

/**
 * The condition syntax tree, node for node the shape Falco's filter parser builds, so that the
 * canonical printed form ({@link AstPrinter}) and every later phase agree with Falco.
 */
public sealed interface Expr {
    Pos pos();

    /**
     * Calls the visitor on e and every node below it, depth first, parents before children.
     * instanceof tests, not a pattern switch: that would spin a class at every start (SwitchBootstraps).
     */
    static void forEach(Expr e, java.util.function.Consumer<Expr> visitor) {
        visitor.accept(e);
        if (e instanceof And a) { for (Expr c : a.children()) forEach(c, visitor); }
        else if (e instanceof Or o) { for (Expr c : o.children()) forEach(c, visitor); }
        else if (e instanceof Not n) forEach(n.child(), visitor);
        else if (e instanceof UnaryCheck u) forEach(u.left(), visitor);
        else if (e instanceof BinaryCheck b) { forEach(b.left(), visitor); forEach(b.right(), visitor); }
        else if (e instanceof Transformer t) forEach(t.child(), visitor);
    }

    /** n-ary conjunction; children appear as written (parenthesised groups stay nested). */
    record And(List<Expr> children, Pos pos) implements Expr {
        public And { children = List.copyOf(children); }
    }

    record Or(List<Expr> children, Pos pos) implements Expr {
        public Or { children = List.copyOf(children); }
    }

    record Not(Expr child, Pos pos) implements Expr {}

    /** A bare identifier in a check position: a macro reference until macros are resolved. */
    record Identifier(String name, Pos pos) implements Expr {}

    /** A constant on the right-hand side (already unquoted and unescaped). */
    record Value(String value, Pos pos) implements Expr {}

    /** A parenthesised constant list on the right-hand side of in/intersects/pmatch. */
    record ListValue(List<String> values, Pos pos) implements Expr {
        public ListValue { values = List.copyOf(values); }
    }

    /** A field reference, with its optional [argument] ("" when none was given). */
    record Field(String name, String arg, Pos pos) implements Expr {
        public boolean hasArg() { return !arg.isEmpty(); }
        public String fullName() { return arg.isEmpty() ? name : name + "[" + arg + "]"; }
    }

    /** tolower(x), toupper(x), b64(x), basename(x), len(x), and val(x) on a right-hand side. */
    record Transformer(String name, Expr child, Pos pos) implements Expr {}

    /** field exists */
    record UnaryCheck(Expr left, String op, Pos pos) implements Expr {}

    record BinaryCheck(Expr left, String op, Expr right, Pos pos) implements Expr {}
}
