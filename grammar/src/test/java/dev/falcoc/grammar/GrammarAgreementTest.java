package dev.falcoc.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.falcoc.grammar.antlr.AntlrConditions;
import dev.falcoc.grammar.antlr.FalcoConditionLexer;
import dev.falcoc.grammar.ast.Expr;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The ANTLR grammar and the Falco-exact parser describe one language: on any input both accept
 * or both reject, and when they accept they build the same tree. Inputs are made of the pieces
 * where Falco's lexer is context dependent (blanks after keywords, word operators, quoted
 * strings with bad escapes, nested transformers), glued at random.
 */
class GrammarAgreementTest {

    @Property(tries = 8000)
    void sameLanguageOnTokenSoup(@ForAll("soup") String input) {
        Statistics.collect(assertAgree(input) ? "accepted" : "rejected");
        // Agreement on rejections alone would prove little: make sure many inputs parse.
        Statistics.coverage(c -> c.check("accepted").percentage(p -> p > 10.0));
    }

    @Property(tries = 3000)
    void sameLanguageOnCharacterNoise(@ForAll("noise") String input) {
        assertAgree(input);
    }

    @Example
    void quirksFalcoAccepts() {
        for (String s : List.of("proc.name containsin (a)", "proc.name regexpmatch (a)", "proc.name existsand x",
                "proc.name in (\"\\q\")", "tolower(toupper(a.b)c.d) = x", "a and(b)", "not(a)", "not not a",
                "proc.name inx", "a and and", "evt.num > 0x1F", "proc.aname[2] = \"a\\ b\"", "not\u000Ba")) {
            assertAgree(s);
            try {
                ConditionParser.parse(s);
            } catch (ParseException e) {
                throw new AssertionError("Falco accepts " + s + ": " + e.getMessage());
            }
        }
    }

    @Example
    void tokensNameWhatSitsWhere() {
        List<String> kinds = AntlrConditions.tokens("proc.name in (bash, sh) and not m").stream()
                .map(t -> FalcoConditionLexer.VOCABULARY.getSymbolicName(t.getType())).toList();
        assertEquals(List.of("FIELD", "LIST_OP", "LIST_OPEN", "BARE", "COMMA", "BARE", "LIST_CLOSE", "AND", "NOT", "IDENTIFIER"), kinds);
    }

    /** Returns whether the input was accepted. */
    static boolean assertAgree(String input) {
        String viaFalco, viaAntlr;
        try {
            viaFalco = shape(ConditionParser.parse(input));
        } catch (ParseException e) {
            viaFalco = "REJECT";
        }
        try {
            viaAntlr = shape(AntlrConditions.parse(input));
        } catch (ParseException e) {
            viaAntlr = "REJECT";
        }
        assertEquals(viaFalco, viaAntlr, () -> "input: " + escapeForMessage(input));
        return !viaFalco.equals("REJECT");
    }

    private static String escapeForMessage(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) sb.append(c < 32 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        return sb.toString();
    }

    /** The tree without positions. */
    static String shape(Expr e) {
        return switch (e) {
            case Expr.Not n -> "Not(" + shape(n.child()) + ")";
            case Expr.And a -> "And" + a.children().stream().map(GrammarAgreementTest::shape).toList();
            case Expr.Or o -> "Or" + o.children().stream().map(GrammarAgreementTest::shape).toList();
            case Expr.BinaryCheck b -> "Bin(" + shape(b.left()) + "," + b.op() + "," + shape(b.right()) + ")";
            case Expr.UnaryCheck u -> "Un(" + shape(u.left()) + "," + u.op() + ")";
            case Expr.Transformer t -> t.name() + "(" + shape(t.child()) + ")";
            case Expr.Field f -> "F(" + f.name() + "," + f.arg() + ")";
            case Expr.Value v -> "V(" + v.value() + ")";
            case Expr.ListValue l -> "L" + l.values();
            case Expr.Identifier i -> "Id(" + i.name() + ")";
        };
    }

    private static final List<String> PIECES = List.of(
            "not ", "not(", "not", "and ", "and(", "and", "or ", "or(", "or", "(", ")", " ", "  ", "\t", "\n", "\b", "\f", "\u000B",
            "proc.name", "fd.name", "proc.aname[2]", "proc.env[\"HOME\"]", "proc.env['a\\q']", "a.b[x", "evt.type",
            "tolower(", "toupper(", "b64(", "len(", "basename(", "val(",
            "=", "==", "!=", "<", "<=", ">", ">=", "exists", "contains", "contains ", "icontains ", "glob ", "startswith",
            "bstartswith ", "regex ", "in", "in ", "intersects", "pmatch", "pmatch ",
            "bash", "m", "x1", "\"a b\"", "'x=y'", "\"q\\\"t\"", "\"bad\\q\"", "'it\\'s'", "\"\\\\\"", "\"\\\\\" x\"", "1", "-2", "0x1f", "1.5e+3",
            ",", ", ", "[", "]", "/etc/*", "a=b", ".", "'");

    @Provide
    Arbitrary<String> soup() {
        Arbitrary<String> random = Arbitraries.of(PIECES).list().ofMinSize(1).ofMaxSize(12).map(l -> String.join("", l));
        // Valid checks joined by connectives, with one random piece spliced in now and then.
        Arbitrary<String> check = Arbitraries.of(CHECKS);
        Arbitrary<String> joined = Arbitraries.of(CONNECTIVES).list().ofMinSize(0).ofMaxSize(4).flatMap(ops ->
                check.list().ofSize(ops.size() + 1).map(cs -> {
                    StringBuilder sb = new StringBuilder(cs.getFirst());
                    for (int i = 0; i < ops.size(); i++) sb.append(ops.get(i)).append(cs.get(i + 1)).append(ops.get(i).endsWith("(") ? ")" : "");
                    return sb.toString();
                }));
        Arbitrary<String> spliced = net.jqwik.api.Combinators.combine(joined, Arbitraries.of(PIECES), Arbitraries.integers().between(0, 1000))
                .as((s, piece, at) -> { int i = at % (s.length() + 1); return s.substring(0, i) + piece + s.substring(i); });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, random), net.jqwik.api.Tuple.of(3, joined), net.jqwik.api.Tuple.of(3, spliced));
    }

    private static final List<String> CONNECTIVES = List.of(" and ", " or ", " and not ", " or not(", "and(", " and\n", "\tor ");

    private static final List<String> CHECKS = List.of(
            "proc.name = bash", "proc.name=bash", "fd.name contains /etc", "fd.name icontains\tx", "evt.num > 5", "evt.num<=0x10",
            "proc.name in (a, \"b c\", 'd')", "proc.name in ()", "proc.name in(\"\\q\")", "proc.name pmatch (/a, /b)",
            "proc.aname[2] exists", "proc.env[HOME] startswith /", "tolower(proc.name) = val(proc.pname)",
            "len(b64(fd.name)) > 3", "tolower(toupper(fd.name)proc.name) glob '*x'", "my_macro", "not my_macro",
            "(proc.name = a or fd.num < 3)", "proc.name containsin (list1)", "proc.name intersects shell_binaries",
            "evt.type in (open, openat)", "proc.name = \"it\\'s\"", "proc.name = 'it\\'s'", "fd.name = val(fd.directory)");

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().withChars("abinotrx.()[]=!<>\"'\\ ,\n\t\b\f\u000B0123").ofMinLength(1).ofMaxLength(30);
    }
}
