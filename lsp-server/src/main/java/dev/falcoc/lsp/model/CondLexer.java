package dev.falcoc.lsp.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A tolerant scanner for condition text that classifies every token by its place in Falco's
 * grammar (check, operator, value, list). Unlike the compiler's parser it never stops: the editor
 * needs tokens for highlighting, references and completion while the text is half typed.
 */
public final class CondLexer {
    public enum Kind { FIELD, MACRO, VALUE, STRING, NUMBER, OPERATOR, KEYWORD, TRANSFORMER, PUNCT }

    /** Where the scanner stands: what may come next. */
    public enum State { CHECK, OPERATOR, VALUE, LIST_START, LIST_ITEM, BOOL, FIELD_ARG }

    /** A token in decoded scalar text; {@code field} is the left-hand field for operators and values. */
    public record Token(Kind kind, String text, int start, int end, String field) {}

    public record Result(List<Token> tokens, State state, String field, int wordStart) {}

    public static final Set<String> WORD_OPERATORS = Set.of("exists", "glob", "iglob", "contains", "icontains", "bcontains",
            "startswith", "bstartswith", "endswith", "regex", "in", "intersects", "pmatch");
    public static final Set<String> LIST_OPERATORS = Set.of("in", "intersects", "pmatch");
    public static final Set<String> TRANSFORMERS = Set.of("tolower", "toupper", "b64", "basename", "len", "val");

    private CondLexer() {}

    private static boolean blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\b' || c == '\f'; }

    private static boolean wordChar(char c) {
        return !blank(c) && c != '(' && c != ')' && c != ',' && c != '"' && c != '\'' && c != '=' && c != '<' && c != '>' && c != '!';
    }

