package dev.falcoc.lsp.model;

import dev.falcoc.compiler.yaml.YNode;

/** A scalar the server looks into, with the file offset of each decoded character. */
public final class Scalar {
    public enum Role { NAME, CONDITION, OUTPUT, LIST_ITEM, EXCEPTION_FIELD, EXCEPTION_COMP, EXCEPTION_VALUE, PRIORITY, SOURCE, OTHER }

    public final Role role;
    public final YNode node;
    public final String value;
    public final int[] offsets;
    public final Item item;
    public final String key;
    private final int nodeStart, nodeEnd;

    Scalar(Role role, YNode node, int[] offsets, Item item, String key) {
        this.nodeStart = item.at(node.offset);
        this.nodeEnd = item.atEnd(Math.max(node.endOffset, node.offset));
        this.role = role;
        this.node = node;
        this.value = node.value;
        this.offsets = offsets;
        this.item = item;
        this.key = key;
    }

    /** File offset where the decoded text starts (after quotes or block indicators). */
    public int start() { return offsets.length > 0 ? offsets[0] : nodeStart; }

    /** File offset just after the last decoded character. */
    public int end() { return offsets.length > 0 ? offsets[offsets.length - 1] + 1 : nodeStart; }

    /** File range of decoded [a, b). */
    public int fileStart(int a) {
        if (offsets.length == 0) return nodeStart;
        return a < offsets.length ? offsets[a] : offsets[offsets.length - 1] + 1;
    }

    public int fileEnd(int b) {
        if (offsets.length == 0 || b <= 0) return fileStart(0);
        return offsets[Math.min(b, offsets.length) - 1] + 1;
    }

    /** Number of decoded characters that lie before a file offset: the cursor's decoded index. */
    public int decodedIndex(int fileOffset) {
        int lo = 0, hi = offsets.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (offsets[mid] < fileOffset) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** Whether decoded [a, b) is written contiguously in the file (so it can be edited in place). */
    public boolean contiguous(int a, int b) {
        return b > a && b <= offsets.length && offsets[b - 1] - offsets[a] == b - 1 - a;
    }

    public boolean covers(int fileOffset) {
        return fileOffset >= Math.min(nodeStart, start()) && fileOffset <= Math.max(end(), nodeEnd);
    }
}
