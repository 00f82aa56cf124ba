package dev.falcoc.runtime.testing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event given by its field values instead of a capture: the evaluation context of rule tests.
 * Values are keyed by the resolver's canonical field text ("proc.aname[2]", "evt.arg.flags") and
 * already typed as the {@link dev.falcoc.compiler.ir.FieldGetter} contract says; a field that is
 * absent has no value, exactly as in Falco.
 */
public final class SyntheticEvent {
    final Map<String, Object> values;
    final int code;
    final long ts;

    public SyntheticEvent(Map<String, Object> values, int code, long ts) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.code = code;
        this.ts = ts;
    }

    /** The event code rules are dispatched on. */
    public int code() { return code; }

    public long ts() { return ts; }

    public Map<String, Object> values() { return values; }

    public Object get(String field) { return values.get(field); }
}
