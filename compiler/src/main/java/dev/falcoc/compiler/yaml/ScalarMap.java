package dev.falcoc.compiler.yaml;

/**
 * Maps each character of a decoded scalar back to its offset in the file. Plain and block
 * scalars fold line breaks and indentation, and quoted scalars have escapes, so the decoded text
 * is aligned with the raw text: each decoded character is matched with the next raw character
 * that could have produced it.
 */
public final class ScalarMap {
    private ScalarMap() {}

    public static int[] offsets(String file, YNode n) {
        String v = n.value;
        int[] out = new int[v.length()];
        int p = n.offset;
        int end = Math.min(file.length(), Math.max(n.endOffset, n.offset));
        // skip the indicator of block scalars and the opening quote
        switch (n.style) {
            case LITERAL, FOLDED -> {
                int nl = file.indexOf('\n', p);
                p = nl < 0 ? end : nl + 1;
            }
            case SINGLE_QUOTED, DOUBLE_QUOTED -> p++;
            default -> { }
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            int q = p;
            int limit = Math.min(end, p + 4096);
            boolean found = false;
            while (q < limit) {
                char r = file.charAt(q);
                if (n.style == YNode.Style.DOUBLE_QUOTED && r == '\\' && q + 1 < limit && (file.charAt(q + 1) == '\n' || file.charAt(q + 1) == '\r')) {
                    // an escaped line break: it and the next line's indentation decode to nothing
                    q += 2;
                    if (file.charAt(q - 1) == '\r' && q < limit && file.charAt(q) == '\n') q++;
                    while (q < limit && (file.charAt(q) == ' ' || file.charAt(q) == '\t')) q++;
                    continue;
                }
                if (r == c || (c == ' ' && (r == '\n' || r == '\r')) || (n.style == YNode.Style.DOUBLE_QUOTED && r == '\\')) {
                    found = true;
                    break;
                }
                q++;
            }
            if (!found) {
                out[i] = Math.min(p, Math.max(end - 1, n.offset));
                continue;
            }
            out[i] = q;
            p = q + 1;
            if (n.style == YNode.Style.DOUBLE_QUOTED && file.charAt(q) == '\\' && c != '\\' && q + 1 < end) p = q + 2;
            else if (n.style == YNode.Style.DOUBLE_QUOTED && file.charAt(q) == '\\' && c == '\\') p = q + 2;
            else if (n.style == YNode.Style.SINGLE_QUOTED && c == '\'' && q + 1 < end && file.charAt(q + 1) == '\'') p = q + 2;
        }
        return out;
    }
}
