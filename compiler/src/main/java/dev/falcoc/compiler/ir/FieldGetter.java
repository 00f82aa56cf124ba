package dev.falcoc.compiler.ir;

/**
 * Reads one field for the event being evaluated. The runtime implements it; compiled matchers
 * and the reference interpreter only call it. {@code ctx} is the runtime's evaluation context
 * (current event plus process/fd/user state), opaque to the compiler.
 *
 * <p>Values by field type: CHARBUF/FSPATH/FSRELPATH as {@link String}; integer types, RELTIME,
 * ABSTIME and PORT as {@link Long}; DOUBLE as {@link Double}; BOOL as {@link Boolean}; BYTEBUF
 * as {@code byte[]}; IPADDR as {@link IpAddr}; IPNET as {@link IpNet}; list fields as
 * {@code java.util.List}; fields compared against several candidates (proc.aname without an index,
 * fd.ip/fd.port/fd.proto/fd.net on sockets) as {@link Candidates}. {@code null} means the field has
 * no value for this event, which makes every comparison on it false.
 */
@FunctionalInterface
public interface FieldGetter {
    Object get(Object ctx);

    /**
     * Whether reading the field again for the same event (see {@link EventSerial}) gives the same
     * value and has no effect a later read could tell; false for fields such as util.cnt, which
     * count their reads.
     */
    default boolean stable() { return true; }
}
