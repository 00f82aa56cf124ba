package dev.falcoc.runtime.output;

import dev.falcoc.compiler.schema.FieldResolver;

/** How the runtime renders one field of the current event for outputs (Falco's tostring / tojson). */
public interface FieldRenderer {
    /** The output_fields value: String, Long, Double, Boolean, or null when the field has no value. */
    Object jsonValue(FieldResolver.Resolved field, Object ctx);

    /** The text substituted for %field; "&lt;NA&gt;" when the field has no value. */
    String text(FieldResolver.Resolved field, Object ctx);
}
