package dev.falcoc.grammar.ast;

import dev.falcoc.grammar.ParseException;

/** Quoting rules of Falco's filter strings: printing (escape) and lexing (unescape). */
public final class Escaping {
    private Escaping() {}

    /** Canonical form of a constant: raw when harmless, else double-quoted with C-style escapes. */
    public static String escape(String s) {
        // most values need neither quotes nor escapes: return them as they are, uncopied
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            switch (s.charAt(i)) {
                case '\b', '\f', '\n', '\r', '\t', '\\', '"', ' ', '=', '\'' -> plain = false;
                default -> { }
            }
        }
        if (plain) return s;
        StringBuilder out = new StringBuilder(s.length() + 2);
        boolean quote = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\b' -> { quote = true; out.append("\\b"); }
                case '\f' -> { quote = true; out.append("\\f"); }
                case '\n' -> { quote = true; out.append("\\n"); }
                case '\r' -> { quote = true; out.append("\\r"); }
                case '\t' -> { quote = true; out.append("\\t"); }
                case '\\' -> { quote = true; out.append("\\\\"); }
                case '"' -> { quote = true; out.append("\\\""); }
                case ' ', '=', '\'' -> { quote = true; out.append(c); }
                default -> out.append(c);
            }
        }
        return quote ? "\"" + out + "\"" : out.toString();
    }

    /**
     * Decodes a quoted token, quotes included. Mirrors Falco: only \b \f \n \r \t \\ \/ and the
     * token's own quote may be escaped, and a backslash before a space yields a lone backslash.
     */
    public static String unescape(String quoted) throws ParseException.Message {
        StringBuilder out = new StringBuilder(quoted.length());
        char delimiter = quoted.charAt(0);
        boolean escaped = false;
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            if (!escaped) {
                if (c == '\\') escaped = true;
                else out.append(c);
                continue;
            }
            switch (c) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case ' ', '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case '"' -> {
                    if (delimiter != '"') throw new ParseException.Message("invalid \\\" escape in '-quoted string");
                    out.append('"');
                }
                case '\'' -> {
                    if (delimiter != '\'') throw new ParseException.Message("invalid \\' escape in \"-quoted string");
                    out.append('\'');
                }
                default -> throw new ParseException.Message("unsupported string escape sequence: \\" + c);
            }
            escaped = false;
        }
        return out.toString();
    }
}
