package dev.falcoc.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.falcoc.grammar.ast.AstPrinter;
import dev.falcoc.grammar.ast.Expr;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Laws of the parser: printing then parsing gives the same tree; no input makes it throw. */
class PrintParsePropertiesTest {

    /**
     * Parsing the printed form gives the same tree, up to double negations: Falco's canonical
     * printer writes a negated "not(...)" group as "not not x", which reads back as x.
     */
    @Property(tries = 2000)
    void printThenParseIsIdentity(@ForAll("conditions") String condition) throws ParseException {
        Expr first = ConditionParser.parse(condition);
        Expr second = ConditionParser.parse(AstPrinter.print(first));
        assertEquals(shape(first), shape(second));
    }

    /** The tree without positions, with double negations removed. */
    private static String shape(Expr e) {
        return switch (e) {
            case Expr.Not n when n.child() instanceof Expr.Not inner -> shape(inner.child());
            case Expr.Not n -> "Not(" + shape(n.child()) + ")";
            case Expr.And a -> "And" + a.children().stream().map(PrintParsePropertiesTest::shape).toList();
            case Expr.Or o -> "Or" + o.children().stream().map(PrintParsePropertiesTest::shape).toList();
            case Expr.BinaryCheck b -> "Bin(" + shape(b.left()) + "," + b.op() + "," + shape(b.right()) + ")";
            case Expr.UnaryCheck u -> "Un(" + shape(u.left()) + "," + u.op() + ")";
            case Expr.Transformer t -> t.name() + "(" + shape(t.child()) + ")";
            case Expr.Field f -> "F(" + f.name() + "," + f.arg() + ")";
            case Expr.Value v -> "V(" + v.value() + ")";
            case Expr.ListValue l -> "L" + l.values();
            case Expr.Identifier i -> "Id(" + i.name() + ")";
        };
    }

    @Property(tries = 3000)
    void neverThrowsAnythingButParseException(@ForAll("noise") String text) {
        try {
            ConditionParser.parse(text);
        } catch (ParseException expected) {
            // a diagnostic, as it should be
        }
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().withChars("abcx.()[]=!<>\"'\\ ,\n\tandornotin0123").ofMaxLength(40);
    }

    @Provide
    Arbitrary<String> conditions() {
        return expr(3);
    }

    private Arbitrary<String> expr(int depth) {
        Arbitrary<String> leaf = check();
        if (depth == 0) return leaf;
        Arbitrary<String> sub = expr(depth - 1);
        return Arbitraries.oneOf(leaf,
                Arbitraries.of("and", "or").flatMap(op -> sub.list().ofMinSize(2).ofMaxSize(3).map(l -> "(" + String.join(" " + op + " ", l) + ")")),
                sub.map(s -> "not " + s),
                sub.map(s -> "(" + s + ")"));
    }

    private Arbitrary<String> check() {
        Arbitrary<String> field = Arbitraries.of("proc.name", "fd.name", "evt.type", "proc.aname[2]", "proc.env[HOME]", "fd.num");
        Arbitrary<String> value = Arbitraries.of("bash", "\"a b\"", "'x=y'", "/etc/*", "1", "-2", "\"q\\\"t\"", "a.b");
        Arbitrary<String> strOp = Arbitraries.of("=", "!=", "contains", "startswith", "glob", "endswith", "icontains");
        Arbitrary<String> list = value.list().ofMinSize(0).ofMaxSize(3).map(l -> "(" + String.join(", ", l) + ")");
        return Arbitraries.oneOf(
                net.jqwik.api.Combinators.combine(field, strOp, value).as((f, o, v) -> f + " " + o + " " + v),
                net.jqwik.api.Combinators.combine(field, Arbitraries.of("in", "pmatch", "intersects"), list).as((f, o, l) -> f + " " + o + " " + l),
                field.map(f -> f + " exists"),
                field.map(f -> "tolower(" + f + ") = val(proc.pname)"),
                Arbitraries.of("some_macro", "m2"));
    }

    @SuppressWarnings("unused")
    private static final List<String> KEEP = List.of();
}
