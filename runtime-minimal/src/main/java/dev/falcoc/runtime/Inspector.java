package dev.falcoc.runtime;

import dev.falcoc.compiler.ir.FieldBinder;
import dev.falcoc.compiler.ir.FieldGetter;
import dev.falcoc.compiler.schema.FieldResolver;

import java.nio.file.Path;

/**
 * Replays a capture the way Falco does: reads events, converts old enter/exit pairs to the
 * exit-only model, updates thread/fd/user state and hands out one evaluation context per event.
 *
 * <pre>
 * try (Inspector in = Inspector.open(path)) {
 *     FieldBinder b = in.binder();
 *     for (Object ctx; (ctx = in.next()) != null; ) {
 *         int code = in.eventCode(ctx);   // dispatch on rules' event sets
 *         ...
 *     }
 * }
 * </pre>
 */
public final class Inspector implements AutoCloseable {
    private Inspector() {}

    /** Opens a .scap capture (gzip or plain). Errors name the offending block offset. */
    public static Inspector open(Path capture) throws ScapException {
        throw new ScapException("not implemented yet: " + capture);
    }

    /**
     * The context of the next event Falco would show to rules, after its state update;
     * null at the end of the capture. The same object is reused for every event.
     */
    public Object next() throws ScapException {
        return null;
    }

    /** The event code used to select candidate rules. */
    public int eventCode(Object ctx) {
        return ((EventContext) ctx).eventCode();
    }

    /** Falco's evt.num of the event. */
    public long evtNum(Object ctx) {
        return ((EventContext) ctx).evtNum();
    }

    /** Event timestamp in ns since the epoch (the alert's "time"). */
    public long ts(Object ctx) {
        return ((EventContext) ctx).ts();
    }

    /** The machine's hostname as recorded in the capture (empty when absent). */
    public String hostname() {
        return "";
    }

    /** Field getters for compiled matchers and for output formatting. */
    public FieldBinder binder() {
        return f -> (FieldGetter) c -> null;
    }

    /** The JSON value Falco puts in output_fields for this field: String, Long, Double, Boolean or null. */
    public Object jsonValue(FieldResolver.Resolved f, Object ctx) {
        return null;
    }

    /** The text Falco substitutes for %field in output ("&lt;NA&gt;" when the field has no value). */
    public String text(FieldResolver.Resolved f, Object ctx) {
        return "<NA>";
    }

    @Override
    public void close() {}
}
