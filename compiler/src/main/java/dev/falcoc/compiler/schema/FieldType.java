package dev.falcoc.compiler.schema;

/** The value types of fields and event parameters that the type checker distinguishes. */
public enum FieldType {
    INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, CHARBUF, BYTEBUF, ERRNO, SOCKADDR,
    SOCKTUPLE, FD, PID, FDLIST, FSPATH, SYSCALLID, SIGTYPE, RELTIME, ABSTIME, PORT, L4PROTO,
    SOCKFAMILY, BOOL, IPV4ADDR, DYN, FLAGS8, FLAGS16, FLAGS32, UID, GID, DOUBLE, SIGSET,
    CHARBUFARRAY, CHARBUF_PAIR_ARRAY, IPV4NET, IPV6ADDR, IPV6NET, IPADDR, IPNET, MODE, FSRELPATH,
    ENUMFLAGS8, ENUMFLAGS16, ENUMFLAGS32, DYNAMIC, PID32, FD32;

    public static FieldType parse(String s) {
        return valueOf(s);
    }

    /** The type name as Falco prints it in messages (e.g. "CHARBUF"). */
    public String display() {
        return switch (this) {
            case FD32 -> "FD";
            case PID32 -> "PID";
            default -> name();
        };
    }

    public boolean isNumeric() {
        return switch (this) {
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, ERRNO, FD, FD32, PID, PID32,
                 SYSCALLID, SIGTYPE, RELTIME, ABSTIME, PORT, FLAGS8, FLAGS16, FLAGS32, ENUMFLAGS8,
                 ENUMFLAGS16, ENUMFLAGS32, DOUBLE, MODE -> true;
            default -> false;
        };
    }

    public boolean isString() { return this == CHARBUF || this == FSPATH || this == FSRELPATH; }

    public boolean isIp() {
        return this == IPV4ADDR || this == IPV4NET || this == IPV6ADDR || this == IPV6NET || this == IPADDR || this == IPNET;
    }
}
