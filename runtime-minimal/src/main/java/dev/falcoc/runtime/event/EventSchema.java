package dev.falcoc.runtime.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The libs event table as the decoder needs it (generated resource {@code events.tsv}): per event
 * code its name, direction, category, flags and parameters with their wire types, print formats,
 * dirfd links and flag-name tables.
 */
public final class EventSchema {
    public static final int EF_CREATES_FD = 1, EF_DESTROYS_FD = 2, EF_USES_FD = 4, EF_READS_FROM_FD = 8,
            EF_WRITES_TO_FD = 16, EF_MODIFIES_STATE = 32, EF_UNUSED = 64, EF_WAITS = 128,
            EF_SKIPPARSERESET = 256, EF_OLD_VERSION = 512, EF_CONVERTER_MANAGED = 1024, EF_LARGE_PAYLOAD = 2048;

    /** Parameter wire types (libs PT_*), numbered by this enum's ordinal. */
    public enum PT {
        NONE, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, CHARBUF, BYTEBUF, ERRNO, SOCKADDR,
        SOCKTUPLE, FD, PID, FDLIST, FSPATH, SYSCALLID, SIGTYPE, RELTIME, ABSTIME, PORT, L4PROTO, SOCKFAMILY,
        BOOL, IPV4ADDR, DYN, FLAGS8, FLAGS16, FLAGS32, UID, GID, DOUBLE, SIGSET, CHARBUFARRAY,
        CHARBUF_PAIR_ARRAY, IPV4NET, IPV6ADDR, IPV6NET, IPADDR, IPNET, MODE, FSRELPATH, ENUMFLAGS8,
        ENUMFLAGS16, ENUMFLAGS32, FD32, PID32
    }

    public enum Fmt { NA, DEC, HEX, PADDED_DEC, ID, DIR, OCT }

    /** One parameter; {@code flagNames}/{@code flagValues} list the table in declaration order. */
    public record Param(String name, PT type, Fmt fmt, int dirfd, String[] flagNames, long[] flagValues) {}

    public record Event(int id, boolean enter, String name, int category, int flags, Param[] params) {
        public boolean has(int flag) { return (flags & flag) != 0; }
        public int nparams() { return params.length; }
    }

    private static volatile EventSchema instance;
    private final Event[] events;
    private final Map<String, Integer> paramIndexCache = new HashMap<>();

    private EventSchema(Event[] events) { this.events = events; }

    public static EventSchema get() {
        EventSchema s = instance;
        if (s == null) {
            synchronized (EventSchema.class) {
                if (instance == null) instance = load();
                s = instance;
            }
        }
        return s;
    }

    public int size() { return events.length; }

    public Event event(int code) { return code >= 0 && code < events.length ? events[code] : null; }

    /** Index of a named parameter of an event, -1 when it has none. */
    public int paramIndex(int code, String name) {
        Event e = event(code);
        if (e == null) return -1;
        Param[] ps = e.params();
        for (int i = 0; i < ps.length; i++) if (ps[i].name().equals(name)) return i;
        return -1;
    }

