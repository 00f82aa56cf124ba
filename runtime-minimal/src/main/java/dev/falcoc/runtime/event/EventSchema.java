package dev.falcoc.runtime.event;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
        List<Event> list = new ArrayList<>();
        try (InputStream in = EventSchema.class.getResourceAsStream("/dev/falcoc/runtime/events.tsv")) {
            if (in == null) throw new IllegalStateException("missing resource events.tsv");
            BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = br.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] r = line.split("\t", -1);
                int flags = 0;
                if (!r[4].equals("-")) for (String f : r[4].split(",")) flags |= flag(f);
                List<Param> ps = new ArrayList<>();
                if (!r[5].equals("-")) {
                    for (String p : r[5].split("\\|")) {
                        String[] f = p.split(":", 5);
                        Map<String, Long> vals = new LinkedHashMap<>();
                        if (!f[4].isEmpty()) for (String kv : f[4].split(",")) {
                            int eq = kv.lastIndexOf('=');
                            vals.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
                        }
                        String[] names = vals.keySet().toArray(new String[0]);
                        long[] values = new long[names.length];
                        for (int i = 0; i < names.length; i++) values[i] = vals.get(names[i]);
                        ps.add(new Param(f[0], PT.valueOf(f[1]), Fmt.valueOf(f[2]), Integer.parseInt(f[3]), names, values));
                    }
                }
                list.add(new Event(Integer.parseInt(r[0]), r[1].equals(">"), r[2], Integer.parseInt(r[3]), flags, ps.toArray(new Param[0])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Event[] arr = new Event[list.size()];
        for (Event e : list) arr[e.id()] = e;
        return new EventSchema(arr);
    }

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
