package dev.falcoc.compiler.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Falco 0.42's syscall field catalogue (core libs fields plus the container plugin's), loaded
 * from {@code fields.tsv}. Classes keep Falco's registration order, which decides lookups.
 */
public final class FieldCatalog {
    private static volatile FieldCatalog instance;

    private final List<FieldInfo> fields;
    private final Map<Integer, List<FieldInfo>> byClass;
    private final Map<String, FieldInfo> byName;
    private final Map<Integer, String> classDescriptions;
    /** Per field name, the fields of that name ordered by class rank (the first of each class only). */
    private final Map<String, Ranked[]> prefixIndex = new HashMap<>();
    /** The distinct lengths of field names, longest first. */
    private final int[] nameLengths;
    /** The first segments of the names, each with its dot; null when some name has no dot. */
    private final java.util.Set<String> heads;

    private record Ranked(FieldInfo field, int classRank) {}

    private FieldCatalog(List<FieldInfo> fields, Map<Integer, String> classDescriptions) {
        this.fields = List.copyOf(fields);
        Map<Integer, List<FieldInfo>> bc = new LinkedHashMap<>();
        Map<String, FieldInfo> bn = new HashMap<>();
        for (FieldInfo f : fields) {
            bc.computeIfAbsent(f.classIndex(), k -> new ArrayList<>()).add(f);
            bn.putIfAbsent(f.name(), f);
        }
        this.byClass = bc;
        this.byName = bn;
        this.classDescriptions = classDescriptions;
        java.util.TreeSet<Integer> lengths = new java.util.TreeSet<>(Collections.reverseOrder());
        int rank = 0;
        for (List<FieldInfo> cls : bc.values()) {
            for (FieldInfo f : cls) {
                Ranked[] old = prefixIndex.get(f.name());
                if (old != null && old[old.length - 1].classRank() == rank) continue; // an earlier field of this class has the name
                Ranked[] now = old == null ? new Ranked[1] : Arrays.copyOf(old, old.length + 1);
                now[now.length - 1] = new Ranked(f, rank);
                prefixIndex.put(f.name(), now);
                lengths.add(f.name().length());
            }
            rank++;
        }
        java.util.Set<String> hs = new java.util.HashSet<>();
        for (FieldInfo f : fields) {
            int dot = f.name().indexOf('.');
            if (dot < 0) { hs = null; break; } // a name without a dot: no shortcut
            hs.add(f.name().substring(0, dot + 1));
        }
        this.heads = hs;
        this.nameLengths = new int[lengths.size()];
        int i = 0;
        for (int len : lengths) nameLengths[i++] = len;
    }

    /**
     * The field Falco's filtercheck lookup picks for a text: among the classes (in registration
     * order) the first that has a field name starting the text, and that class's longest such
     * name; null when none does. An index lookup per name length instead of a scan of every field.
     */
    public FieldInfo longestPrefixField(String text) {
        // most texts looked up are constants ("/usr/bin", "bash"): a name starting the text shares
        // its first segment (up to the first '.'), so a text whose segment no name has needs no search
        if (heads != null) {
            int dot = text.indexOf('.');
            if (dot < 0 || !heads.contains(text.substring(0, dot + 1))) return null;
        }
        FieldInfo best = null;
        int bestRank = Integer.MAX_VALUE;
        for (int len : nameLengths) {
            if (len > text.length()) continue;
            Ranked[] cands = prefixIndex.get(text.substring(0, len));
            if (cands == null) continue;
            // lengths are visited longest first, so a class's first hit is its longest name
            if (cands[0].classRank() < bestRank) {
                bestRank = cands[0].classRank();
                best = cands[0].field();
            }
        }
        return best;
    }

    public static FieldCatalog get() {
        FieldCatalog c = instance;
        if (c == null) {
            synchronized (FieldCatalog.class) {
                if (instance == null) instance = load();
                c = instance;
            }
        }
        return c;
    }

    private static FieldCatalog load() {
        List<FieldInfo> fields = new ArrayList<>();
        for (String[] r : tsv("fields.tsv")) {
            Set<String> flags = r[5].equals("-") ? Set.of() : new HashSet<>(Arrays.asList(r[5].split(",")));
            fields.add(new FieldInfo(Integer.parseInt(r[0]), r[1], r[3], FieldType.parse(r[4]), Collections.unmodifiableSet(flags),
                    r[6], r.length > 7 ? r[7] : "", r.length > 8 ? r[8] : ""));
        }
        Map<Integer, String> cd = new HashMap<>();
        for (String[] r : tsv("field-classes.tsv")) cd.put(Integer.parseInt(r[0]), r.length > 3 ? r[3] : "");
        return new FieldCatalog(fields, cd);
    }

    static List<String[]> tsv(String resource) {
        String text;
        try (InputStream in = FieldCatalog.class.getResourceAsStream("/dev/falcoc/schema/" + resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows(text);
    }

    static List<String[]> rows(String text) {
        // Lines and tab-separated cells found with indexOf rather than readLine + split: these tables are read
        // cold at every start-up, where that cost about twice the CPU (and a loop over every character in
        // interpreted code more still). Same rows as readLine (\n, \r or \r\n ends a line) + split("\t", -1).
        List<String[]> rows = new ArrayList<>();
        int n = text.length();
        int[] tabs = new int[16];
        int cr = -1;   // the next carriage return at or after pos (n: none left)
        for (int pos = 0; pos < n; ) {
            int nl = text.indexOf('\n', pos);
            if (nl < 0) nl = n;
            if (cr < pos) {
                cr = text.indexOf('\r', pos);
                if (cr < 0) cr = n;
            }
            int eol = Math.min(cr, nl);
            if (eol > pos && text.charAt(pos) != '#') {
                int k = 0;
                for (int t = text.indexOf('\t', pos); t >= 0 && t < eol; t = text.indexOf('\t', t + 1)) {
                    if (k == tabs.length) tabs = java.util.Arrays.copyOf(tabs, k * 2);
                    tabs[k++] = t;
                }
                String[] r = new String[k + 1];
                for (int i = 0, s = pos; i <= k; i++) {
                    int end = i < k ? tabs[i] : eol;
                    r[i] = text.substring(s, end);
                    s = end + 1;
                }
                rows.add(r);
            }
            pos = eol == cr && eol + 1 < n && text.charAt(eol + 1) == '\n' ? eol + 2 : eol + 1;
        }
        return rows;
    }

    public List<FieldInfo> fields() { return fields; }

    public FieldInfo byName(String name) { return byName.get(name); }

    public Map<Integer, List<FieldInfo>> classes() { return byClass; }

    public String classDescription(int index) { return classDescriptions.getOrDefault(index, ""); }
}
