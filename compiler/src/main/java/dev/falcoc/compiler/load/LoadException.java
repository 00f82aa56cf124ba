package dev.falcoc.compiler.load;

import dev.falcoc.compiler.diag.Context;

/** Falco's rule_load_exception: an error that ends the processing of the current item. */
public final class LoadException extends Exception {
    public final String code;
    public final Context ctx;

    public LoadException(String code, String message, Context ctx) {
        super(message, null, false, false);
        this.code = code;
        this.ctx = ctx;
    }
}
