package dev.falcoc.runtime.fields;

import dev.falcoc.compiler.ir.Candidates;
import dev.falcoc.compiler.ir.FieldBinder;
import dev.falcoc.compiler.ir.FieldGetter;
import dev.falcoc.compiler.ir.IpAddr;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.compiler.schema.FieldType;
import dev.falcoc.runtime.event.EventSchema;
import dev.falcoc.runtime.event.Evt;
import dev.falcoc.runtime.scap.FdEntry;
import dev.falcoc.runtime.state.FdInfo;
import dev.falcoc.runtime.state.LongMap;
import dev.falcoc.runtime.state.Sockets;
import dev.falcoc.runtime.state.ThreadInfo;
import dev.falcoc.runtime.state.ThreadTable;
import dev.falcoc.runtime.state.Users;

import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Field extraction for Falco 0.42's syscall catalogue: typed values for matchers (per the
 * {@link FieldGetter} contract) plus the two renderings Falco uses in alerts, the text of
 * {@code output} and the JSON value of {@code output_fields}.
 */
public final class SyscallFieldBinder implements FieldBinder {

    /** One bound field: value, JSON value and text. */
    public static class Field implements FieldGetter {
        final FieldType type;
        final String fmt;
        final Function<Evt, Object> get;
        Function<Evt, Object> json;
        Function<Evt, String> text;

        Field(FieldType type, String fmt, Function<Evt, Object> get) {
            this.type = type;
            this.fmt = fmt;
            this.get = get;
        }

        Field json(Function<Evt, Object> j) { this.json = j; return this; }
        Field text(Function<Evt, String> t) { this.text = t; return this; }

        /**
         * The value of the last event this field was read for: rules of one event type read the
         * same fields (fd.name, evt.num of never_true...) over and over, and a value is fixed for
         * the duration of an event (the parser has run before any rule). Keyed by the context
         * and its serial, which {@link Evt#load} bumps; an Evt belongs to one Inspector, whose
         * binder made this field, so the memo is never shared between threads.
         */
        private Evt memoEvt;
        private long memoSerial;
        private Object memoValue;
        /** False for fields whose every extraction counts (util.cnt). */
        private boolean memo = true;

        Field noMemo() { this.memo = false; return this; }

        @Override
        public boolean stable() { return memo; }

        @Override
        public Object get(Object ctx) {
            Evt e = (Evt) ctx;
            if (!memo) return get.apply(e);
            if (memoEvt == e && memoSerial == e.serial) return memoValue;
            Object v = get.apply(e);
            memoValue = v;
            memoSerial = e.serial;
            memoEvt = e;
            return v;
        }

        public Object json(Evt e) {
            if (json != null) return json.apply(e);
            return toJson(get.apply(e), type, fmt);
        }

        public String text(Evt e) {
            if (text != null) return text.apply(e);
            return toText(get.apply(e), type, fmt);
        }
    }

