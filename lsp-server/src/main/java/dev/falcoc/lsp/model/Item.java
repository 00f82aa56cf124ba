package dev.falcoc.lsp.model;

import dev.falcoc.compiler.yaml.YNode;
import java.util.ArrayList;
import java.util.List;

/** A top-level entry of a rules file: rule, macro, list, or another kind. */
public final class Item {
    public enum Kind { RULE, MACRO, LIST, ENGINE_VERSION, PLUGIN_VERSIONS, OTHER }

    public final Kind kind;
    public final YNode node;
    public final String name;
    public Scalar nameScalar;
    /** True when the item only changes an earlier one (append: true or override:). */
    public final boolean modifies;
    public final boolean appendFlag;
    public final List<Scalar> scalars = new ArrayList<>();

    /** For rules embedded in a Helm values file: the values-file offset of each rules-text offset. */
    private final int[] map;

    Item(Kind kind, YNode node, String name, boolean modifies, boolean appendFlag, int[] map) {
        this.map = map;
        this.kind = kind;
        this.node = node;
        this.name = name;
        this.modifies = modifies;
        this.appendFlag = appendFlag;
    }

    public int start() { return at(node.offset); }

    public int end() { return atEnd(Math.max(node.endOffset, node.offset)); }

    /** The file offset of an offset in the item's rules text (they differ for embedded rules). */
    public int at(int off) {
        if (map == null) return off;
        if (map.length == 0) return 0;
        if (off < 0) return map[0];
        return off < map.length ? map[off] : map[map.length - 1] + 1;
    }

    /** The file offset just after the character before {@code off}: for end offsets. */
    public int atEnd(int off) {
        if (map == null) return off;
        return off <= 0 ? at(0) : at(off - 1) + 1;
    }

    /** Column of a node in the file (for indenting inserted YAML). */
    public int[] map() { return map; }

    public Scalar scalar(Scalar.Role role) {
        for (Scalar s : scalars) if (s.role == role) return s;
        return null;
    }

    public String label() { return kind.name().toLowerCase(java.util.Locale.ROOT) + " '" + name + "'"; }
}
