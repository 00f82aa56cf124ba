package dev.falcoc.compiler.ir;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regex as Falco 0.42 compiles it: RE2 with POSIX syntax, matched against the whole value.
 * The pattern is checked against RE2's POSIX grammar and rewritten to an equivalent
 * java.util.regex pattern. Differences handled: no Perl classes (\d \s \w), no \b, no (?...)
 * groups or flags, no backreferences, no Unicode classes; '^'/'$' match at line boundaries
 * (POSIX mode has no one_line); '.' does not match '\n'; stacked repetitions (a**, a*?) are
 * squashed instead of meaning possessive or lazy. A pattern RE2 rejects never matches, as in 0.42.
 */
public final class Regex {
    private final String source;
    private final Pattern pattern; // null: invalid, never matches

    public Regex(String source) {
        this.source = source;
        Pattern p;
        try {
            String j = translate(source);
            p = j == null ? null : Pattern.compile(j);
        } catch (PatternSyntaxException e) {
            p = null;
        }
        this.pattern = p;
    }

    public String source() { return source; }

    public boolean valid() { return pattern != null; }

    public boolean matches(String s) { return pattern != null && pattern.matcher(s).matches(); }

    @Override
    public String toString() { return source; }

    /** RE2-POSIX syntax to java.util.regex, or null when RE2 would reject the pattern. */
    static String translate(String re) {
        StringBuilder out = new StringBuilder();
        int n = re.length();
        int depth = 0;
        int atomStart = -1;      // where the last repeatable atom starts in out, -1 if none
        boolean lastWasRepeat = false;
        java.util.ArrayDeque<Integer> groupStarts = new java.util.ArrayDeque<>();
        int i = 0;
        while (i < n) {
            char c = re.charAt(i);
            switch (c) {
                case '(' -> {
                    if (i + 1 < n && re.charAt(i + 1) == '?') return null; // "missing argument to repetition operator"
                    groupStarts.push(out.length());
                    out.append("(?:");
                    depth++;
                    atomStart = -1;
                    lastWasRepeat = false;
                    i++;
                }
                case ')' -> {
                    if (depth == 0) return null;
                    depth--;
                    out.append(')');
                    atomStart = groupStarts.pop();
                    lastWasRepeat = false;
                    i++;
                }
                case '|' -> {
                    out.append('|');
                    atomStart = -1;
                    lastWasRepeat = false;
                    i++;
                }
                case '*', '+', '?' -> {
                    if (atomStart < 0) return null; // missing argument to repetition operator
                    if (lastWasRepeat) wrap(out, atomStart); // RE2 squashes a** / a*? ; Java would not
                    out.append(c);
                    lastWasRepeat = true;
                    i++;
                }
                case '{' -> {
                    int[] rep = repeat(re, i);
                    if (rep == null) { // not a repetition: a literal brace
                        atomStart = out.length();
                        out.append("\\{");
                        lastWasRepeat = false;
                        i++;
                        break;
                    }
                    if (atomStart < 0) return null;
                    if (rep[1] > 1000 || rep[2] > 1000 || (rep[2] >= 0 && rep[2] < rep[1])) return null;
                    if (lastWasRepeat) wrap(out, atomStart);
                    out.append('{').append(rep[1]);
                    if (rep[2] == -1) out.append(',');
                    else if (rep[2] != rep[1] || rep[3] == 1) out.append(',').append(rep[2]);
                    out.append('}');
                    lastWasRepeat = true;
                    i = rep[0];
                }
                case '^' -> {
                    atomStart = out.length();
                    out.append("(?:^|(?<=\\n))");
                    lastWasRepeat = false;
                    i++;
                }
                case '$' -> {
                    atomStart = out.length();
                    out.append("(?:\\z|(?=\\n))");
                    lastWasRepeat = false;
                    i++;
                }
                case '.' -> {
                    atomStart = out.length();
                    out.append("[^\\n]");
                    lastWasRepeat = false;
                    i++;
                }
                case '[' -> {
                    StringBuilder cls = new StringBuilder();
                    int end = charClass(re, i, cls);
                    if (end < 0) return null;
                    atomStart = out.length();
                    out.append(cls);
                    lastWasRepeat = false;
                    i = end;
                }
                case '\\' -> {
                    long e = escape(re, i);
                    if (e < 0) return null;
                    atomStart = out.length();
                    out.append(String.format("\\x{%x}", (int) e));
                    lastWasRepeat = false;
                    i = (int) (e >>> 32);
                }
                default -> {
                    int cp = re.codePointAt(i);
                    atomStart = out.length();
                    literal(out, cp);
                    lastWasRepeat = false;
                    i += Character.charCount(cp);
                }
            }
        }
        if (depth != 0) return null;
        return out.toString();
    }

    private static void wrap(StringBuilder out, int start) {
        out.insert(start, "(?:");
        out.append(')');
    }

    private static void literal(StringBuilder out, int cp) {
        if (cp < 128 && !Character.isLetterOrDigit(cp)) out.append(String.format("\\x%02x", cp));
        else out.appendCodePoint(cp);
    }

