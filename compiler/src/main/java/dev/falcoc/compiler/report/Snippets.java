package dev.falcoc.compiler.report;

import dev.falcoc.compiler.diag.Context;
import dev.falcoc.compiler.diag.Location;

/** Source excerpts with a caret: Falco's snippet for JSON, and a precise one for the terminal. */
public final class Snippets {
    private Snippets() {}

    /** Falco's snippet of the innermost location, up to 80 characters around it. */
    public static String falco(Context ctx, String content) {
        Location loc = ctx.last();
        String text = ctx.altContent() != null ? ctx.altContent() : content;
        if (text == null) return "<No context for file + " + loc.position().name() + ">\n";
        if (text.isEmpty()) return "<No context available>\n";
        int width = 160;
        int pos = loc.position().offset();
        for (; pos > 0 && (pos >= text.length() || text.charAt(pos) == '\n'); pos--) { }
        int from = pos;
        for (; from > 0 && text.charAt(from) != '\n' && (pos - from) < width / 2; from--) { }
        int to = pos;
        for (; to < text.length() - 1 && text.charAt(to) != '\n' && (to - pos) < width / 2; to++) { }
        if (from < text.length() && text.charAt(from) == '\n') from++;
        if (to < text.length() && text.charAt(to) == '\n') to--;
        if (to < from) return "<No context available>\n";
        StringBuilder ret = new StringBuilder(text.substring(from, to + 1));
        if (ret.isEmpty()) return "<No context available>\n";
        if (pos - from >= width / 2) ret.replace(0, Math.min(3, ret.length()), "...");
        if (to - pos >= width / 2) ret.replace(Math.max(0, ret.length() - 3), ret.length(), "...");
        ret.append('\n');
        if (pos - from <= ret.length() - 1) ret.append(" ".repeat(Math.max(0, pos - from))).append("^\n");
        return ret.toString();
    }

    /** The source line of an offset with a caret under its column (tabs kept for alignment). */
    public static String caret(String text, int offset) {
        if (text == null || offset < 0 || offset > text.length()) return "";
        int start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
        if (offset < text.length() && text.charAt(offset) == '\n' && offset > 0) start = text.lastIndexOf('\n', offset - 1) + 1;
        int end = text.indexOf('\n', offset);
        if (end < 0) end = text.length();
        String line = text.substring(start, end).replace("\r", "");
        StringBuilder pad = new StringBuilder();
        for (int i = start; i < offset && i - start < line.length(); i++) pad.append(line.charAt(i - start) == '\t' ? '\t' : ' ');
        return line + "\n" + pad + "^";
    }
}
