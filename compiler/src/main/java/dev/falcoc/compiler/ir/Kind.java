package dev.falcoc.compiler.ir;

import dev.falcoc.compiler.schema.FieldType;

/**
 * How a (transformed) field value is represented and compared at run time. Integer kinds carry
 * Falco's width and signedness: values and constants are cut to the width, then compared as
 * signed or unsigned 64-bit numbers, as libs' flt_compare does after its casts.
 */
public enum Kind {
    STRING, BYTES, S8, S16, S32, S64, U8, U16, U32, U64, DOUBLE, BOOL, IP, NET, OTHER;

    public static Kind of(FieldType t) {
        return switch (t) {
            case CHARBUF, FSPATH, FSRELPATH -> STRING;
            case BYTEBUF -> BYTES;
            case INT8 -> S8;
            case INT16 -> S16;
            case INT32 -> S32;
            case INT64, FD, FD32, PID, PID32, ERRNO -> S64;
            case UINT8, FLAGS8, ENUMFLAGS8, SIGTYPE, L4PROTO -> U8;
            case UINT16, FLAGS16, ENUMFLAGS16, PORT, SYSCALLID -> U16;
            case UINT32, FLAGS32, ENUMFLAGS32, MODE, UID, GID -> U32;
            case UINT64, RELTIME, ABSTIME -> U64;
            case DOUBLE -> DOUBLE;
            case BOOL -> BOOL;
            case IPV4ADDR, IPV6ADDR, IPADDR -> IP;
            case IPV4NET, IPV6NET, IPNET -> NET;
            default -> OTHER;
        };
    }

    public boolean isInteger() { return ordinal() >= S8.ordinal() && ordinal() <= U64.ordinal(); }

    public boolean unsigned() { return this == U8 || this == U16 || this == U32 || this == U64; }

    /** Cuts a 64-bit number to this kind's width, sign- or zero-extending it back. */
    public long norm(long v) {
        return switch (this) {
            case S8 -> (byte) v;
            case S16 -> (short) v;
            case S32 -> (int) v;
            case U8 -> v & 0xffL;
            case U16 -> v & 0xffffL;
            case U32 -> v & 0xffffffffL;
            default -> v;
        };
    }

    /** Three-way comparison of two normalised integers of this kind. */
    public int compare(long a, long b) {
        return unsigned() ? Long.compareUnsigned(a, b) : Long.compare(a, b);
    }
}
