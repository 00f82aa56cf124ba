package dev.falcoc.runtime.fields;

import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.compiler.schema.FieldType;
import dev.falcoc.runtime.event.EventSchema;
import dev.falcoc.runtime.event.Evt;
import dev.falcoc.runtime.scap.FdEntry;
import dev.falcoc.runtime.state.FdInfo;
import java.util.function.Function;

import static dev.falcoc.runtime.fields.SyscallFieldBinder.*;

/** The evt.* and syscall.* fields. */
final class EvtFields {
    private EvtFields() {}

    private static final long O_RDONLY = 1, O_WRONLY = 2, O_CREAT = 4, O_F_CREATED = 1 << 14;

    static Field field(String name, FieldResolver.Resolved r, FieldType t, String fmt) {
        return switch (name) {
            case "evt.num" -> f(t, fmt, e -> e.num);
            case "evt.time" -> f(t, fmt, e -> time(e.ts, true)).json(e -> e.ts);
            case "evt.time.s" -> f(t, fmt, e -> time(e.ts, false)).json(e -> e.ts);
            case "evt.time.iso8601" -> f(t, fmt, e -> iso(e.ts)).json(e -> e.ts);
            case "evt.datetime" -> f(t, fmt, e -> datetime(e.ts, true)).json(e -> e.ts);
            case "evt.datetime.s" -> f(t, fmt, e -> datetime(e.ts, false)).json(e -> e.ts);
            case "evt.rawtime" -> f(t, fmt, e -> e.ts);
            case "evt.rawtime.s" -> f(t, fmt, e -> e.ts / 1_000_000_000L);
            case "evt.rawtime.ns" -> f(t, fmt, e -> e.ts % 1_000_000_000L).json(e -> e.ts % 1_000_000_000L);
            case "evt.reltime" -> f(t, fmt, e -> e.ts - e.firstTs).json(e -> e.ts - e.firstTs);
            case "evt.reltime.s" -> f(t, fmt, e -> (e.ts - e.firstTs) / 1_000_000_000L);
            case "evt.reltime.ns" -> f(t, fmt, e -> (e.ts - e.firstTs) % 1_000_000_000L).json(e -> (e.ts - e.firstTs) % 1_000_000_000L);
            case "evt.outputtime" -> f(t, fmt, e -> time(e.ts, true)).json(e -> e.ts);
            case "evt.pluginname", "evt.plugininfo" -> f(t, fmt, e -> null);
            case "evt.source" -> f(t, fmt, e -> "syscall");
            case "evt.is_async" -> f(t, fmt, e -> (e.info.category() & 4096) != 0 && e.info.has(EventSchema.EF_SKIPPARSERESET) || e.info.name().equals("asyncevent"));
            case "evt.asynctype" -> f(t, fmt, e -> (e.info.category() & 4096) != 0 && e.info.has(EventSchema.EF_SKIPPARSERESET) ? e.info.name() : null);
            case "evt.hostname" -> f(t, fmt, e -> "");
            case "evt.latency" -> f(t, fmt, e -> latency(e));
            case "evt.latency.s" -> f(t, fmt, e -> { Long v = latency(e); return v == null ? null : v / 1_000_000_000L; });
            case "evt.latency.ns" -> f(t, fmt, e -> { Long v = latency(e); return v == null ? null : v % 1_000_000_000L; }).json(e -> { Long v = latency(e); return v == null ? null : v % 1_000_000_000L; });
            case "evt.latency.quantized" -> f(t, fmt, e -> { Long v = latency(e); return v == null || v == 0 ? null : (long) (Math.min(11, Math.log10(v)) * 20 / 11) + 1; });
            case "evt.latency.human" -> latencyHuman(t, fmt);
            case "evt.deltatime", "evt.deltatime.s" -> f(t, fmt, e -> 0L);
            case "evt.deltatime.ns" -> f(t, fmt, e -> 0L).json(e -> 0L);
            case "evt.dir" -> f(t, fmt, e -> e.info.enter() ? ">" : "<");
            case "evt.type" -> f(t, fmt, EvtFields::type);
            case "syscall.type" -> f(t, fmt, e -> isSyscall(e) ? type(e) : null);
            case "evt.category" -> f(t, fmt, EvtFields::category);
            case "evt.cpu" -> f(t, fmt, e -> (long) e.cpu);
            case "evt.args", "evt.info" -> f(t, fmt, ArgRender::args);
            case "evt.arg" -> arg(r, t, fmt);
            case "evt.rawarg" -> rawarg(r, t, fmt);
            case "evt.buffer" -> {
                // conditions compare the raw bytes; outputs render them through libsinsp's storage
                ParamIndex data = new ParamIndex("data");
                Field b = f(t, fmt, e -> {
                    int i = data.of(e);
                    return i < 0 || i >= e.nparams ? null : e.bytes(i);
                });
                java.util.function.Function<Evt, Object> shown = e -> {
                    int i = data.of(e);
                    if (i < 0 || i >= e.nparams) return null;
                    if (e.paramStr == null) return e.bytes(i);
                    if (e.plen(i) == 0) return e.paramStr.emptyBytebuf();
                    ArgRender.store(e, i);
                    return e.bytes(i);
                };
                yield b.json(e -> toJson(shown.apply(e), t, fmt)).text(e -> toText(shown.apply(e), t, fmt));
            }
            case "evt.buflen" -> f(t, fmt, e -> {
                if (e.fd == null || (e.info.category() & 32) == 0 || e.info.enter()) return null;
                long res = e.res();
                return res >= 0 ? res : null;
            });
            case "evt.res" -> f(t, fmt, e -> {
                if (!e.hasReturnValue()) return null;
                long res = e.res();
                if (res >= 0) return "SUCCESS";
                ArgRender.store(e, 0); // libsinsp renders parameter 0 for the errno name
                return Names.errno(-res);
            });
            case "evt.rawres" -> f(t, fmt, e -> e.hasReturnValue() ? e.res() : null);
            case "evt.failed" -> f(t, fmt, e -> e.hasReturnValue() ? e.res() < 0 : null);
            case "evt.is_io" -> f(t, fmt, e -> e.info.has(EventSchema.EF_READS_FROM_FD) || e.info.has(EventSchema.EF_WRITES_TO_FD));
            case "evt.is_io_read" -> f(t, fmt, e -> e.info.has(EventSchema.EF_READS_FROM_FD));
            case "evt.is_io_write" -> f(t, fmt, e -> e.info.has(EventSchema.EF_WRITES_TO_FD));
            case "evt.io_dir" -> f(t, fmt, e -> e.info.has(EventSchema.EF_READS_FROM_FD) ? "read" : e.info.has(EventSchema.EF_WRITES_TO_FD) ? "write" : null);
            case "evt.is_wait" -> f(t, fmt, e -> e.info.has(EventSchema.EF_WAITS));
            case "evt.wait_latency" -> f(t, fmt, e -> e.info.has(EventSchema.EF_WAITS) && !e.info.enter() && e.thread != null ? (Object) e.thread.latency : null);
            case "evt.is_syslog" -> f(t, fmt, e -> e.fd != null && e.info.has(EventSchema.EF_WRITES_TO_FD) && e.fd.name.contains("/dev/log"));
            case "evt.count" -> f(t, fmt, e -> 1L);
            case "evt.count.error" -> f(t, fmt, e -> e.hasReturnValue() ? (e.res() < 0 ? 1L : 0L) : null);
            case "evt.count.error.file" -> f(t, fmt, e -> {
                if (e.fd != null) return isFileFd(e.fd) ? errCount(e) : null;
                return isOpen(e) ? errCount(e) : null;
            });
            case "evt.count.error.net" -> f(t, fmt, e -> {
                if (e.fd != null) return isNetFd(e.fd) ? errCount(e) : null;
                return isAcceptConnect(e) ? errCount(e) : null;
            });
            case "evt.count.error.memory" -> f(t, fmt, e -> (e.info.category() & 0x1ff) == 5 ? errCount(e) : null);
            case "evt.count.error.other" -> f(t, fmt, e -> {
                if (e.fd != null) return !isFileFd(e.fd) && !isNetFd(e.fd) ? errCount(e) : null;
                return !(isOpen(e) || isAcceptConnect(e) || (e.info.category() & 0x1ff) == 5) ? errCount(e) : null;
            });
            case "evt.count.exit" -> f(t, fmt, e -> e.info.enter() ? null : 1L);
            case "evt.count.procinfo" -> f(t, fmt, e -> e.info.name().equals("procinfo") ? 1L : null);
            case "evt.count.threadinfo" -> f(t, fmt, e -> null);
            case "evt.abspath" -> f(t, fmt, e -> null);
            case "evt.is_open_read" -> f(t, fmt, e -> isOpen(e) && (openFlags(e) & O_RDONLY) != 0);
            case "evt.is_open_write" -> f(t, fmt, e -> isOpen(e) && (openFlags(e) & O_WRONLY) != 0);
            case "evt.is_open_exec" -> f(t, fmt, e -> isOpen(e) && (openFlags(e) & (1L << 17)) != 0);
            case "evt.is_open_create" -> f(t, fmt, e -> isOpen(e) && (openFlags(e) & O_F_CREATED) != 0);
            case "evt.type.is" -> f(t, fmt, e -> type(e).equals(r.arg()) ? 1L : 0L);
            case "evt.around" -> f(t, fmt, e -> null);
            default -> null;
        };
    }