    private static EventSchema load() {
        String text;
        try (InputStream in = EventSchema.class.getResourceAsStream("/dev/falcoc/runtime/events.tsv")) {
            if (in == null) throw new IllegalStateException("missing resource events.tsv");
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Scanned by hand rather than with String.split: this runs cold at every start-up, on the thread
        // that opens the capture, and the split-based reader cost ~25 ms of its CPU. Most flag tables
        // (open flags, socket families...) repeat on many parameters; each distinct one is parsed once.
        Map<String, Param> flagTables = new HashMap<>();
        List<Event> list = new ArrayList<>();
        int n = text.length();
        for (int pos = 0; pos < n; ) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) eol = n;
            if (eol > pos && text.charAt(pos) != '#') list.add(event(text, pos, eol, flagTables));
            pos = eol + 1;
        }
        Event[] arr = new Event[list.size()];
        for (Event e : list) arr[e.id()] = e;
        return new EventSchema(arr);
    }

    /** One line: id, direction, name, category, flags, parameters (tab-separated). */
    private static Event event(String t, int from, int to, Map<String, Param> flagTables) {
        int t1 = t.indexOf('\t', from), t2 = t.indexOf('\t', t1 + 1), t3 = t.indexOf('\t', t2 + 1),
                t4 = t.indexOf('\t', t3 + 1), t5 = t.indexOf('\t', t4 + 1);
        int flags = 0;
        if (!t.startsWith("-", t4 + 1) || t5 != t4 + 2) {
            for (int s = t4 + 1; s < t5; ) {
                int c = t.indexOf(',', s);
                if (c < 0 || c > t5) c = t5;
                flags |= flag(t.substring(s, c));
                s = c + 1;
            }
        }
        List<Param> ps = new ArrayList<>();
        if (t5 + 2 != to || t.charAt(t5 + 1) != '-') {
            for (int s = t5 + 1; s < to; ) {
                int bar = t.indexOf('|', s);
                if (bar < 0 || bar > to) bar = to;
                ps.add(param(t, s, bar, flagTables));
                s = bar + 1;
            }
        }
        return new Event(Integer.parseInt(t, from, t1, 10), t.charAt(t1 + 1) == '>', t.substring(t2 + 1, t3),
                Integer.parseInt(t, t3 + 1, t4, 10), flags, ps.toArray(new Param[0]));
    }

    /** name:type:format:dirfd:NAME=value,... (the flag table may be empty). */
    private static Param param(String t, int from, int to, Map<String, Param> flagTables) {
        int c1 = t.indexOf(':', from), c2 = t.indexOf(':', c1 + 1), c3 = t.indexOf(':', c2 + 1), c4 = t.indexOf(':', c3 + 1);
        String name = t.substring(from, c1);
        PT type = PT.valueOf(t.substring(c1 + 1, c2));
        Fmt fmt = Fmt.valueOf(t.substring(c2 + 1, c3));
        int dirfd = Integer.parseInt(t, c3 + 1, c4, 10);
        String[] names = NO_NAMES;
        long[] values = NO_VALUES;
        if (c4 + 1 < to) {
            String table = t.substring(c4 + 1, to);
            Param shared = flagTables.get(table);
            if (shared == null) {
                // a name listed twice keeps its first position and its last value, as a LinkedHashMap put does
                Map<String, Long> vals = new LinkedHashMap<>();
                for (int s = 0; s < table.length(); ) {
                    int comma = table.indexOf(',', s);
                    if (comma < 0) comma = table.length();
                    int eq = table.lastIndexOf('=', comma - 1);
                    vals.put(table.substring(s, eq), Long.parseLong(table, eq + 1, comma, 10));
                    s = comma + 1;
                }
                String[] ns = vals.keySet().toArray(new String[0]);
                long[] vs = new long[ns.length];
                for (int i = 0; i < ns.length; i++) vs[i] = vals.get(ns[i]);
                shared = new Param("", PT.NONE, Fmt.NA, -1, ns, vs);
                flagTables.put(table, shared);
            }
            names = shared.flagNames();
            values = shared.flagValues();
        }
        return new Param(name, type, fmt, dirfd, names, values);
    }

    private static final String[] NO_NAMES = new String[0];
    private static final long[] NO_VALUES = new long[0];

    private static int flag(String f) {
        return switch (f) {
            case "CREATES_FD" -> EF_CREATES_FD;
            case "DESTROYS_FD" -> EF_DESTROYS_FD;
            case "USES_FD" -> EF_USES_FD;
            case "READS_FROM_FD" -> EF_READS_FROM_FD;
            case "WRITES_TO_FD" -> EF_WRITES_TO_FD;
            case "MODIFIES_STATE" -> EF_MODIFIES_STATE;
            case "UNUSED" -> EF_UNUSED;
            case "WAITS" -> EF_WAITS;
            case "SKIPPARSERESET" -> EF_SKIPPARSERESET;
            case "OLD_VERSION" -> EF_OLD_VERSION;
            case "CONVERTER_MANAGED" -> EF_CONVERTER_MANAGED;
            case "LARGE_PAYLOAD" -> EF_LARGE_PAYLOAD;
            default -> 0;
        };
    }

    /** Fixed byte size of a parameter type, or -1 for variable-length types. */
    public static int fixedSize(PT t) {
        return switch (t) {
            case INT8, UINT8, FLAGS8, ENUMFLAGS8, SIGTYPE, L4PROTO, SOCKFAMILY, BOOL -> 1;
            case INT16, UINT16, FLAGS16, ENUMFLAGS16, SYSCALLID, PORT -> 2;
            case INT32, UINT32, FLAGS32, ENUMFLAGS32, UID, GID, MODE, IPV4ADDR, FD32, PID32, SIGSET -> 4;
            case INT64, UINT64, ERRNO, FD, PID, RELTIME, ABSTIME, DOUBLE -> 8;
            case IPV6ADDR -> 16;
            default -> -1;
        };
    }
}
