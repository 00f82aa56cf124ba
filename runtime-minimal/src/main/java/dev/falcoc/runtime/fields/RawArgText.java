package dev.falcoc.runtime.fields;

import dev.falcoc.compiler.schema.FieldType;
import dev.falcoc.runtime.event.EventSchema.Fmt;
import dev.falcoc.runtime.event.EventSchema.PT;
import java.math.BigInteger;

/**
 * Output text and JSON of an {@code evt.rawarg.NAME} value. libsinsp types and formats such a value
 * with the current event's own parameter (open's flags are FLAGS32 printed in hex, its mode UINT32
 * in octal), not with the field's catalogue entry, so {@code %evt.rawarg.flags} of an open reads
 * {@code 1001}, not {@code 4097}.
 */
final class RawArgText {
    private RawArgText() {}

    /** Not rendered by these rules: the caller falls back to the field's generic rendering. */
    static final Object OTHER = new Object();

    /**
     * The text of a numeric parameter value, or null where libsinsp has none for this type and
     * format (the output then shows {@code <NA>}), or {@link #OTHER}.
     */
    static Object text(long n, PT type, Fmt fmt) {
        return switch (type) {
            // printf promotes 8-, 16- and 32-bit signed values to int before %o / %X
            case INT8, INT16, INT32 -> switch (fmt) {
                case OCT -> Long.toOctalString(n & 0xffff_ffffL);
                case HEX -> hex(n, type);
                case DEC, ID -> Long.toString(n);
                default -> null;
            };
            case INT64, PID, ERRNO, FD -> switch (fmt) {
                case OCT -> Long.toOctalString(n);
                case HEX -> hex(n, type);
                case PADDED_DEC -> padded(n, type);
                default -> Long.toString(n);
            };
            case L4PROTO, UINT8, FLAGS8, ENUMFLAGS8 -> unsigned(n & 0xffL, type, fmt);
            case PORT, UINT16, FLAGS16, ENUMFLAGS16 -> unsigned(n & 0xffffL, type, fmt);
            case UINT32, FLAGS32, ENUMFLAGS32, UID, GID -> unsigned(n & 0xffff_ffffL, type, fmt);
            case UINT64, RELTIME, ABSTIME -> switch (fmt) {
                case OCT -> Long.toOctalString(n);
                case HEX -> hex(n, type);
                case DEC, ID -> Long.toUnsignedString(n);
                case PADDED_DEC -> padded(n, type);
                default -> null;
            };
            case BOOL -> n != 0 ? "true" : "false";
            default -> OTHER;
        };
    }

    private static String unsigned(long n, PT type, Fmt fmt) {
        return switch (fmt) {
            case OCT -> Long.toOctalString(n);
            case HEX -> hex(n, type);
            case DEC, ID -> Long.toString(n);
            default -> null;
        };
    }

    /** The catalogue's printing of hex and padded numbers, for the field type of the same name. */
    private static String hex(long n, PT type) { return SyscallFieldBinder.hex(n, FieldType.valueOf(type.name())); }

    private static String padded(long n, PT type) { return SyscallFieldBinder.padded(n, FieldType.valueOf(type.name())); }

    /**
     * The output_fields value of a numeric parameter: a number for decimal formats, the text for
     * octal and hex (and for 64-bit signed values in any other format), null where libsinsp has
     * none, or {@link #OTHER}. (Falco 0.42 stops with a runtime error on an ERRNO value here; falcoc
     * gives the number.)
     */
    static Object json(long n, PT type, Fmt fmt) {
        Object text = text(n, type, fmt);
        if (text == OTHER || text == null) return text;
        boolean decimal = fmt == Fmt.DEC || fmt == Fmt.ID;
        return switch (type) {
            case BOOL -> n != 0;
            case INT64, PID, FD, ERRNO -> decimal ? (Object) n : text;
            case UINT64, RELTIME, ABSTIME -> decimal ? (n < 0 ? new BigInteger(Long.toUnsignedString(n)) : (Object) n) : text;
            default -> decimal ? (Object) Long.parseLong((String) text) : text;
        };
    }
}
