package dev.falcoc.compiler.yaml;

import java.util.ArrayList;
import java.util.List;

/**
 * A single-pass reader for the YAML that rules files, falco.yaml and Helm values use: block
 * mappings and sequences, plain, quoted and block scalars, flow sequences and simple flow
 * mappings, comments and document markers. It gives the same {@link YNode} trees as the SnakeYAML
 * path (values, styles and marks), because its scalar scanners follow SnakeYAML Engine 2.9's step
 * by step; structure it handles by recursive descent and, on anything outside that subset or any
 * doubt (anchors, tags, directives, complex keys, tabs where SnakeYAML would look for a token,
 * odd indentation, any error), it declines and {@link YamlReader} falls back to SnakeYAML, which
 * then gives the error messages and positions.
 *
 * <p>Why: SnakeYAML's scanner, simple-key bookkeeping and scalar resolution made up half of
 * loading a rules file in a cold JVM.
 */
final class FastYaml {
    /** Thrown to give up; the caller falls back to SnakeYAML. */
    private static final class Decline extends RuntimeException {
        Decline() { super(null, null, false, false); }
    }

    private static final Decline DECLINE = new Decline();
    /** -Dfalcoc.fastyaml.debug=true prints where and why (the stack) the fast path gives up. */
    private static final boolean DEBUG = Boolean.getBoolean("falcoc.fastyaml.debug");
    private static final int MAX_DEPTH = 100;
    /** SnakeYAML forgets a simple key further than 1024 code points from its ':' (an error for a required one). */
    private static final int MAX_KEY = 1024;

    private final String s;
    /** The text and four NULs: lookahead past the end reads NUL (the end) without bound checks. */
    private final char[] b;
    private final int n;
    private final boolean surrogates;
    private final StringBuilder sb = new StringBuilder();
    private int pos, line, lineStart, depth;
    /** Line where the last scalar or flow collection ended; -1 after a block scalar (which ends with a line break). */
    private int lastEndLine;

    private FastYaml(String s, char[] b, boolean surrogates) {
        this.s = s;
        this.b = b;
        this.n = s.length();
        this.surrogates = surrogates;
    }

    /** The documents of the text, or null when the fast path declines. */
    static List<YNode> read(String text) {
        if (text.length() > YamlReader.MAX_CODE_POINTS / 4) return null;
        char[] b = new char[text.length() + 4];
        text.getChars(0, text.length(), b, 0);
        int sur = prescan(b, text.length());
        if (sur < 0) return null;
        try {
            return new FastYaml(text, b, sur > 0).stream();
        } catch (Decline | StackOverflowError e) {
            return null;
        }
    }

    /**
     * Declines characters SnakeYAML rejects or treats specially (controls, DEL, C1 including NEL,
     * BOM, non-characters, lone surrogates, lone CR); 1 when there are surrogate pairs (columns then
     * count code points), 0 otherwise, -1 to decline.
     */
    private static int prescan(char[] t, int len) {
        int sur = 0;
        for (int i = 0; i < len; i++) {
            char c = t[i];
            if (c >= 0x20 && c < 0x7F) continue;
            if (c == '\n' || c == '\t') continue;
            if (c == '\r') {
                if (t[i + 1] == '\n') continue;
                return -1;
            }
            if (c < 0xA0 || c == 0xFEFF || c >= 0xFFFE) return -1;
            if (Character.isHighSurrogate(c)) {
                if (Character.isLowSurrogate(t[i + 1])) {
                    i++;
                    sur = 1;
                    continue;
                }
                return -1;
            }
            if (Character.isLowSurrogate(c)) return -1;
        }
        return sur;
    }

    private Decline decline() {
        if (DEBUG) new Exception("FastYaml declines at line " + (line + 1) + ", offset " + pos).printStackTrace();
        return DECLINE;
    }

    // ---- characters and positions

    private char at(int i) {
        return b[i];
    }