    static Long errCount(Evt e) {
        if (!e.hasReturnValue()) return null;
        return e.res() < 0 ? 1L : 0L;
    }

    static boolean isFileFd(FdInfo f) {
        return f.type == FdEntry.FILE || f.type == FdEntry.FILE_V2 || f.type == FdEntry.DIRECTORY;
    }

    static boolean isNetFd(FdInfo f) {
        return f.type == FdEntry.IPV4_SOCK || f.type == FdEntry.IPV6_SOCK || f.type == FdEntry.IPV4_SERVSOCK
                || f.type == FdEntry.IPV6_SERVSOCK || f.type == FdEntry.UNIX_SOCK;
    }

    static boolean isAcceptConnect(Evt e) {
        String n = e.info.name();
        return !e.info.enter() && (n.equals("accept") || n.equals("accept4") || n.equals("connect"));
    }

    /** evt.category: I/O events take their category from the fd they use. */
    static String category(Evt e) {
        int c = e.info.category() & 0x1ff;
        if ((c & 32) == 0) return Names.category(c);
        FdInfo f = e.fd;
        if (f == null) return "unknown";
        return switch (f.type) {
            case FdEntry.FILE, FdEntry.FILE_V2, FdEntry.DIRECTORY -> "file";
            case FdEntry.IPV4_SOCK, FdEntry.IPV6_SOCK, FdEntry.IPV4_SERVSOCK, FdEntry.IPV6_SERVSOCK -> "net";
            case FdEntry.FIFO, FdEntry.UNIX_SOCK, FdEntry.EVENT, FdEntry.SIGNALFD, FdEntry.INOTIFY, FdEntry.USERFAULTFD -> "ipc";
            default -> "unknown";
        };
    }

