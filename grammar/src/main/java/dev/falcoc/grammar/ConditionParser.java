package dev.falcoc.grammar;

import dev.falcoc.grammar.ast.Escaping;
import dev.falcoc.grammar.ast.Expr;
import dev.falcoc.grammar.ast.Pos;
import java.util.ArrayList;
import java.util.List;

/**
 * Parser for Falco filter conditions that accepts and rejects exactly what Falco 0.42's parser
 * does, with the same messages and positions. Falco's lexer is context dependent (each parse step
 * tries only the tokens it expects, as anchored longest-prefix matches), so this is a recursive
 * descent parser over the characters rather than a token stream. The ANTLR grammar in this module
 * describes the same language for tools; {@code GrammarAgreementTest} keeps the two in step.
 */
public final class ConditionParser {
    // Token shapes, each matched as an anchored, longest match at the cursor by a hand-written scanner
    // (java.util.regex cost ~10 % of loading a rules file):
    //   NOT_BLANK       not[ \t\n\x0B\f\r]+
    //   IDENTIFIER      [a-zA-Z]+[a-zA-Z0-9_]*
    //   FIELD_NAME      [a-zA-Z]+[a-zA-Z0-9_]*(\.[a-zA-Z]+[a-zA-Z0-9_]*)+
    //   FIELD_ARG_BARE  [^\]\["' \t\n\x0B\f\r]+
    //   HEX_NUMBER      0[xX][0-9a-fA-F]+
    //   NUMBER          [+\-]?[0-9]+\.?[0-9]*([eE][+\-][0-9]+)?
    //   BARE_STR        [^()"' \t\n\x0B\f\r=,]+
    private static final int NOT_BLANK = 0, IDENTIFIER = 1, FIELD_NAME = 2, FIELD_ARG_BARE = 3, HEX_NUMBER = 4, NUMBER = 5, BARE_STR = 6;

    public static final List<String> UNARY_OPS = List.of("exists");
    public static final List<String> NUM_OPS = List.of("<=", "<", ">=", ">");
    /** A trailing blank means the operator must be followed by whitespace. */
    private static final List<String> STR_OPS = List.of("==", "=", "!=", "glob ", "iglob ", "contains ",
            "icontains ", "bcontains ", "startswith ", "bstartswith ", "endswith ", "regex ");
    public static final List<String> LIST_OPS = List.of("intersects", "in", "pmatch");
    public static final List<String> TRANSFORMERS = List.of("tolower", "toupper", "b64", "basename", "len");
    public static final String VAL = "val";

