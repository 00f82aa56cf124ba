package dev.falcoc.compiler.lint;

import dev.falcoc.compiler.schema.EventTable;
import dev.falcoc.compiler.schema.FieldResolver;
import java.util.BitSet;

/** The FALCOC_FIELD_NEVER_SET knowledge for other tools (rule tests): may a field have a value for these event codes? */
public final class FieldPresence {
    private FieldPresence() {}

    /** Why {@code field} never has a value for any of the event codes {@code ev}, or null when it may have one. */
    public static String whyUnset(String field, BitSet ev, FieldResolver resolver, EventTable events) {
        return FieldNeverSet.whyUnset(field, ev, resolver, events);
    }
}
