package dev.falcoc.compiler.yaml;

import java.util.List;

/**
 * A YAML node reduced to what the rules loader needs: its kind, its scalar text and style, its
 * children, and where it starts (0-based line/column and character offset, as yaml-cpp marks are).
 */
public final class YNode {
    public enum Kind { SCALAR, SEQUENCE, MAP }

    public enum Style { PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL, FOLDED, FLOW }

    public record Entry(YNode key, YNode value) {}

    public final Kind kind;
    public final String value;          // scalars only
    public final Style style;
    public final List<YNode> items;     // sequences only
    public final List<Entry> entries;   // maps only
    public final int line, column, offset;       // start mark
    public final int endOffset;

    YNode(Kind kind, String value, Style style, List<YNode> items, List<Entry> entries,
          int line, int column, int offset, int endOffset) {
        this.kind = kind;
        this.value = value;
        this.style = style;
        this.items = items;
        this.entries = entries;
        this.line = line;
        this.column = column;
        this.offset = offset;
        this.endOffset = endOffset;
    }

    public boolean isScalar() { return kind == Kind.SCALAR; }
    public boolean isMap() { return kind == Kind.MAP; }
    public boolean isSequence() { return kind == Kind.SEQUENCE; }

    /** yaml-cpp's notion of null: an empty plain scalar or one of the null spellings. */
    public boolean isNull() {
        return kind == Kind.SCALAR && style == Style.PLAIN
                && (value.isEmpty() || value.equals("~") || value.equals("null") || value.equals("Null") || value.equals("NULL"));
    }

    /** The first value under a key, as yaml-cpp's lookup finds it; null when the key is absent. */
    public YNode get(String key) {
        if (kind != Kind.MAP) return null;
        for (Entry e : entries) {
            if (e.key.kind == Kind.SCALAR && e.key.value.equals(key)) return e.value;
        }
        return null;
    }

    public YNode keyNode(String key) {
        if (kind != Kind.MAP) return null;
        for (Entry e : entries) {
            if (e.key.kind == Kind.SCALAR && e.key.value.equals(key)) return e.key;
        }
        return null;
    }

    public boolean has(String key) { return get(key) != null; }
}
