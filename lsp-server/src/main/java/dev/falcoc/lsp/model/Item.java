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

    Item(Kind kind, YNode node, String name, boolean modifies, boolean appendFlag) {
        this.kind = kind;
        this.node = node;
        this.name = name;
        this.modifies = modifies;
        this.appendFlag = appendFlag;
    }

    public int start() { return node.offset; }

    public int end() { return Math.max(node.endOffset, node.offset); }

    public Scalar scalar(Scalar.Role role) {
        for (Scalar s : scalars) if (s.role == role) return s;
        return null;
    }

    public String label() { return kind.name().toLowerCase(java.util.Locale.ROOT) + " '" + name + "'"; }
}
