package dev.falcoc.runtime.fields;

import dev.falcoc.compiler.schema.FieldType;

/** The runtime's renderings of a typed field value, for contexts other than captured events (rule tests). */
public final class ValueRendering {
    private ValueRendering() {}

    /** The text Falco substitutes for %field ("&lt;NA&gt;" for null). */
    public static String text(Object v, FieldType t, String printFormat) {
        return SyscallFieldBinder.toText(v, t, printFormat);
    }

    /** The output_fields JSON value (null when the field has no value). */
    public static Object json(Object v, FieldType t, String printFormat) {
        return SyscallFieldBinder.toJson(v, t, printFormat);
    }
}