    /** Parses {n}, {n,}, {n,m} at i: [end, min, max (-1 = unbounded), hadComma] or null. */
    private static int[] repeat(String re, int i) {
        int j = i + 1, n = re.length();
        int s = j;
        while (j < n && Character.isDigit(re.charAt(j))) j++;
        if (j == s || j - s > 8) return null;
        int min = Integer.parseInt(re.substring(s, j));
        int max = min;
        int comma = 0;
        if (j < n && re.charAt(j) == ',') {
            comma = 1;
            j++;
            int s2 = j;
            while (j < n && Character.isDigit(re.charAt(j))) j++;
            if (j - s2 > 8) return null;
            max = j == s2 ? -1 : Integer.parseInt(re.substring(s2, j));
        }
        if (j >= n || re.charAt(j) != '}') return null;
        return new int[] {j + 1, min, max, comma};
    }

    /** A bracket expression starting at i, written to out as a Java class; returns the index after it or -1. */
    private static int charClass(String re, int i, StringBuilder out) {
        int n = re.length();
        int j = i + 1;
        out.append('[');
        if (j < n && re.charAt(j) == '^') { out.append('^'); j++; }
        boolean first = true;
        boolean any = false;
        while (true) {
            if (j >= n) return -1; // missing ]
            char c = re.charAt(j);
            if (c == ']' && !first) { j++; break; }
            first = false;
            if (c == '[' && j + 1 < n && re.charAt(j + 1) == ':') {
                int close = re.indexOf(":]", j + 2);
                if (close < 0) return -1;
                String name = re.substring(j + 2, close);
                boolean neg = name.startsWith("^");
                String body = posix(neg ? name.substring(1) : name);
                if (body == null) return -1;
                out.append(neg ? "[^" + body + "]" : "[" + body + "]");
                any = true;
                j = close + 2;
                continue;
            }
            int lo;
            if (c == '\\') {
                long e = escape(re, j);
                if (e < 0) return -1;
                lo = (int) e;
                j = (int) (e >>> 32);
            } else {
                lo = re.codePointAt(j);
                j += Character.charCount(lo);
            }
            int hi = lo;
            if (j + 1 < n && re.charAt(j) == '-' && re.charAt(j + 1) != ']') {
                j++;
                char h = re.charAt(j);
                if (h == '\\') {
                    long e = escape(re, j);
                    if (e < 0) return -1;
                    hi = (int) e;
                    j = (int) (e >>> 32);
                } else {
                    hi = re.codePointAt(j);
                    j += Character.charCount(hi);
                }
                if (hi < lo) return -1; // bad character class range
            }
            out.append(String.format("\\x{%x}", lo));
            if (hi != lo) out.append('-').append(String.format("\\x{%x}", hi));
            any = true;
        }
        if (!any) return -1;
        out.append(']');
        return j;
    }

    private static String posix(String name) {
        return switch (name) {
            case "alnum" -> "0-9A-Za-z";
            case "alpha" -> "A-Za-z";
            case "ascii" -> "\\x00-\\x7f";
            case "blank" -> "\\t ";
            case "cntrl" -> "\\x00-\\x1f\\x7f";
            case "digit" -> "0-9";
            case "graph" -> "!-~";
            case "lower" -> "a-z";
            case "print" -> " -~";
            case "punct" -> "!-/:-@\\[-`{-~";
            case "space" -> "\\t\\n\\x0b\\f\\r ";
            case "upper" -> "A-Z";
            case "word" -> "0-9A-Za-z_";
            case "xdigit" -> "0-9A-Fa-f";
            default -> null;
        };
    }

    /** An escape at i (re[i] == '\\'): (index after it << 32) | code point, or -1 when RE2 rejects it. */
    private static long escape(String re, int i) {
        int n = re.length();
        if (i + 1 >= n) return -1; // trailing backslash
        char c = re.charAt(i + 1);
        int cp;
        int end = i + 2;
        if (c >= '1' && c <= '7') {
            // a lone digit would be a backreference; RE2 takes two or three octal digits
            if (end >= n || re.charAt(end) < '0' || re.charAt(end) > '7') return -1;
        }
        if (c >= '0' && c <= '7') {
            cp = c - '0';
            for (int k = 0; k < 2 && end < n && re.charAt(end) >= '0' && re.charAt(end) <= '7'; k++) cp = cp * 8 + (re.charAt(end++) - '0');
        } else if (c == 'x') {
            if (end < n && re.charAt(end) == '{') {
                int close = re.indexOf('}', end);
                if (close < 0 || close == end + 1) return -1;
                try { cp = Integer.parseInt(re.substring(end + 1, close), 16); } catch (NumberFormatException e) { return -1; }
                if (cp > 0x10ffff) return -1;
                end = close + 1;
            } else {
                if (end + 2 > n) return -1;
                try { cp = Integer.parseInt(re.substring(end, end + 2), 16); } catch (NumberFormatException e) { return -1; }
                if (re.charAt(end) == '+' || re.charAt(end) == '-') return -1;
                end += 2;
            }
        } else if (c == 'a') cp = 7;
        else if (c == 'f') cp = '\f';
        else if (c == 't') cp = '\t';
        else if (c == 'n') cp = '\n';
        else if (c == 'r') cp = '\r';
        else if (c == 'v') cp = 0x0b;
        else if (c < 128 && !Character.isLetterOrDigit(c) && c != '_') cp = c; // escaped punctuation
        else return -1; // \d \s \w \b \A \z \p ... are not POSIX RE2
        return ((long) end << 32) | cp;
    }
}
