package dev.falcoc.lsp.model;

import java.util.Arrays;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Converts between character offsets and LSP positions. Java strings are UTF-16, which is also
 * LSP's default column unit, so a column is simply the offset from the start of its line.
 * Lines end at \n, \r\n or \r, as the protocol says.
 */
public final class LineIndex {
    private final int[] starts;
    private final int length;

    public LineIndex(String text) {
        int[] s = new int[16];
        int n = 0;
        s[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
            if (c == '\n' || c == '\r') {
                if (n == s.length) s = Arrays.copyOf(s, n * 2);
                s[n++] = i + 1;
            }
        }
        this.starts = Arrays.copyOf(s, n);
        this.length = text.length();
    }

    public int lineCount() { return starts.length; }

    public int lineStart(int line) { return starts[Math.clamp(line, 0, starts.length - 1)]; }

    public int line(int offset) {
        int i = Arrays.binarySearch(starts, Math.clamp(offset, 0, length));
        return i >= 0 ? i : -i - 2;
    }

    public Position position(int offset) {
        int o = Math.clamp(offset, 0, length);
        int l = line(o);
        return new Position(l, o - starts[l]);
    }

    public Range range(int start, int end) { return new Range(position(start), position(Math.max(start, end))); }

    /** Clamps positions past the end of a line or of the text, as clients may send them. */
    public int offset(Position p) {
        if (p.getLine() < 0) return 0;
        if (p.getLine() >= starts.length) return length;
        int start = starts[p.getLine()];
        int next = p.getLine() + 1 < starts.length ? starts[p.getLine() + 1] : length;
        return Math.clamp((long) start + Math.max(0, p.getCharacter()), start, next);
    }

    /** End of a line's content, before its line break. */
    public int lineEnd(String text, int line) {
        int next = line + 1 < starts.length ? starts[line + 1] : length;
        while (next > starts[line] && (text.charAt(next - 1) == '\n' || text.charAt(next - 1) == '\r')) next--;
        return next;
    }
}
