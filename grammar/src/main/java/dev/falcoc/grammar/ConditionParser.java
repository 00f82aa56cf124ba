package dev.falcoc.grammar;

import dev.falcoc.grammar.ast.Escaping;
import dev.falcoc.grammar.ast.Expr;
import dev.falcoc.grammar.ast.Pos;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parser for Falco filter conditions that accepts and rejects exactly what Falco 0.42's parser
 * does, with the same messages and positions. Falco's lexer is context dependent (each parse step
 * tries only the tokens it expects, as anchored longest-prefix matches), so this is a recursive
 * descent parser over the characters rather than a token stream. The ANTLR grammar in this module
 * describes the same language for tools; {@code GrammarAgreementTest} keeps the two in step.
 */
public final class ConditionParser {
    // Token shapes, each applied as an anchored match at the cursor (longest match wins).
    private static final Pattern NOT_BLANK = Pattern.compile("not[ \\t\\n\\x0B\\f\\r]+");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z]+[a-zA-Z0-9_]*");
    private static final Pattern FIELD_NAME = Pattern.compile("[a-zA-Z]+[a-zA-Z0-9_]*(\\.[a-zA-Z]+[a-zA-Z0-9_]*)+");
    private static final Pattern FIELD_ARG_BARE = Pattern.compile("[^\\]\\[\"' \\t\\n\\x0B\\f\\r]+");
    private static final Pattern HEX_NUMBER = Pattern.compile("0[xX][0-9a-fA-F]+");
    private static final Pattern NUMBER = Pattern.compile("[+\\-]?[0-9]+\\.?[0-9]*([eE][+\\-][0-9]+)?");
    private static final Pattern BARE_STR = Pattern.compile("[^()\"' \\t\\n\\x0B\\f\\r=,]+");

    public static final List<String> UNARY_OPS = List.of("exists");
    public static final List<String> NUM_OPS = List.of("<=", "<", ">=", ">");
    /** A trailing blank means the operator must be followed by whitespace. */
    private static final List<String> STR_OPS = List.of("==", "=", "!=", "glob ", "iglob ", "contains ",
            "icontains ", "bcontains ", "startswith ", "bstartswith ", "endswith ", "regex ");
    public static final List<String> LIST_OPS = List.of("intersects", "in", "pmatch");
    public static final List<String> TRANSFORMERS = List.of("tolower", "toupper", "b64", "basename", "len");
    public static final String VAL = "val";

    private static final String OPERATORS_TEXT;
    private static final String TRANSFORMERS_TEXT;

    static {
        List<String> all = new ArrayList<>();
        all.addAll(UNARY_OPS);
        all.addAll(NUM_OPS);
        for (String s : STR_OPS) all.add(s.trim());
        all.addAll(LIST_OPS);
        OPERATORS_TEXT = quoteList(all);
        List<String> tr = new ArrayList<>();
        tr.add(VAL);
        tr.addAll(TRANSFORMERS);
        TRANSFORMERS_TEXT = quoteList(tr);
    }

    /** Every operator, in Falco's order (used by completion and by exception comps checks). */
    public static List<String> allOperators() {
        List<String> all = new ArrayList<>(UNARY_OPS);
        all.addAll(NUM_OPS);
        for (String s : STR_OPS) all.add(s.trim());
        all.addAll(LIST_OPS);
        return all;
    }

    private final String in;
    private int idx;
    private int line = 1;
    private int col = 1;
    private String lastToken = "";

    private ConditionParser(String input) {
        this.in = input;
    }

    /** Parses a whole condition. */
    public static Expr parse(String condition) throws ParseException {
        if (condition.isEmpty()) throw new ParseException("filter input string is empty", Pos.START);
        ConditionParser p = new ConditionParser(condition);
        Expr e = p.parseOr();
        if (p.idx != p.end()) {
            throw p.error("unexpected token after '" + p.lastToken + "', expecting 'or', 'and'");
        }
        return e;
    }

    private int end() { return in.length(); }

    private Pos pos() { return new Pos(idx, line, col); }

    private ParseException error(String msg) { return new ParseException(msg, pos()); }

    private char peek() { return idx < in.length() ? in.charAt(idx) : '\0'; }

    private void advance(int n) {
        for (int i = 0; i < n; i++) {
            char c = in.charAt(idx++);
            col++;
            if (c == '\r' || c == '\n') { col = 1; line++; }
        }
    }

    private Expr parseOr() throws ParseException {
        Pos pos = pos();
        List<Expr> children = new ArrayList<>();
        lexBlank();
        children.add(parseAnd());
        lexBlank();
        while (lexStr("or")) {
            if (!lexBlank()) {
                if (lexStr("(")) children.add(parseEmbeddedRemainder());
                else throw error("expected blank or '(' after 'or'");
            } else {
                children.add(parseAnd());
            }
            lexBlank();
        }
        return children.size() > 1 ? new Expr.Or(children, pos) : children.getFirst();
    }

    private Expr parseAnd() throws ParseException {
        Pos pos = pos();
        List<Expr> children = new ArrayList<>();
        lexBlank();
        children.add(parseNot());
        lexBlank();
        while (lexStr("and")) {
            if (!lexBlank()) {
                if (lexStr("(")) children.add(parseEmbeddedRemainder());
                else throw error("expected blank or '(' after 'and'");
            } else {
                children.add(parseNot());
            }
            lexBlank();
        }
        return children.size() > 1 ? new Expr.And(children, pos) : children.getFirst();
    }

    private Expr parseNot() throws ParseException {
        Pos pos = pos();
        boolean negate = false;
        lexBlank();
        while (lexRegex(NOT_BLANK)) negate = !negate;
        Expr child;
        if (lexStr("not(")) {
            negate = !negate;
            child = parseEmbeddedRemainder();
        } else {
            child = parseCheck();
        }
        return negate ? new Expr.Not(child, pos) : child;
    }

    private Expr parseEmbeddedRemainder() throws ParseException {
        lexBlank();
        Expr child = parseOr();
        lexBlank();
        if (!lexStr(")")) throw error("expected a ')' token");
        return child;
    }

    private Expr parseCheck() throws ParseException {
        Pos pos = pos();
        lexBlank();
        if (lexStr("(")) return parseEmbeddedRemainder();
        if (lexRegex(FIELD_NAME)) {
            Expr left = parseFieldRemainder(lastToken, pos);
            return parseCondition(left, pos);
        }
        if (lexTransformerType()) {
            lexBlank();
            String name = lastToken.substring(0, lastToken.length() - 1);
            Expr left = parseFieldOrTransformerRemainder(name, pos);
            return parseCondition(left, pos);
        }
        if (lexRegex(IDENTIFIER)) return new Expr.Identifier(lastToken, pos);
        throw error("expected a '(' token, a field check, or an identifier");
    }

    private Expr.Field parseFieldRemainder(String name, Pos pos) throws ParseException {
        String arg = "";
        if (lexStr("[")) {
            if (!lexQuotedStr() && !lexRegex(FIELD_ARG_BARE)) {
                throw error("expected a valid field argument: a quoted string or a bare string");
            }
            arg = lastToken;
            if (!lexStr("]")) throw error("expected a ']' token");
        }
        return new Expr.Field(name, arg, pos);
    }

    private Expr parseFieldOrTransformerRemainder(String transformer, Pos pos) throws ParseException {
        lexBlank();
        Pos argPos = pos();
        Expr child = null;
        if (lexTransformerType()) {
            lexBlank();
            child = parseFieldOrTransformerRemainder(lastToken.substring(0, lastToken.length() - 1), argPos);
        }
        // Falco tries a field name even after a nested transformer; it can only fail to match then.
        if (lexRegex(FIELD_NAME)) child = parseFieldRemainder(lastToken, argPos);
        if (child == null) {
            throw error("expected a field or a nested valid transformer: " + TRANSFORMERS_TEXT);
        }
        lexBlank();
        if (!lexStr(")")) throw error("expected a ')' token closing the transformer");
        return new Expr.Transformer(transformer, child, pos);
    }

    private Expr parseCondition(Expr left, Pos pos) throws ParseException {
        lexBlank();
        if (lexOperator(UNARY_OPS)) return new Expr.UnaryCheck(left, lastToken.trim(), pos);
        lexBlank();
        String op;
        Expr right;
        if (lexOperator(NUM_OPS)) {
            op = lastToken;
            right = parseNumValueOrTransformer();
        } else if (lexOperator(STR_OPS)) {
            op = lastToken;
            right = parseStrValueOrTransformer(false);
        } else if (lexOperator(LIST_OPS)) {
            op = lastToken;
            right = parseListValueOrTransformer();
        } else {
            throw error("expected a valid check operator: one of " + OPERATORS_TEXT);
        }
        return new Expr.BinaryCheck(left, op.trim(), right, pos);
    }

    private Expr parseNumValueOrTransformer() throws ParseException {
        lexBlank();
        Pos pos = pos();
        Expr t = tryParseTransformerOrVal();
        if (t != null) return t;
        if (lexRegex(HEX_NUMBER) || lexRegex(NUMBER)) return new Expr.Value(lastToken, pos);
        throw error("expected a number value or a field with a valid transformer: " + TRANSFORMERS_TEXT);
    }

    private Expr parseStrValueOrTransformer(boolean noTransformer) throws ParseException {
        lexBlank();
        Pos pos = pos();
        if (!noTransformer) {
            Expr t = tryParseTransformerOrVal();
            if (t != null) return t;
        }
        if (lexQuotedStr() || lexRegex(BARE_STR)) return new Expr.Value(lastToken, pos);
        if (noTransformer) throw error("expected a string value");
        throw error("expected a string value or a field with a valid transformer: " + TRANSFORMERS_TEXT);
    }

    private Expr parseListValueOrTransformer() throws ParseException {
        lexBlank();
        Pos pos = pos();
        if (lexStr("(")) {
            List<String> values = new ArrayList<>();
            lexBlank();
            Expr head = null;
            try {
                head = parseStrValueOrTransformer(true);
            } catch (ParseException e) {
                // Falco takes a failed first element for an empty list and goes on from wherever
                // the attempt left the cursor (past a badly escaped string, for instance).
            }
            if (head != null) {
                values.add(((Expr.Value) head).value());
                lexBlank();
                while (lexStr(",")) {
                    values.add(((Expr.Value) parseStrValueOrTransformer(true)).value());
                    lexBlank();
                }
            }
            if (!lexStr(")")) throw error("expected a ')' token");
            return new Expr.ListValue(values, pos);
        }
        Expr t = tryParseTransformerOrVal();
        if (t != null) return t;
        if (lexRegex(IDENTIFIER)) return new Expr.Value(lastToken, pos);
        throw error("expected a list, an identifier, or a field with a valid transformer: " + TRANSFORMERS_TEXT);
    }

    private Expr tryParseTransformerOrVal() throws ParseException {
        lexBlank();
        Pos pos = pos();
        if (lexStr(VAL + "(")) {
            lexBlank();
            Pos fieldPos = pos();
            if (!lexRegex(FIELD_NAME)) throw error("expected a field within '" + VAL + "' transformer");
            Expr child = parseFieldRemainder(lastToken, fieldPos);
            lexBlank();
            if (!lexStr(")")) throw error("expected a ')' token closing the transformer");
            return new Expr.Transformer(VAL, child, pos);
        }
        if (lexTransformerType()) {
            lexBlank();
            return parseFieldOrTransformerRemainder(lastToken.substring(0, lastToken.length() - 1), pos);
        }
        return null;
    }

    // ---- lexing helpers: each consumes a token at the cursor or leaves the cursor untouched ----

    private boolean lexBlank() {
        boolean found = false;
        while (idx < end()) {
            char c = in.charAt(idx);
            if (c != ' ' && c != '\t' && c != '\b' && c != '\r' && c != '\n') break;
            found = true;
            advance(1);
        }
        return found;
    }

    private boolean lexStr(String s) {
        if (in.startsWith(s, idx) && idx + s.length() <= end()) {
            lastToken = s;
            advance(s.length());
            return true;
        }
        return false;
    }

    private boolean lexTransformerType() {
        for (String t : TRANSFORMERS) {
            if (lexStr(t + "(")) return true;
        }
        return false;
    }

    /** Operators with a trailing blank must be followed by whitespace, which is consumed too. */
    private boolean lexOperator(List<String> ops) {
        for (String op : ops) {
            if (!op.endsWith(" ")) {
                if (lexStr(op)) return true;
                continue;
            }
            if (lexStr(op.trim())) return lexBlank();
        }
        return false;
    }

    private boolean lexRegex(Pattern p) {
        if (idx >= end()) return false;
        Matcher m = p.matcher(in).region(idx, end());
        if (m.lookingAt() && m.end() > idx) {
            lastToken = m.group();
            advance(lastToken.length());
            return true;
        }
        return false;
    }

    private boolean lexQuotedStr() throws ParseException {
        char delimiter = peek();
        if ((delimiter != '\'' && delimiter != '"') || idx >= end()) return false;
        int savedIdx = idx, savedLine = line, savedCol = col;
        char prev = '\\';
        StringBuilder token = new StringBuilder();
        while (idx < end()) {
            char c = in.charAt(idx);
            if (c == delimiter && prev != '\\') {
                advance(1);
                token.append(delimiter);
                try {
                    lastToken = Escaping.unescape(token.toString());
                } catch (ParseException.Message m) {
                    throw error(m.getMessage());
                }
                return true;
            }
            prev = c;
            token.append(c);
            advance(1);
        }
        idx = savedIdx; line = savedLine; col = savedCol;
        return false;
    }

    private static String quoteList(List<String> items) {
        StringBuilder sb = new StringBuilder();
        for (String s : items) {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append('\'').append(s).append('\'');
        }
        return sb.toString();
    }
}
