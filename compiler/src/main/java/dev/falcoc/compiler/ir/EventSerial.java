package dev.falcoc.compiler.ir;

/**
 * An evaluation context that says which event it holds: while the same context reports the same
 * serial, every field whose getter is {@link FieldGetter#stable() stable} keeps its value, so a
 * check on such fields may be decided once for all the rules that evaluate the event.
 */
public interface EventSerial {
    /** The serial of a context that does not say which event it holds: nothing is remembered. */
    long NONE = Long.MIN_VALUE;

    long eventSerial();

    /** The serial of {@code ctx}, or {@link #NONE}. */
    static long of(Object ctx) { return ctx instanceof EventSerial e ? e.eventSerial() : NONE; }
}
