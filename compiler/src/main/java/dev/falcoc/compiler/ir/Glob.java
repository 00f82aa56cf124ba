package dev.falcoc.compiler.ir;

/**
 * fnmatch(3) with no flags or with FNM_CASEFOLD, as libs' glob_match calls it: '*' and '?' also
 * match '/', a leading '.' is not special, '\' escapes, brackets take '!'/'^', ranges and
 * [:class:]. Case folding is ASCII only (Falco runs in the C locale).
 */
public record Glob(String pattern, boolean caseFold) {
    public boolean matches(String s) { return match(pattern, s, caseFold); }

    public static boolean match(String p, String s, boolean fold) {
        int pi = 0, si = 0, starP = -1, starS = -1;
        int pn = p.length(), sn = s.length();
        while (true) {
            if (pi < pn) {
                char c = p.charAt(pi);
                if (c == '*') {
                    // consecutive stars are one star
                    while (pi < pn && p.charAt(pi) == '*') pi++;
                    if (pi == pn) return true;
                    starP = pi;
                    starS = si;
                    continue;
                }
                if (si < sn) {
                    int adv = single(p, pi, s.charAt(si), fold);
                    if (adv > 0) { pi += adv; si++; continue; }
                    if (adv < 0) return false; // malformed pattern tail: fnmatch gives no match
                }
            } else if (si == sn) {
                return true;
            }
            if (starP < 0 || starS >= sn) return false;
            // backtrack: let the last star swallow one more character
            starS++;
            si = starS;
            pi = starP;
        }
    }

    /** Matches one pattern element at pi against c: its length when it matches, 0 when not, -1 when malformed. */
    private static int single(String p, int pi, char c, boolean fold) {
        char pc = p.charAt(pi);
        switch (pc) {
            case '?' -> { return 1; }
            case '\\' -> {
                if (pi + 1 >= p.length()) return -1;
                return eq(p.charAt(pi + 1), c, fold) ? 2 : 0;
            }
            case '[' -> {
                int end = bracketEnd(p, pi);
                if (end < 0) return eq('[', c, fold) ? 1 : 0; // no closing bracket: a literal '['
                return bracket(p, pi + 1, end, c, fold) ? end - pi + 1 : 0;
            }
            default -> { return eq(pc, c, fold) ? 1 : 0; }
        }
    }

    private static boolean eq(char a, char b, boolean fold) {
        return a == b || (fold && lower(a) == lower(b));
    }

    static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c; }

    /** Index of the ']' closing the bracket expression at start, or -1. */
    static int bracketEnd(String p, int start) {
        int i = start + 1, n = p.length();
        if (i < n && (p.charAt(i) == '!' || p.charAt(i) == '^')) i++;
        if (i < n && p.charAt(i) == ']') i++;
        while (i < n) {
            char c = p.charAt(i);
            if (c == ']') return i;
            if (c == '\\') { i += 2; continue; }
            if (c == '[' && i + 1 < n && p.charAt(i + 1) == ':') {
                int close = p.indexOf(":]", i + 2);
                if (close >= 0) { i = close + 2; continue; }
            }
            i++;
        }
        return -1;
    }

    private static boolean bracket(String p, int i, int end, char c, boolean fold) {
        boolean neg = false;
        if (p.charAt(i) == '!' || p.charAt(i) == '^') { neg = true; i++; }
        boolean hit = false;
        while (i < end) {
            char lo = p.charAt(i);
            if (lo == '[' && i + 1 < end && p.charAt(i + 1) == ':') {
                int close = p.indexOf(":]", i + 2);
                if (close >= 0 && close < end) {
                    if (posixClass(p.substring(i + 2, close), c, fold)) hit = true;
                    i = close + 2;
                    continue;
                }
            }
            if (lo == '\\' && i + 1 < end) { lo = p.charAt(i + 1); i += 2; } else i++;
            char hi = lo;
            if (i + 1 < end && p.charAt(i) == '-') {
                hi = p.charAt(i + 1);
                if (hi == '\\' && i + 2 < end) { hi = p.charAt(i + 2); i += 3; } else i += 2;
            }
            if (c >= lo && c <= hi) hit = true;
            else if (fold) {
                char lc = lower(c), uc = c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
                if ((lc >= lo && lc <= hi) || (uc >= lo && uc <= hi)) hit = true;
            }
        }
        return hit != neg;
    }

    static boolean posixClass(String name, char c, boolean fold) {
        return switch (name) {
            case "alnum" -> isAlpha(c) || isDigit(c);
            case "alpha" -> isAlpha(c);
            case "blank" -> c == ' ' || c == '\t';
            case "cntrl" -> c < 32 || c == 127;
            case "digit" -> isDigit(c);
            case "graph" -> c > 32 && c < 127;
            case "lower" -> (c >= 'a' && c <= 'z') || (fold && c >= 'A' && c <= 'Z');
            case "print" -> c >= 32 && c < 127;
            case "punct" -> c > 32 && c < 127 && !isAlpha(c) && !isDigit(c);
            case "space" -> c == ' ' || (c >= 9 && c <= 13);
            case "upper" -> (c >= 'A' && c <= 'Z') || (fold && c >= 'a' && c <= 'z');
            case "xdigit" -> isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            default -> false;
        };
    }

    private static boolean isAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }
}
