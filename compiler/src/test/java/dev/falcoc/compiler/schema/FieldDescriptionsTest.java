package dev.falcoc.compiler.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The catalogue carries a description of our own for every field and class. */
class FieldDescriptionsTest {
    private final FieldCatalog catalog = FieldCatalog.get();

    @Test
    void everyFieldAndClassIsDescribed() {
        assertEquals(294, catalog.fields().size());
        List<String> missing = new ArrayList<>();
        for (FieldInfo f : catalog.fields()) if (f.description().isBlank()) missing.add(f.name());
        assertTrue(missing.isEmpty(), "fields without a description: " + missing);
        for (int c : catalog.classes().keySet()) assertFalse(catalog.classDescription(c).isBlank(), "class " + c + " has no description");
    }

    @Test
    void descriptionsAreDistinct() {
        // Every catalogue field means something different, so a shared text would hide the difference.
        Map<String, String> seen = new HashMap<>();
        List<String> dups = new ArrayList<>();
        for (FieldInfo f : catalog.fields()) {
            String prev = seen.putIfAbsent(normal(f.description()), f.name());
            if (prev != null) dups.add(prev + " = " + f.name());
        }
        assertTrue(dups.isEmpty(), "fields sharing a description: " + dups);
    }

    @Test
    void descriptionsAreNotUpstreamText() throws IOException {
        String p = System.getProperty("falcoc.shared");
        Path json = (p == null ? Path.of("..", "..", "shared") : Path.of(p)).resolve("schema/fields-falco-0.42.json");
        if (!Files.isRegularFile(json)) {
            System.err.println("!!! SKIPPING upstream comparison: no " + json.toAbsolutePath());
            Assumptions.abort("shared schema not found");
        }
        // JSON is YAML, so the YAML engine we already depend on reads it.
        Map<?, ?> root = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(json));
        Map<String, String> upstream = new HashMap<>();
        for (Object c : (List<?>) root.get("classes"))
            for (Object f : (List<?>) ((Map<?, ?>) c).get("fields"))
                upstream.put((String) ((Map<?, ?>) f).get("name"), (String) ((Map<?, ?>) f).get("desc"));
        assertEquals(upstream.keySet(), catalog.fields().stream().map(FieldInfo::name).collect(java.util.stream.Collectors.toSet()));
        List<String> copied = new ArrayList<>();
        for (FieldInfo f : catalog.fields())
            if (normal(f.description()).equals(normal(upstream.get(f.name())))) copied.add(f.name());
        assertTrue(copied.isEmpty(), "descriptions identical to upstream's: " + copied);
    }

    /** Case, quotes, punctuation and spacing do not make a text different. */
    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }
}
