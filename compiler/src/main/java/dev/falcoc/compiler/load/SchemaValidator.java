package dev.falcoc.compiler.load;

import dev.falcoc.compiler.yaml.YNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Falco 0.42's rules-file JSON-schema check, re-stated as code: it never stops loading, it only
 * yields the "schema validation" status and its messages, worded and ordered as Falco's
 * validator reports them (innermost problem first, then each enclosing container).
 * YAML scalars are weakly typed, as in Falco: any scalar is a string, "true"/"false" a boolean.
 */
public final class SchemaValidator {
    private SchemaValidator() {}

    private enum T { STRING, BOOL, INT, STRING_OR_INT_ARRAY, STRING_ARRAY, PRIORITY, PLUGINS, EXCEPTIONS, OVERRIDE }

    // The 0.42 schema's item properties. warn_evttypes and skip-if-unknown-filter are missing
    // there (a known 0.42 quirk): rules using them load fine but fail validation.
    private static final Map<String, T> ITEM = Map.ofEntries(
            Map.entry("required_engine_version", T.STRING), Map.entry("required_plugin_versions", T.PLUGINS),
            Map.entry("macro", T.STRING), Map.entry("condition", T.STRING), Map.entry("list", T.STRING),
            Map.entry("items", T.STRING_OR_INT_ARRAY), Map.entry("rule", T.STRING), Map.entry("desc", T.STRING),
            Map.entry("enabled", T.BOOL), Map.entry("output", T.STRING), Map.entry("append", T.BOOL),
            Map.entry("priority", T.PRIORITY), Map.entry("capture", T.BOOL), Map.entry("capture_duration", T.INT),
            Map.entry("source", T.STRING), Map.entry("exceptions", T.EXCEPTIONS), Map.entry("override", T.OVERRIDE),
            Map.entry("tags", T.STRING_ARRAY));
    private static final Set<String> PRIORITIES = Set.of("EMERGENCY", "ALERT", "CRITICAL", "ERROR", "WARNING",
            "NOTICE", "INFO", "INFORMATIONAL", "DEBUG");
    private static final Set<String> OVERRIDE_KEYS = Set.of("items", "desc", "condition", "output", "priority", "enabled", "exceptions");
    private static final Set<String> EXCEPTION_KEYS = Set.of("name", "fields", "comps", "values");

    /** Validation messages for one YAML document; empty when it conforms. */
    public static List<String> validate(YNode doc) {
        List<String> out = new ArrayList<>();
        if (!doc.isSequence()) {
            out.add(fail(Ctx.ROOT, "Value type not permitted by 'type' constraint."));
            return out;
        }
        for (int i = 0; i < doc.items.size(); i++) {
            YNode item = doc.items.get(i);
            Ctx ctx = Ctx.ROOT.index(i);
            if (validateItem(item, ctx, out)) out.add(fail(Ctx.ROOT, "Failed to validate item #" + i + " in array."));
        }
        return out;
    }

    /** Returns true when the item failed (its messages already added). */
    private static boolean validateItem(YNode item, Ctx ctx, List<String> out) {
        if (!item.isMap()) {
            out.add(fail(ctx, "Value type not permitted by 'type' constraint."));
            return true;
        }
        boolean failed = false;
        for (YNode.Entry e : item.entries) {
            String key = e.key().isScalar() ? e.key().value : "";
            T type = ITEM.get(key);
            if (type == null) {
                out.add(unknownProperty(ctx, key));
                failed = true;
            } else if (!check(e.value(), type, ctx.key(key), out)) {
                out.add(propertyFailed(ctx, key));
                failed = true;
            }
        }
        return failed;
    }

    private static boolean check(YNode v, T type, Ctx ctx, List<String> out) {
        return switch (type) {
            case STRING -> typed(v.isScalar(), ctx, out);
            case BOOL -> typed(v.isScalar() && (v.value.equals("true") || v.value.equals("false")), ctx, out);
            case INT -> typed(v.isScalar() && v.value.matches("[-+]?[0-9]+"), ctx, out);
            case STRING_OR_INT_ARRAY, STRING_ARRAY -> array(v, ctx, out, (x, c) -> typed(x.isScalar(), c, out));
            case PRIORITY -> {
                if (!v.isScalar()) yield typed(false, ctx, out);
                if (PRIORITIES.contains(v.value)) yield true;
                out.add(fail(ctx, "Failed to match against any enum values."));
                yield false;
            }
            case PLUGINS -> array(v, ctx, out, (x, c) -> object(x, c, out, Set.of("name", "version", "alternatives"), List.of("name", "version")));
            case EXCEPTIONS -> array(v, ctx, out, (x, c) -> object(x, c, out, EXCEPTION_KEYS, List.of("name")));
            case OVERRIDE -> override(v, ctx, out);
        };
    }