    /** NUL (end), blank, tab or line break: what must follow '-', '?', ':' used as indicators. */
    private boolean blankOrEnd(int i) {
        char c = b[i];
        return c == 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private int breakAt(int i) {
        char c = b[i];
        return c == '\n' ? 1 : c == '\r' ? 2 : 0;  // prescan: a CR is always followed by LF
    }

    /** Consumes the line break at pos, which must be one. */
    private void takeBreak(int len) {
        pos += len;
        line++;
        lineStart = pos;
    }

    /** SnakeYAML's column: code points since the line start. */
    private int col(int p) {
        int c = p - lineStart;
        if (surrogates) for (int i = lineStart; i < p; i++) if (Character.isLowSurrogate(b[i])) c--;
        return c;
    }

    private boolean isMarker(int p) {
        if (p != lineStart || p + 3 > n) return false;
        char c = b[p];
        return (c == '-' || c == '.') && b[p + 1] == c && b[p + 2] == c && blankOrEnd(p + 3);
    }

    /** Spaces, comments and line breaks up to the next token (SnakeYAML's scanToNextToken); a tab declines. */
    private void skipToToken() {
        char[] b = this.b;
        for (;;) {
            char c;
            int p = pos;
            while ((c = b[p]) == ' ') p++;
            if (c == '\t') throw decline();
            if (c == '#') {
                p = lineEnd(p);
                c = b[p];
            }
            if (c == '\n') pos = p + 1;
            else if (c == '\r') pos = p + 2;
            else {
                pos = p;
                return;
            }
            line++;
            lineStart = pos;
        }
    }

    /** Where the line of p ends: its CR or LF, or the end of the text. */
    private int lineEnd(int p) {
        int e = s.indexOf('\n', p);
        if (e < 0) return n;
        return e > p && b[e - 1] == '\r' ? e - 1 : e;
    }

    /** Declines when the next token is on the line where the last node ended. */
    private void needNewLine() {
        if (pos < n && line == lastEndLine) throw decline();
    }

    private YNode empty(int ln, int cl, int off) {
        lastEndLine = ln;
        return new YNode(YNode.Kind.SCALAR, "", YNode.Style.PLAIN, List.of(), List.of(), ln, cl, off, off);
    }

    // ---- documents

    private List<YNode> stream() {
        List<YNode> docs = new ArrayList<>();
        skipToToken();
        boolean first = true;
        while (pos < n) {
            YNode root;
            if (isMarker(pos) && b[pos] == '-') {
                pos += 3;
                int l = line;
                skipToToken();
                if (pos < n && line == l) throw decline();  // content on the '---' line
                if (pos >= n || isMarker(pos)) root = empty(line, col(pos), pos);
                else root = blockNode(-1, false);
            } else {
                if (!first || isMarker(pos)) throw decline();
                root = blockNode(-1, false);
            }
            if (pos < n && !isMarker(pos)) throw decline();
            docs.add(root);
            while (isMarker(pos) && b[pos] == '.') {
                pos += 3;
                int l = line;
                skipToToken();
                if (pos < n && line == l) throw decline();
            }
            first = false;
        }
        return docs;
    }

    // ---- block context

    /**
     * The node at pos (a token, not a document marker). indent is SnakeYAML's current indentation
     * (the enclosing block collection's column); inline is true for a value on its key's line, where
     * only scalars and flow collections may stand.
     */
    private YNode blockNode(int indent, boolean inline) {
        if (++depth > MAX_DEPTH) throw decline();
        try {
            char c = at(pos);
            switch (c) {
                case '-' -> {
                    if (blankOrEnd(pos + 1)) {
                        if (inline) throw decline();
                        return blockSequence();
                    }
                }
                case '[', '{' -> {
                    YNode f = flowCollection();
                    skipToToken();
                    return f;
                }
                case '|', '>' -> {
                    YNode b = blockScalar(indent, c == '>');
                    skipToToken();
                    return b;
                }
                case '?', ':' -> {
                    if (blankOrEnd(pos + 1)) throw decline();
                }
                case '\'', '"' -> { }
                case ',', ']', '}', '#', '&', '*', '!', '%', '@', '`', '\t', 0 -> throw decline();
                default -> { }
            }
            int startLine = line, startCol = col(pos), start = pos;
            YNode scalar = c == '\'' || c == '"' ? quoted(c) : plain(indent, false);
            int colon = keyColon(startLine, start);
            if (colon < 0) {
                skipToToken();
                return scalar;
            }
            if (inline || startCol <= indent) throw decline();
            return blockMapping(startCol, scalar, colon);
        } finally {
            depth--;
        }
    }

    /** Where the ':' of a simple key that just ended is, or -1 when the scalar is not a key. */
    private int keyColon(int startLine, int start) {
        if (line != startLine) return -1;
        int p = pos;
        while (at(p) == ' ') p++;
        if (at(p) != ':' || !blankOrEnd(p + 1)) return -1;
        if (p - start > MAX_KEY) throw decline();
        return p;
    }

    private YNode blockMapping(int col, YNode firstKey, int colon) {
        List<YNode.Entry> entries = new ArrayList<>();
        YNode key = firstKey;
        for (;;) {
            pos = colon + 1;
            int vLine = line, vCol = col(pos), vOff = pos;  // the empty value's mark: just after ':'
            skipToToken();
            YNode value;
            if (pos < n && line == vLine) {
                value = blockNode(col, true);
                needNewLine();
            } else if (pos >= n || isMarker(pos) || col(pos) < col || (col(pos) == col && !entryAt(pos))) {
                value = empty(vLine, vCol, vOff);
            } else if (col(pos) == col) {
                value = indentlessSequence(col);
            } else {
                value = blockNode(col, false);
                needNewLine();
            }
            entries.add(new YNode.Entry(key, value));
            if (pos >= n || isMarker(pos)) break;
            int c = col(pos);
            if (c < col) break;
            if (c > col) throw decline();
            // the next key, at the mapping's column
            char ch = at(pos);
            if (ch != '\'' && ch != '"' && !plainStart(pos, false)) throw decline();
            int startLine = line, start = pos;
            key = ch == '\'' || ch == '"' ? quoted(ch) : plain(col, false);
            colon = keyColon(startLine, start);
            if (colon < 0) throw decline();
        }
        return new YNode(YNode.Kind.MAP, "", YNode.Style.PLAIN, List.of(), entries,
                firstKey.line, firstKey.column, firstKey.offset, pos);
    }

    private boolean entryAt(int p) {
        return at(p) == '-' && blankOrEnd(p + 1);
    }

    /** A sequence whose '-' stand at a column deeper than the enclosing collection's. */
    private YNode blockSequence() {
        int col = col(pos), ln = line, off = pos;
        List<YNode> items = new ArrayList<>();
        for (;;) {
            items.add(sequenceItem(col));
            if (pos >= n || isMarker(pos)) break;
            int c = col(pos);
            if (c < col) break;
            if (c > col || !entryAt(pos)) throw decline();
        }
        return new YNode(YNode.Kind.SEQUENCE, "", YNode.Style.PLAIN, items, List.of(), ln, col, off, pos);
    }

    /** A sequence as a mapping value with its '-' at the mapping's own column. */
    private YNode indentlessSequence(int col) {
        int ln = line, off = pos;
        List<YNode> items = new ArrayList<>();
        do {
            items.add(sequenceItem(col));
        } while (pos < n && !isMarker(pos) && col(pos) == col && entryAt(pos));
        return new YNode(YNode.Kind.SEQUENCE, "", YNode.Style.PLAIN, items, List.of(), ln, col, off, pos);
    }

    /** The item after the '-' at pos; indent is SnakeYAML's indentation inside the sequence. */
    private YNode sequenceItem(int indent) {
        pos++;
        int eLine = line, eCol = col(pos), eOff = pos;  // the empty item's mark: just after '-'
        skipToToken();
        if (pos < n && !isMarker(pos) && (line == eLine || col(pos) > indent)) {
            YNode v = blockNode(indent, false);
            needNewLine();
            return v;
        }
        return empty(eLine, eCol, eOff);
    }

    /** SnakeYAML's checkPlain: can a plain scalar start at p. */
    private boolean plainStart(int p, boolean flow) {
        char c = at(p);
        switch (c) {
            case 0, ' ', '\t', '\r', '\n', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' -> {
                return false;
            }
            case '-', '?' -> {
                if (!flow) return !blankOrEnd(p + 1);
                char d = at(p + 1);
                return !blankOrEnd(p + 1) && d != ',' && d != ']';
            }
            case ':' -> {
                return !flow && !blankOrEnd(p + 1);
            }
            default -> {
                return true;
            }
        }
    }

