package dev.falcoc.compiler.ir;

/**
 * An evaluation context that says which event it holds: while the same context reports the same
 * serial, every field whose getter is {@link FieldGetter#stable() stable} keeps its value, so a
 * check on such fields may be decided once for all the rules that evaluate the event.
 */
public interface EventSerial {
    long eventSerial();
}
