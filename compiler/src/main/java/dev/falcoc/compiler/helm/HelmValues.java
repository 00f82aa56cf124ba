package dev.falcoc.compiler.helm;

import dev.falcoc.compiler.yaml.ScalarMap;
import dev.falcoc.compiler.yaml.YNode;
import dev.falcoc.compiler.yaml.YamlReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rules embedded in Helm values (the Falco chart's {@code customRules:} map of file name to rules
 * text, also under a parent chart's key) or in rules.d ConfigMap manifests ({@code data:}).
 * Each embedded file comes with the offset in the values file of every character, so that every
 * position inside the rules maps back to values.yaml, inside the block scalar.
 */
public final class HelmValues {
    private HelmValues() {}

    /**
     * One embedded rules file. {@code offsets[i]} is the values-file offset of {@code text}'s
     * character i; {@code keyOffset} is where its key is. {@code loaded} is false for keys Falco
     * ignores (a rules.d file must end in .yaml or .yml since Falco 0.41).
     */
    public record EmbeddedRules(String key, String text, int[] offsets, int keyOffset, String container, boolean loaded) {
        /** The values-file offset of a rules-text offset (one past the last character for the end). */
        public int toValuesOffset(int textOffset) {
            if (offsets.length == 0) return keyOffset;
            if (textOffset < 0) return offsets[0];
            if (textOffset < offsets.length) return offsets[textOffset];
            return offsets[offsets.length - 1] + 1;
        }
    }

    /** Whether the content is a values file or manifest with embedded rules, not a rules file. */
    public static boolean detect(String content) {
        // Every rules file of a chain came here for a full YAML parse of its own (about a tenth of a
        // cold check): values need a "customRules" or "ConfigMap" scalar, which only an escape
        // (hex or unicode escapes, an escaped line break) could spell without its text appearing.
        if (!content.contains("customRules") && !content.contains("ConfigMap") && !mayEscapeLetters(content)) return false;
        List<YNode> docs;
        try {
            docs = YamlReader.readAll("values", content);
        } catch (YamlReader.SyntaxError e) {
            return false;
        }
        for (YNode doc : docs) if (doc != null && !containers(doc).isEmpty()) return true;
        return false;
    }

    private static boolean mayEscapeLetters(String content) {
        for (int i = content.indexOf('\\'); i >= 0 && i + 1 < content.length(); i = content.indexOf('\\', i + 1)) {
            char c = content.charAt(i + 1);
            if (c == 'x' || c == 'u' || c == 'U' || c == '\n' || c == '\r') return true;
        }
        return false;
    }

    /** The embedded rules files in the order the chart mounts and Falco loads them (sorted by name). */
    public static List<EmbeddedRules> extract(String fileName, String content) {
        List<YNode> docs;
        try {
            docs = YamlReader.readAll(fileName, content);
        } catch (YamlReader.SyntaxError e) {
            return List.of();
        }
        List<EmbeddedRules> out = new ArrayList<>();
        for (YNode doc : docs) {
            if (doc == null) continue;
            for (Container c : containers(doc)) {
                for (YNode.Entry e : c.map().entries) {
                    if (!e.key().isScalar() || !e.value().isScalar()) continue;
                    String key = e.key().value;
                    int[] offs = offsets(content, e.value(), e.key().column);
                    boolean loaded = key.endsWith(".yaml") || key.endsWith(".yml");
                    out.add(new EmbeddedRules(key, e.value().value, offs, e.key().offset, c.path(), loaded));
                }
            }
        }
        // rules.d entries are std::sort-ed full paths: plain byte order of the names
        out.sort(Comparator.comparing(EmbeddedRules::key));
        return out;
    }

    private record Container(String path, YNode map) {}

    private static List<Container> containers(YNode doc) {
        List<Container> out = new ArrayList<>();
        if (!doc.isMap()) return out;
        YNode cr = doc.get("customRules");
        if (cr != null && cr.isMap()) out.add(new Container("customRules", cr));
        YNode kind = doc.get("kind");
        YNode data = doc.get("data");
        if (kind != null && kind.isScalar() && kind.value.equals("ConfigMap") && data != null && data.isMap()) {
            out.add(new Container("data", data));
        }
        // the Falco chart used as a dependency: its values sit under the dependency's key
        for (YNode.Entry e : doc.entries) {
            if (e.value().isMap() && e.key().isScalar()) {
                YNode sub = e.value().get("customRules");
                if (sub != null && sub.isMap()) out.add(new Container(e.key().value + ".customRules", sub));
            }
        }
        return out;
    }

    /** Values-file offset of each character of a scalar's decoded text. */
    static int[] offsets(String file, YNode n, int parentIndent) {
        if (n.style == YNode.Style.LITERAL || n.style == YNode.Style.FOLDED) return blockOffsets(file, n, parentIndent);
        return ScalarMap.offsets(file, n);
    }

    /**
     * Block scalars: every content line loses its indentation (given by the indentation
     * indicator, or by the first non-empty line); line breaks stay (literal) or may become
     * spaces (folded). Aligning the decoded text with the raw lines past their indentation gives
     * exact offsets, also for spaces.
     */
    static int[] blockOffsets(String file, YNode n, int parentIndent) {
        String v = n.value;
        int[] out = new int[v.length()];
        int end = Math.min(file.length(), Math.max(n.endOffset, n.offset));
        int nl = file.indexOf('\n', n.offset);
        int start = nl < 0 || nl >= end ? end : nl + 1;
        int indicator = 0;
        for (int i = n.offset + 1; i < start && i < file.length(); i++) {
            char c = file.charAt(i);
            if (c == '#') break;
            if (c >= '1' && c <= '9') { indicator = c - '0'; break; }
        }
        int indent = indicator > 0 ? parentIndent + indicator : detectIndent(file, start, end);
        int q = start;
        boolean lineStart = true;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            while (q < end) {
                if (lineStart) {
                    for (int k = 0; k < indent && q < end && file.charAt(q) == ' '; k++) q++;
                    lineStart = false;
                    continue;
                }
                char r = file.charAt(q);
                if (r == c || (c == ' ' && r == '\n')) break;
                if (r == '\n') lineStart = true;
                q++;
            }
            out[i] = Math.min(q, Math.max(end - 1, n.offset));
            if (q < end) {
                if (file.charAt(q) == '\n') lineStart = true;
                q++;
            }
        }
        return out;
    }

    private static int detectIndent(String file, int start, int end) {
        int p = start;
        while (p < end) {
            int k = 0;
            while (p + k < end && file.charAt(p + k) == ' ') k++;
            if (p + k < end && file.charAt(p + k) != '\n' && file.charAt(p + k) != '\r') return k;
            int nl = file.indexOf('\n', p);
            if (nl < 0) break;
            p = nl + 1;
        }
        return 0;
    }
}