    static Object toJson(Object v, FieldType t, String fmt) {
        if (v == null) return null;
        if (v instanceof Candidates c) return c.values().isEmpty() ? null : toJson(c.values().getFirst(), t, fmt);
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) out.add(toJson(o, t, fmt));
            return out;
        }
        if (v instanceof Long n) {
            // libsinsp gives hex and padded numbers as their text
            if (fmt.equals("HEX")) return hex(n, t);
            if (fmt.equals("10_PADDED_DEC")) return padded(n, t);
            if (n < 0 && t == FieldType.UINT64) return new BigInteger(Long.toUnsignedString(n));
            return n;
        }
        if (v instanceof Double d) return fmt.equals("DEC") ? (Object) (long) (double) d : d;
        if (v instanceof IpAddr a) return Sockets.ip(a.bytes());
        if (v instanceof byte[] b) return printable(b);
        return v;
    }

    static String toText(Object v, FieldType t, String fmt) {
        if (v == null) return "<NA>";
        if (v instanceof Candidates c) return c.values().isEmpty() ? "<NA>" : toText(c.values().getFirst(), t, fmt);
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("(");
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) b.append(',');
                b.append(toText(l.get(i), t, fmt));
            }
            return b.append(')').toString();
        }
        if (v instanceof Long n) {
            if (fmt.equals("HEX")) return hex(n, t);
            if (fmt.equals("10_PADDED_DEC")) return padded(n, t);
            if (n < 0 && t == FieldType.UINT64) return Long.toUnsignedString(n);
            return Long.toString(n);
        }
        if (v instanceof Double d) return oneDecimal(d);
        if (v instanceof IpAddr a) return Sockets.ip(a.bytes());
        if (v instanceof byte[] b) return printable(b);
        return v.toString();
    }

    private static boolean unsigned64(FieldType t) {
        return t == FieldType.UINT64 || t == FieldType.RELTIME || t == FieldType.ABSTIME;
    }

    /**
     * libsinsp's "10_PADDED_DEC" print format: despite its name, zero-padded to at least 9 digits
     * (the nanoseconds of a second), e.g. evt.rawtime.ns 000001234.
     */
    static String padded(long n, FieldType t) {
        if (n < 0 && unsigned64(t)) return Long.toUnsignedString(n);
        return String.format("%09d", n);
    }

    /**
     * libsinsp's HEX print format, C's %X: upper-case digits, no prefix; unsigned values keep their
     * width, signed ones below 64 bits are promoted to a 32-bit int first (-1 prints FFFFFFFF).
     */
    static String hex(long n, FieldType t) {
        long bits = switch (t) {
            case UINT8, FLAGS8, ENUMFLAGS8, L4PROTO -> n & 0xffL;
            case UINT16, FLAGS16, ENUMFLAGS16, PORT -> n & 0xffffL;
            case INT8, INT16, INT32, UINT32, FLAGS32, ENUMFLAGS32, UID, GID -> n & 0xffff_ffffL;
            default -> n;
        };
        return Long.toHexString(bits).toUpperCase();
    }

    /**
     * A double as C's {@code printf("%.1lf")} prints it (libsinsp's text of DOUBLE fields such as
     * proc.fdusage and thread.cpu): the exact binary value rounded half-even, so 0.25 gives 0.2 and
     * 0.15 (really 0.1499...) gives 0.1, where Java's Formatter would give 0.3 and 0.2.
     */
    static String oneDecimal(double d) {
        if (Double.isNaN(d)) return Double.doubleToRawLongBits(d) < 0 ? "-nan" : "nan";
        if (Double.isInfinite(d)) return d < 0 ? "-inf" : "inf";
        String s = new java.math.BigDecimal(d).setScale(1, java.math.RoundingMode.HALF_EVEN).toPlainString();
        // C keeps the sign of a negative value that rounds to zero (and of -0.0)
        boolean negative = d < 0 || Double.doubleToRawLongBits(d) == Long.MIN_VALUE;
        return negative && !s.startsWith("-") ? "-" + s : s;
    }

    /** Byte buffers print with non-printable bytes as '.' (libsinsp's default rendering). */
    static String printable(byte[] b) {
        StringBuilder s = new StringBuilder(b.length);
        for (byte x : b) {
            int c = x & 0xff;
            s.append(c >= 32 && c < 127 ? (char) c : '.');
        }
        return s.toString();
    }

    @Override
    public FieldGetter bind(FieldResolver.Resolved field) {
        return field(field);
    }

    private static final Field NONE = new Field(FieldType.CHARBUF, "NA", e -> null).noMemo(); // shared: no memo
    private boolean containerFieldsBound;

    /** Whether a container.* or k8s.* field was bound: Falco accepts those only with its container plugin. */
    public boolean containerFieldsBound() { return containerFieldsBound; }

    public static boolean isContainerField(String name) {
        return name != null && (name.startsWith("container.") || name.startsWith("k8s."));
    }

    public Field field(FieldResolver.Resolved r) {
        String name = r.info().name();
        if (isContainerField(name)) containerFieldsBound = true;
        FieldType t = r.type();
        String fmt = r.info().printFormat();
        Field f = EvtFields.field(name, r, t, fmt);
        if (f == null) f = ProcFields.field(name, r, t, fmt);
        if (f == null) f = FdFields.field(name, r, t, fmt);
        if (f == null) f = ContainerFields.field(name, r, t, fmt);
        if (f == null) return new Field(t, fmt, e -> null);
        return f;
    }

    // ---------------------------------------------------------------- shared helpers

    /** A field's index argument ([N]), or -1 (none, negative or not a number: libsinsp then takes the bare field). */
    static int index(String arg) {
        if (arg == null) return -1;
        try {
            return Math.max(-1, Integer.parseInt(arg.strip()));
        } catch (NumberFormatException ex) {
            return -1;
        }
    }

    /** Whether an argument is all ASCII digits (and not empty), as libsinsp tells an index from a name. */
    static boolean digits(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    static Field f(FieldType t, String fmt, Function<Evt, Object> get) { return new Field(t, fmt, get); }

    static ThreadTable tt(Evt e) { return e.st.threads; }

    static ThreadInfo main(Evt e) { return e.thread == null ? null : tt(e).mainThread(e.thread); }

    static Long l(long v) { return v; }

    static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    public static String time(long ts, boolean ns) {
        Instant i = Instant.ofEpochSecond(ts / 1_000_000_000L);
        return HMS.format(i) + (ns ? String.format(".%09d", ts % 1_000_000_000L) : "");
    }

    static String datetime(long ts, boolean ns) {
        Instant i = Instant.ofEpochSecond(ts / 1_000_000_000L);
        return DATE.format(i) + " " + HMS.format(i) + (ns ? String.format(".%09d", ts % 1_000_000_000L) : "");
    }

    static String iso(long ts) {
        Instant i = Instant.ofEpochSecond(ts / 1_000_000_000L);
        return DATE.format(i) + "T" + HMS.format(i) + String.format(".%09dZ", ts % 1_000_000_000L);
    }

    static Users.User user(Evt e, long uid) { return e.st.users.user(uid); }

    static LongMap<FdInfo> fds(Evt e) { return e.thread == null ? null : tt(e).fdTable(e.thread); }

    static boolean isSyscall(Evt e) { return (e.info.category() & 512) != 0; }

    static EventSchema.Param param(Evt e, int i) { return i < e.info.params().length ? e.info.params()[i] : null; }

    static boolean isServer(FdInfo f) {
        return f.type == FdEntry.IPV4_SERVSOCK || f.type == FdEntry.IPV6_SERVSOCK || f.isRoleServer();
    }
}