    private static final String[] UNARY_OPS_A = UNARY_OPS.toArray(new String[0]), NUM_OPS_A = NUM_OPS.toArray(new String[0]),
            STR_OPS_A = STR_OPS.toArray(new String[0]), LIST_OPS_A = LIST_OPS.toArray(new String[0]);
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
        if (lexOperator(UNARY_OPS_A)) return new Expr.UnaryCheck(left, lastToken.trim(), pos);
        lexBlank();
        String op;
        Expr right;
        if (lexOperator(NUM_OPS_A)) {
            op = lastToken;
            right = parseNumValueOrTransformer();
        } else if (lexOperator(STR_OPS_A)) {
            op = lastToken;
            right = parseStrValueOrTransformer(false);
        } else if (lexOperator(LIST_OPS_A)) {
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

    private static final String[] TRANSFORMER_OPENERS = new String[TRANSFORMERS.size()];

    static {
        for (int i = 0; i < TRANSFORMER_OPENERS.length; i++) TRANSFORMER_OPENERS[i] = TRANSFORMERS.get(i) + "(";
    }

    private boolean lexTransformerType() {
        for (String t : TRANSFORMER_OPENERS) {
            if (lexStr(t)) return true;
        }
        return false;
    }

    /** Operators with a trailing blank must be followed by whitespace, which is consumed too. */
    private boolean lexOperator(String[] ops) {
        for (String op : ops) {
            if (op.charAt(op.length() - 1) != ' ') {
                if (lexStr(op)) return true;
                continue;
            }
            if (lexStr(op, op.length() - 1)) return lexBlank();
        }
        return false;
    }

    /** lexStr of the first n characters of s (an operator without its trailing blank). */
    private boolean lexStr(String s, int n) {
        if (in.regionMatches(idx, s, 0, n)) {
            lastToken = s.substring(0, n);
            advance(n);
            return true;
        }
        return false;
    }

    private boolean lexRegex(int token) {
        if (idx >= end()) return false;
        int e = switch (token) {
            case NOT_BLANK -> scanNotBlank(in, idx);
            case IDENTIFIER -> scanIdentifier(in, idx);
            case FIELD_NAME -> scanFieldName(in, idx);
            case FIELD_ARG_BARE -> scanExcluding(in, idx, "][\"' \t\n\u000B\f\r");
            case HEX_NUMBER -> scanHex(in, idx);
            case NUMBER -> scanNumber(in, idx);
            default -> scanExcluding(in, idx, "()\"' \t\n\u000B\f\r=,");
        };
        if (e > idx) {
            lastToken = in.substring(idx, e);
            advance(e - idx);
            return true;
        }
        return false;
    }

    private static boolean isAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    private static boolean isWordChar(char c) { return isAsciiLetter(c) || isDigit(c) || c == '_'; }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    /** End of "not" and its blanks at i, or i when there is none. */
    static int scanNotBlank(String s, int i) {
        if (!s.startsWith("not", i)) return i;
        int j = i + 3;
        while (j < s.length() && isRegexSpace(s.charAt(j))) j++;
        return j > i + 3 ? j : i;
    }

    static int scanIdentifier(String s, int i) {
        if (i >= s.length() || !isAsciiLetter(s.charAt(i))) return i;
        int j = i + 1;
        while (j < s.length() && isWordChar(s.charAt(j))) j++;
        return j;
    }

    /** An identifier followed by one or more ".identifier" parts; i when there is no such name. */
    static int scanFieldName(String s, int i) {
        int j = scanIdentifier(s, i);
        if (j == i) return i;
        int parts = 0;
        while (j + 1 < s.length() && s.charAt(j) == '.' && isAsciiLetter(s.charAt(j + 1))) {
            j = scanIdentifier(s, j + 1);
            parts++;
        }
        return parts > 0 ? j : i;
    }

    static int scanExcluding(String s, int i, String excluded) {
        int j = i;
        while (j < s.length() && excluded.indexOf(s.charAt(j)) < 0) j++;
        return j;
    }

    static int scanHex(String s, int i) {
        if (i + 2 >= s.length() || s.charAt(i) != '0' || (s.charAt(i + 1) != 'x' && s.charAt(i + 1) != 'X')) return i;
        int j = i + 2;
        while (j < s.length() && Character.digit(s.charAt(j), 16) >= 0 && s.charAt(j) < 128) j++;
        return j > i + 2 ? j : i;
    }

    static int scanNumber(String s, int i) {
        int j = i;
        if (j < s.length() && (s.charAt(j) == '+' || s.charAt(j) == '-')) j++;
        int digits = j;
        while (j < s.length() && isDigit(s.charAt(j))) j++;
        if (j == digits) return i;
        if (j < s.length() && s.charAt(j) == '.') j++;
        while (j < s.length() && isDigit(s.charAt(j))) j++;
        // the exponent counts only when complete: e, a sign, digits
        if (j + 2 < s.length() && (s.charAt(j) == 'e' || s.charAt(j) == 'E') && (s.charAt(j + 1) == '+' || s.charAt(j + 1) == '-')
                && isDigit(s.charAt(j + 2))) {
            j += 2;
            while (j < s.length() && isDigit(s.charAt(j))) j++;
        }
        return j;
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
