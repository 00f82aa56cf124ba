package dev.falcoc.compiler.load;

import dev.falcoc.compiler.diag.Context;

/** Where the loading phases report warnings (errors travel as {@link LoadException}s). */
public interface ReportSink {
    void warning(String code, String message, Context ctx);

    default void deprecatedField(String field, String message, Context ctx) { warning(dev.falcoc.compiler.diag.Codes.DEPRECATED_ITEM, message, ctx); }
}
