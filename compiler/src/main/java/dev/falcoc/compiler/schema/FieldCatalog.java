package dev.falcoc.compiler.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = FieldCatalog.class.getResourceAsStream("/dev/falcoc/schema/" + resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = br.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                rows.add(line.split("\t", -1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    public List<FieldInfo> fields() { return fields; }

    public FieldInfo byName(String name) { return byName.get(name); }

    public Map<Integer, List<FieldInfo>> classes() { return byClass; }

    public String classDescription(int index) { return classDescriptions.getOrDefault(index, ""); }
}