    static boolean isFieldName(String s) {
        int dot = s.indexOf('.');
        if (dot <= 0 || dot == s.length() - 1 || !Character.isLetter(s.charAt(0))) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.')) return false;
        }
        return true;
    }

    static boolean isIdentifier(String s) {
        if (s.isEmpty() || !Character.isLetter(s.charAt(0))) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) return false;
        }
        return true;
    }

    private static final class Frame {
        final boolean transformer;
        final State after;
        Frame(boolean transformer, State after) { this.transformer = transformer; this.after = after; }
    }

    public static Result scan(String s) {
        List<Token> out = new ArrayList<>();
        State st = State.CHECK;
        String field = null;
        List<Frame> stack = new ArrayList<>();
        int i = 0, n = s.length();
        int wordStart = n;
        while (i < n) {
            char c = s.charAt(i);
            if (blank(c)) { i++; continue; }
            int start = i;
            if (c == '(') {
                i++;
                out.add(new Token(Kind.PUNCT, "(", start, i, field));
                if (st == State.LIST_START || st == State.VALUE && field != null) {
                    st = State.LIST_ITEM;
                } else {
                    stack.add(new Frame(false, State.BOOL));
                    st = State.CHECK;
                }
                continue;
            }
            if (c == ')') {
                i++;
                out.add(new Token(Kind.PUNCT, ")", start, i, field));
                if (st == State.LIST_ITEM) {
                    st = State.BOOL;
                } else if (!stack.isEmpty()) {
                    Frame f = stack.removeLast();
                    st = f.after;
                } else {
                    st = State.BOOL;
                }
                continue;
            }
            if (c == ',') {
                i++;
                out.add(new Token(Kind.PUNCT, ",", start, i, field));
                continue;
            }
            if (c == '"' || c == '\'') {
                i++;
                while (i < n && s.charAt(i) != c) i += s.charAt(i) == '\\' ? 2 : 1;
                i = Math.min(n, i + 1);
                out.add(new Token(Kind.STRING, s.substring(start, i), start, i, field));
                if (st != State.LIST_ITEM) st = State.BOOL;
                continue;
            }
            if (c == '=' || c == '<' || c == '>' || c == '!') {
                i++;
                if (i < n && s.charAt(i) == '=') i++;
                out.add(new Token(Kind.OPERATOR, s.substring(start, i), start, i, field));
                st = State.VALUE;
                continue;
            }
            // a word, with a [argument] glued to field names
            while (i < n && wordChar(s.charAt(i)) && s.charAt(i) != '[') i++;
            String w = s.substring(start, i);
            if (i < n && s.charAt(i) == '[' && (st == State.CHECK || isFieldName(w))) {
                int close = s.indexOf(']', i);
                if (close < 0) {
                    out.add(new Token(Kind.FIELD, w, start, i, w));
                    field = w;
                    return new Result(out, State.FIELD_ARG, w, i + 1);
                }
                i = close + 1;
                w = s.substring(start, i);
            } else if (i < n && s.charAt(i) == '[') {
                while (i < n && wordChar(s.charAt(i))) i++;
                w = s.substring(start, i);
            }
            if (i == n) wordStart = start;
            if (i < n && s.charAt(i) == '(' && TRANSFORMERS.contains(w)) {
                out.add(new Token(Kind.TRANSFORMER, w, start, i, field));
                out.add(new Token(Kind.PUNCT, "(", i, i + 1, field));
                i++;
                stack.add(new Frame(true, st == State.CHECK ? State.OPERATOR : State.BOOL));
                st = State.CHECK;
                continue;
            }
            switch (st) {
                case CHECK -> {
                    if (w.equals("not")) {
                        out.add(new Token(Kind.KEYWORD, w, start, i, null));
                    } else if (isFieldName(w) || w.indexOf('[') > 0) {
                        field = w;
                        out.add(new Token(Kind.FIELD, w, start, i, w));
                        boolean inTransformer = !stack.isEmpty() && stack.getLast().transformer;
                        st = inTransformer ? State.BOOL : State.OPERATOR;
                        if (inTransformer) st = State.CHECK; // wait for the closing parenthesis
                    } else {
                        out.add(new Token(Kind.MACRO, w, start, i, null));
                        st = State.BOOL;
                    }
                }
                case OPERATOR -> {
                    if (WORD_OPERATORS.contains(w)) {
                        out.add(new Token(Kind.OPERATOR, w, start, i, field));
                        st = w.equals("exists") ? State.BOOL : LIST_OPERATORS.contains(w) ? State.LIST_START : State.VALUE;
                    } else if (w.equals("and") || w.equals("or")) {
                        out.add(new Token(Kind.KEYWORD, w, start, i, null));
                        st = State.CHECK;
                    } else {
                        out.add(new Token(Kind.VALUE, w, start, i, field));
                    }
                }
                case VALUE, LIST_START -> {
                    out.add(new Token(number(w) ? Kind.NUMBER : Kind.VALUE, w, start, i, field));
                    st = State.BOOL;
                }
                case LIST_ITEM -> out.add(new Token(number(w) ? Kind.NUMBER : Kind.VALUE, w, start, i, field));
                case BOOL -> {
                    if (w.equals("and") || w.equals("or")) {
                        out.add(new Token(Kind.KEYWORD, w, start, i, null));
                        st = State.CHECK;
                        field = null;
                    } else {
                        out.add(new Token(Kind.VALUE, w, start, i, field));
                    }
                }
                default -> out.add(new Token(Kind.VALUE, w, start, i, field));
            }
        }
        // completion looks at the state before a word that is still being typed
        if (wordStart < n && !out.isEmpty() && out.getLast().end() == n && out.getLast().start() == wordStart) {
            Result before = scan(s.substring(0, wordStart));
            return new Result(out, before.state(), before.field(), wordStart);
        }
        return new Result(out, st, field, n);
    }

    private static boolean number(String w) {
        if (w.isEmpty()) return false;
        char c = w.charAt(0);
        if (!(Character.isDigit(c) || ((c == '-' || c == '+') && w.length() > 1 && Character.isDigit(w.charAt(1))))) return false;
        for (int k = 1; k < w.length(); k++) {
            char d = w.charAt(k);
            if (!(Character.isLetterOrDigit(d) || d == '.' || d == '+' || d == '-')) return false;
        }
        return true;
    }
}