    static Field countErr(FieldType t, String fmt, int cat) {
        return f(t, fmt, e -> {
            if (!e.hasReturnValue()) return null;
            int c = e.info.category() & 0x1ff;
            boolean match = cat < 0 ? c != 2 && c != 3 && c != 5 : c == cat;
            if (!match) return null;
            return e.res() < 0 ? 1L : 0L;
        });
    }

    static boolean isOpen(Evt e) {
        return switch (e.info.name()) {
            case "open", "openat", "openat2", "open_by_handle_at", "creat" -> !e.info.enter();
            default -> false;
        };
    }

    static long openFlags(Evt e) {
        int i = e.paramIndex("flags");
        long fl = i >= 0 ? e.num(i) : 0;
        if (e.info.name().equals("creat")) fl |= O_CREAT | O_WRONLY;
        return fl;
    }

    static String type(Evt e) {
        if (e.type <= 1) {
            int i = e.paramIndex("ID");
            String n = i >= 0 && e.has(i) ? Names.syscallName((int) e.num(i)) : "syscall";
            if (n.equals("<unknown>") || n.equals("unknown")) {
                // old captures number some syscalls differently: the native number still names them
                int k = e.paramIndex("nativeID");
                String nn = k >= 0 && e.has(k) ? Names.nativeName((int) e.num(k)) : null;
                if (nn != null) return nn;
            }
            return n;
        }
        return e.info.name();
    }