    // ---- scalars (SnakeYAML Engine 2.9's scanners, step by step)

    private YNode plain(int indent, boolean flow) {
        int ln = line, cl = col(pos), start = pos;
        int end = pos, endLine = line;
        int plainIndent = indent + 1;
        boolean folded = false;  // until a line break is folded, the value is the raw text
        char[] b = this.b;
        int spA = 0, spB = 0, spNl = -1;  // pending separation: raw spaces [spA, spB), or spNl folded breaks (0 = one space)
        for (;;) {
            int p = pos;
            if (b[p] == '#') break;
            for (;;) {
                char c = b[p];
                if (c > ':' && (!flow || c != '[' && c != ']' && c != '{' && c != '}')) {
                    p++;
                    continue;
                }
                if (c == 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r') break;
                if (c == ':') {
                    char d = b[p + 1];
                    if (d == 0 || d == ' ' || d == '\t' || d == '\n' || d == '\r'
                            || flow && (d == ',' || d == '[' || d == ']' || d == '{' || d == '}')) break;
                } else if (flow && (c == ',' || c == '[' || c == ']' || c == '{' || c == '}')) break;
                p++;
            }
            int a = pos;
            pos = p;
            if (pos == a) break;
            if (spNl >= 0) {
                if (!folded) {
                    sb.setLength(0);
                    sb.append(s, start, end);
                    folded = true;
                }
                if (spNl == 0) sb.append(' ');
                else for (int i = 0; i < spNl; i++) sb.append('\n');
            } else if (folded) sb.append(s, spA, spB);
            if (folded) sb.append(s, a, pos);
            end = pos;
            endLine = line;
            // scanPlainSpaces
            spA = pos;
            while (at(pos) == ' ' || at(pos) == '\t') pos++;
            spB = pos;
            spNl = -1;
            int br = breakAt(pos);
            if (br > 0) {
                takeBreak(br);
                if (docPrefix()) break;
                int breaks = 0;
                boolean stop = false;
                for (;;) {
                    if (at(pos) == ' ') pos++;
                    else if ((br = breakAt(pos)) > 0) {
                        takeBreak(br);
                        breaks++;
                        if (docPrefix()) {
                            stop = true;
                            break;
                        }
                    } else break;
                }
                if (stop) break;
                spNl = breaks;
            } else if (spA == spB) break;
            if (at(pos) == '#' || !flow && col(pos) < plainIndent) break;
        }
        lastEndLine = endLine;
        String v = folded ? sb.toString() : s.substring(start, end);
        return new YNode(YNode.Kind.SCALAR, v, YNode.Style.PLAIN, List.of(), List.of(), ln, cl, start, end);
    }

    /** scanPlainSpaces' test at a line start: "---" (whatever follows) or "..." and a blank end the scalar. */
    private boolean docPrefix() {
        return s.startsWith("---", pos) || s.startsWith("...", pos) && blankOrEnd(pos + 3);
    }

    private YNode quoted(char q) {
        int ln = line, cl = col(pos), start = pos;
        boolean dbl = q == '"';
        // most quoted scalars are one line without escapes: their value is the text between the quotes
        char[] b = this.b;
        for (int p = pos + 1; ; p++) {
            char c = b[p];
            if (c == q) {
                if (!dbl && b[p + 1] == '\'') break;
                pos = p + 1;
                lastEndLine = line;
                return new YNode(YNode.Kind.SCALAR, s.substring(start + 1, p), dbl ? YNode.Style.DOUBLE_QUOTED : YNode.Style.SINGLE_QUOTED,
                        List.of(), List.of(), ln, cl, start, pos);
            }
            if (c == '\n' || c == '\r' || c == 0 || dbl && c == '\\') break;
        }
        sb.setLength(0);
        pos++;
        quotedNonSpaces(dbl);
        while (at(pos) != q) {
            // scanFlowScalarSpaces
            int a = pos;
            while (at(pos) == ' ' || at(pos) == '\t') pos++;
            if (pos >= n) throw decline();
            int br = breakAt(pos);
            if (br > 0) {
                takeBreak(br);
                int breaks = quotedBreaks();
                if (breaks == 0) sb.append(' ');
                else for (int i = 0; i < breaks; i++) sb.append('\n');
            } else sb.append(s, a, pos);
            quotedNonSpaces(dbl);
        }
        pos++;
        lastEndLine = line;
        return new YNode(YNode.Kind.SCALAR, sb.toString(), dbl ? YNode.Style.DOUBLE_QUOTED : YNode.Style.SINGLE_QUOTED,
                List.of(), List.of(), ln, cl, start, pos);
    }

    private void quotedNonSpaces(boolean dbl) {
        for (;;) {
            int a = pos;
            for (;;) {
                char c = at(pos);
                if (c == 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\'' || c == '"' || c == '\\') break;
                pos++;
            }
            if (pos > a) sb.append(s, a, pos);
            char c = at(pos);
            if (!dbl && c == '\'' && at(pos + 1) == '\'') {
                sb.append('\'');
                pos += 2;
            } else if (dbl && c == '\'' || !dbl && (c == '"' || c == '\\')) {
                sb.append(c);
                pos++;
            } else if (dbl && c == '\\') {
                pos++;
                c = at(pos);
                String rep = switch (c) {
                    case '0' -> "\0";
                    case 'a' -> "\u0007";
                    case 'b' -> "\b";
                    case 't' -> "\t";
                    case 'n' -> "\n";
                    case 'v' -> "\u000B";
                    case 'f' -> "\f";
                    case 'r' -> "\r";
                    case 'e' -> "\u001B";
                    case ' ' -> " ";
                    case '"' -> "\"";
                    case '/' -> "/";
                    case '\\' -> "\\";
                    case 'N' -> "\u0085";
                    case '_' -> "\u00A0";
                    default -> null;
                };
                if (rep != null) {
                    sb.append(rep);
                    pos++;
                } else if (c == 'x' || c == 'u' || c == 'U') {
                    int len = c == 'x' ? 2 : c == 'u' ? 4 : 8;
                    pos++;
                    if (pos + len > n) throw decline();
                    long v = 0;
                    for (int i = 0; i < len; i++) {
                        int d = Character.digit(b[pos + i], 16);
                        if (d < 0 || b[pos + i] > 'f') throw decline();
                        v = v * 16 + d;
                    }
                    if (v > Character.MAX_CODE_POINT) throw decline();
                    sb.appendCodePoint((int) v);
                    pos += len;
                } else {
                    int br = breakAt(pos);
                    if (br == 0) throw decline();
                    takeBreak(br);
                    int breaks = quotedBreaks();
                    for (int i = 0; i < breaks; i++) sb.append('\n');
                }
            } else return;
        }
    }

    /** scanFlowScalarBreaks: at a line start inside a quoted scalar; the number of further line breaks. */
    private int quotedBreaks() {
        int breaks = 0;
        for (;;) {
            if ((s.startsWith("---", pos) || s.startsWith("...", pos)) && blankOrEnd(pos + 3)) throw decline();
            while (at(pos) == ' ' || at(pos) == '\t') pos++;
            int br = breakAt(pos);
            if (br == 0) return breaks;
            takeBreak(br);
            breaks++;
        }
    }

    private YNode blockScalar(int indent, boolean folded) {
        int ln = line, cl = col(pos), start = pos;
        pos++;
        // header: chomping and indentation indicators in either order
        char chomp = 0;
        int incr = 0;
        char c = at(pos);
        if (c == '-' || c == '+') {
            chomp = c;
            c = at(++pos);
            if (Character.isDigit(c)) {
                if (c < '1' || c > '9') throw decline();
                incr = c - '0';
                pos++;
            }
        } else if (Character.isDigit(c)) {
            if (c < '1' || c > '9') throw decline();
            incr = c - '0';
            c = at(++pos);
            if (c == '-' || c == '+') {
                chomp = c;
                pos++;
            }
        }
        c = at(pos);
        if (c != 0 && c != ' ' && c != '\n' && c != '\r') throw decline();
        while (at(pos) == ' ') pos++;
        if (at(pos) == '#') pos = lineEnd(pos);
        int br = breakAt(pos);
        if (br > 0) takeBreak(br);
        else if (pos < n) throw decline();

        int minIndent = Math.max(indent + 1, 1);
        int blockIndent;
        int breaks;
        int end;
        if (incr > 0) {
            blockIndent = minIndent + incr - 1;
            end = pos;
            breaks = blockBreaks(blockIndent);
            if (breaks >= 0) end = lastBreakEnd;
            breaks = Math.max(breaks, 0);
        } else {
            // scanBlockScalarIndentation: the indentation is the deepest of the leading lines
            end = pos;
            breaks = 0;
            int maxIndent = 0;
            for (;;) {
                c = at(pos);
                if (c == ' ') {
                    pos++;
                    maxIndent = Math.max(maxIndent, col(pos));
                } else if ((br = breakAt(pos)) > 0) {
                    takeBreak(br);
                    breaks++;
                    end = pos;
                } else break;
            }
            blockIndent = Math.max(minIndent, maxIndent);
        }
        if (col(pos) < blockIndent && indent != col(pos)) throw decline();  // 2.9's check for S98Z
        sb.setLength(0);
        boolean lineBreak = false;
        while (pos < n && col(pos) == blockIndent) {
            for (int i = 0; i < breaks; i++) sb.append('\n');
            boolean leadingNonSpace = at(pos) != ' ' && at(pos) != '\t';
            int a = pos;
            pos = lineEnd(pos);
            sb.append(s, a, pos);
            br = breakAt(pos);
            lineBreak = br > 0;
            if (lineBreak) takeBreak(br);
            end = pos;
            int more = blockBreaks(blockIndent);
            if (more >= 0) end = lastBreakEnd;
            breaks = Math.max(more, 0);
            if (pos < n && col(pos) == blockIndent) {
                if (folded && lineBreak && leadingNonSpace && at(pos) != ' ' && at(pos) != '\t') {
                    if (breaks == 0) sb.append(' ');
                } else if (lineBreak) sb.append('\n');
            } else break;
        }
        if (chomp != '-' && lineBreak) sb.append('\n');
        if (chomp == '+') for (int i = 0; i < breaks; i++) sb.append('\n');
        lastEndLine = -1;
        return new YNode(YNode.Kind.SCALAR, sb.toString(), folded ? YNode.Style.FOLDED : YNode.Style.LITERAL,
                List.of(), List.of(), ln, cl, start, end);
    }

    private int lastBreakEnd;

    /**
     * scanBlockScalarBreaks: skips up to indent spaces, then blank lines; the number of line breaks,
     * -1 when there was none (then the end mark stays where it was), else lastBreakEnd is where the
     * last one ended.
     */
    private int blockBreaks(int indent) {
        int c = col(pos);
        while (c < indent && at(pos) == ' ') {
            pos++;
            c++;
        }
        int breaks = -1, br;
        while ((br = breakAt(pos)) > 0) {
            takeBreak(br);
            breaks = breaks < 0 ? 1 : breaks + 1;
            lastBreakEnd = pos;
            c = 0;
            while (c < indent && at(pos) == ' ') {
                pos++;
                c++;
            }
        }
        return breaks;
    }

    // ---- flow context

    private YNode flowCollection() {
        if (++depth > MAX_DEPTH) throw decline();
        try {
            boolean map = at(pos) == '{';
            char close = map ? '}' : ']';
            int ln = line, cl = col(pos), start = pos;
            List<YNode> items = map ? List.of() : new ArrayList<>();
            List<YNode.Entry> entries = map ? new ArrayList<>() : List.of();
            pos++;
            skipFlow();
            while (at(pos) != close) {
                if (map) {
                    char c = at(pos);
                    if (c != '\'' && c != '"' && !plainStart(pos, true)) throw decline();
                    int kLine = line;
                    YNode key = flowNode();
                    if (line != kLine || key.line != kLine || at(pos) != ':' || pos - key.offset > MAX_KEY) throw decline();
                    pos++;
                    int vLine = line, vCol = col(pos), vOff = pos;
                    skipFlow();
                    YNode value = at(pos) == ',' || at(pos) == '}' ? empty(vLine, vCol, vOff) : flowNode();
                    entries.add(new YNode.Entry(key, value));
                } else {
                    items.add(flowNode());
                }
                skipFlow();
                if (at(pos) == ',') {
                    pos++;
                    skipFlow();
                } else if (at(pos) != close) throw decline();
            }
            pos++;
            lastEndLine = line;
            return new YNode(map ? YNode.Kind.MAP : YNode.Kind.SEQUENCE, "", YNode.Style.PLAIN, items, entries, ln, cl, start, pos);
        } finally {
            depth--;
        }
    }

    /** A node inside a flow collection: a scalar or a nested flow collection. */
    private YNode flowNode() {
        char c = at(pos);
        if (c == '[' || c == '{') return flowCollection();
        if (c == '\'' || c == '"') return quoted(c);
        if (!plainStart(pos, true)) throw decline();
        return plain(-1, true);
    }

    /** skipToToken in a flow collection, where a document marker would be an error. */
    private void skipFlow() {
        skipToToken();
        if (isMarker(pos)) throw decline();
    }
}