    private interface ItemCheck { boolean ok(YNode item, Ctx ctx); }

    private static boolean array(YNode v, Ctx ctx, List<String> out, ItemCheck each) {
        if (!v.isSequence()) return typed(false, ctx, out);
        boolean ok = true;
        for (int i = 0; i < v.items.size(); i++) {
            if (!each.ok(v.items.get(i), ctx.index(i))) {
                out.add(fail(ctx, "Failed to validate item #" + i + " in array."));
                ok = false;
            }
        }
        return ok;
    }

    /** An object with the given properties only; string-valued except lists for exceptions. */
    /** {@code required} in sorted order (the order of Falco's messages). */
    private static boolean object(YNode v, Ctx ctx, List<String> out, Set<String> keys, List<String> required) {
        if (!v.isMap()) return typed(false, ctx, out);
        boolean ok = true;
        for (String r : required) {
            if (!v.has(r) && v.keyNode(r) == null) {
                out.add(fail(ctx, "Missing required property '" + r + "'."));
                ok = false;
            }
        }
        for (YNode.Entry e : v.entries) {
            String key = e.key().isScalar() ? e.key().value : "";
            if (!keys.contains(key)) {
                out.add(unknownProperty(ctx, key));
                ok = false;
            } else if ((key.equals("name") || key.equals("version")) && !e.value().isScalar()) {
                typed(false, ctx.key(key), out);
                out.add(propertyFailed(ctx, key));
                ok = false;
            } else if (key.equals("alternatives") && !array(e.value(), ctx.key(key), out,
                    (x, c) -> object(x, c, out, Set.of("name", "version"), List.of("name", "version")))) {
                out.add(propertyFailed(ctx, key));
                ok = false;
            }
        }
        return ok;
    }

    private static boolean override(YNode v, Ctx ctx, List<String> out) {
        if (!v.isMap()) return typed(false, ctx, out);
        boolean ok = true;
        if (v.entries.isEmpty()) {
            out.add(fail(ctx, "Object should have no fewer than 1 properties."));
            ok = false;
        }
        for (YNode.Entry e : v.entries) {
            String key = e.key().isScalar() ? e.key().value : "";
            if (!OVERRIDE_KEYS.contains(key)) {
                out.add(unknownProperty(ctx, key));
                ok = false;
            } else if (!e.value().isScalar() || !(e.value().value.equals("append") || e.value().value.equals("replace"))) {
                out.add(fail(ctx.key(key), "Failed to match against any enum values."));
                out.add(propertyFailed(ctx, key));
                ok = false;
            }
        }
        return ok;
    }

    private static boolean typed(boolean ok, Ctx ctx, List<String> out) {
        if (!ok) out.add(fail(ctx, "Value type not permitted by 'type' constraint."));
        return ok;
    }

    private static String propertyFailed(Ctx ctx, String key) {
        return fail(ctx, "Failed to validate against schema associated with property name '" + key + "'.");
    }

    private static String unknownProperty(Ctx ctx, String key) {
        return fail(ctx, "Object contains a property that could not be validated using 'properties' or 'additionalProperties' constraints: '" + key + "'.");
    }

    private static String fail(Ctx ctx, String msg) { return "failed for " + ctx + ": " + msg; }

    /**
     * A position in the document ("<root>[3][tags][0]"), spelt out only for a message: building
     * the text for every property checked cost a tenth of a rules file's loading.
     */
    private static final class Ctx {
        static final Ctx ROOT = new Ctx(null, null, -1);
        private final Ctx parent;
        private final String key;
        private final int index;

        private Ctx(Ctx parent, String key, int index) {
            this.parent = parent;
            this.key = key;
            this.index = index;
        }

        Ctx key(String k) { return new Ctx(this, k, -1); }

        Ctx index(int i) { return new Ctx(this, null, i); }

        @Override
        public String toString() {
            if (parent == null) return "<root>";
            return parent + "[" + (key != null ? key : Integer.toString(index)) + "]";
        }
    }
}