    /** The thread's latency (time since its last enter event); 0 without a thread, none for internal events. */
    static Long latency(Evt e) {
        if (e.thread == null || e.threadLookedUp) return 0L;
        if ((e.info.category() & 256) != 0) return null;
        return e.thread.latency;
    }

    /** libsinsp keeps the previous string when there is no thread; the first one is empty. */
    static Field latencyHuman(FieldType t, String fmt) {
        String[] last = {""};
        return f(t, fmt, e -> {
            if (e.thread == null || e.threadLookedUp) return last[0];
            if ((e.info.category() & 256) != 0) return null;
            last[0] = human(e.thread.latency);
            return last[0];
        });
    }

    /** libsinsp's format_time. */
    static String human(long val) {
        final long S = 1_000_000_000L;
        if (val >= 3600 * S) return String.format("%02d:%02d:%02d", val / (3600 * S), (val / (60 * S)) % 60, (val / S) % 60);
        if (val >= 60 * S) return String.format("%d:%d", val / (60 * S), (val / S) % 60);
        if (val >= S) return String.format("%d.%02ds", val / S, (val % S) / 10_000_000);
        if (val >= S / 100) return String.format("%dms", val / (S / 1000));
        if (val >= S / 1000) return String.format("%d.%02dms", val / (S / 1000), (val % 1_000_000) / 10_000);
        if (val >= S / 100000) return String.format("%dus", val / (S / 1_000_000));
        if (val >= S / 1000000) return String.format("%d.%02dus", val / (S / 1_000_000), (val % 1000) / 10);
        return val + "ns";
    }

    static Field arg(FieldResolver.Resolved r, FieldType t, String fmt) {
        String a = r.arg();
        if (r.text().startsWith("evt.arg[")) {
            int idx;
            try { idx = Integer.parseInt(a.strip()); } catch (NumberFormatException ex) { idx = -1; }
            final int i = idx;
            return f(t, fmt, e -> ArgRender.shown(e, i));
        }
        ParamIndex pi = new ParamIndex(a);
        return f(t, fmt, e -> ArgRender.shown(e, pi.of(e)));
    }

    /**
     * A named parameter's index per event code, looked up once per code (rules read evt.arg.flags,
     * evt.arg.path... on every event of their types). Entries are filled lazily; a race only
     * repeats the same lookup.
     */
    static final class ParamIndex {
        private final String name;
        private final int[] byCode;

        ParamIndex(String name) {
            this.name = name;
            byCode = new int[EventSchema.get().size()];
            java.util.Arrays.fill(byCode, Integer.MIN_VALUE);
        }

        int of(Evt e) {
            int c = e.type;
            if (c < 0 || c >= byCode.length) return e.paramIndex(name);
            int i = byCode[c];
            if (i == Integer.MIN_VALUE) byCode[c] = i = e.paramIndex(name);
            return i;
        }
    }

    static Field rawarg(FieldResolver.Resolved r, FieldType t, String fmt) {
        ParamIndex pi = new ParamIndex(r.arg());
        Function<Evt, Object> get = e -> {
            int i = pi.of(e);
            if (i < 0 || i >= e.nparams || !e.has(i)) return null;
            return switch (e.ptype(i)) {
                case CHARBUF, FSPATH, FSRELPATH -> e.str(i);
                case BYTEBUF -> e.bytes(i);
                case SOCKTUPLE, SOCKADDR -> ArgRender.param(e, i, true);
                default -> e.num(i);
            };
        };
        // numbers print with the event's own parameter type and format (RawArgText)
        return f(t, fmt, get)
                .text(e -> {
                    Object v = get.apply(e);
                    Object s = v instanceof Long n ? RawArgText.text(n, e.ptype(pi.of(e)), param(e, pi.of(e)).fmt()) : RawArgText.OTHER;
                    return s == RawArgText.OTHER ? toText(v, t, fmt) : s == null ? "<NA>" : (String) s;
                })
                .json(e -> {
                    Object v = get.apply(e);
                    Object j = v instanceof Long n ? RawArgText.json(n, e.ptype(pi.of(e)), param(e, pi.of(e)).fmt()) : RawArgText.OTHER;
                    return j == RawArgText.OTHER ? toJson(v, t, fmt) : j;
                });
    }

    static boolean unused(FdInfo f) { return f == null; }
}
