package dev.falcoc.runtime.fields;

import dev.falcoc.runtime.event.EventSchema;
import dev.falcoc.runtime.event.Evt;
import dev.falcoc.runtime.event.ParamStrings;
import dev.falcoc.runtime.scap.Bytes;
import dev.falcoc.runtime.state.FdInfo;
import dev.falcoc.runtime.state.Sockets;
import dev.falcoc.runtime.state.ThreadInfo;

/** Renders event parameters as evt.args / evt.arg show them. */
final class ArgRender {
    private ArgRender() {}

    /** evt.args: "name=value ..." over every parameter. */
    static String args(Evt e) {
        if (e.type <= 1) return ""; // generic syscall events show no arguments
        StringBuilder b = new StringBuilder();
        EventSchema.Param[] ps = e.info.params();
        int n = Math.min(e.nparams, ps.length);
        for (int i = 0; i < n; i++) {
            if (i > 0) b.append(' ');
            b.append(ps[i].name()).append('=').append(param(e, i, false));
            store(e, i);
        }
        return b.toString();
    }

    /** One parameter; {@code simple} is evt.arg[N]'s form (resolved part only for fds and flags). */
    static String param(Evt e, int i, boolean simple) {
        EventSchema.Param p = i < e.info.params().length ? e.info.params()[i] : null;
        if (p == null) return "<NA>";
        int len = e.plen(i);
        EventSchema.PT t = p.type();
        if (len == 0) {
            return switch (t) {
                case BYTEBUF, SOCKTUPLE, FDLIST, CHARBUFARRAY, CHARBUF_PAIR_ARRAY, DYN -> "NULL";
                default -> "<NA>";
            };
        }
        byte[] buf = e.buf;
        int o = e.poff(i);
        switch (t) {
            case CHARBUF -> { return e.str(buf, o, len); }
            case FSPATH, FSRELPATH -> {
                String s = e.str(buf, o, len);
                if (e.thread == null || s.equals("<NA>") || s.isEmpty() || s.startsWith("/")) return s;
                String base = baseDir(e, p);
                if (base == null) return s;
                String r = dev.falcoc.runtime.state.Parser.concatPaths(base, s);
                return simple ? r : s + "(" + r + ")";
            }
            case BYTEBUF -> {
                StringBuilder s = new StringBuilder(len);
                for (int k = 0; k < len; k++) {
                    int c = buf[o + k] & 0xff;
                    s.append(c >= 32 && c < 127 ? (char) c : '.');
                }
                return s.toString();
            }
            case FD, FD32 -> {
                long fd = e.num(i);
                if (fd < 0 && e.thread != null) {
                    String r = fd == -100 ? "AT_FDCWD" : Names.errno(-fd);
                    return simple ? r : fd + "(" + r + ")";
                }
                FdInfo f = fd >= 0 && e.thread != null ? e.st.threads.fd(e.thread, fd) : null;
                if (f == null) return Long.toString(fd);
                String tag = "<" + f.typeChar() + l4char(f) + ">" + f.name;
                return simple ? tag : fd + "(" + tag + ")";
            }
            case PID, PID32 -> {
                long pid = e.num(i);
                ThreadInfo t2 = e.st.threads.find(pid);
                if (t2 == null) return Long.toString(pid);
                return simple ? t2.comm : pid + "(" + t2.comm + ")";
            }
            case ERRNO -> {
                long v = e.num(i);
                if (v < 0) return simple ? Names.errno(-v) : v + "(" + Names.errno(-v) + ")";
                return Long.toString(v);
            }
            case SOCKTUPLE -> { return Sockets.tupleText(buf, o, len); }
            case SOCKADDR -> { return Sockets.addrText(buf, o, len); }
            case FLAGS8, FLAGS16, FLAGS32, ENUMFLAGS8, ENUMFLAGS16, ENUMFLAGS32, MODE -> {
                long v = e.num(i);
                String names = flagNames(p, v, t == EventSchema.PT.ENUMFLAGS8 || t == EventSchema.PT.ENUMFLAGS16 || t == EventSchema.PT.ENUMFLAGS32);
                // flag values print in decimal (modes in octal), whatever the table's format says
                String num = t == EventSchema.PT.MODE ? number(v, EventSchema.Fmt.OCT) : Long.toString(v);
                if (simple) return names.isEmpty() ? num : names;
                return names.isEmpty() ? num : num + "(" + names + ")";
            }
            case SYSCALLID -> {
                long v = e.num(i);
                return simple ? Names.syscallName((int) v) : v + "(" + Names.syscallName((int) v) + ")";
            }
            case SIGTYPE -> {
                long v = e.num(i);
                String sig = Names.signal((int) v);
                if (sig == null) return Long.toString(v);
                return simple ? sig : v + "(" + sig + ")";
            }
            case RELTIME -> {
                long v = e.num(i);
                if (v == -1) return "none";
                String r = Names.cG(v / 1e9) + "s";
                return simple ? r : Long.toUnsignedString(v) + "(" + r + ")";
            }
            case FDLIST -> {
                if (e.thread == null || len < 2) return "";
                int n = Bytes.u16(buf, o);
                StringBuilder s = new StringBuilder();
                for (int k = 0; k < n && 2 + k * 10 + 10 <= len; k++) {
                    long fd = Bytes.i64(buf, o + 2 + k * 10);
                    int fl = Bytes.i16(buf, o + 10 + k * 10);
                    FdInfo f = e.st.threads.fd(e.thread, fd);
                    if (k > 0) s.append(' ');
                    s.append(Long.toUnsignedString(fd)).append(':').append(f == null ? '?' : f.typeChar()).append(Integer.toHexString(fl));
                }
                return s.toString();
            }
            case UID, GID -> {
                long v = e.num(i);
                if (v == 0xffffffffL) return simple ? "<NONE>" : "-1(<NONE>)";
                String name = "<NA>";
                if (e.thread != null) {
                    if (t == EventSchema.PT.UID) { var u = e.st.users.user(v); if (u != null) name = u.name(); }
                    else { var g = e.st.users.group(v); if (g != null) name = g.name(); }
                }
                return simple ? name : v + "(" + name + ")";
            }
            case INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, ABSTIME, PORT -> {
                return number(e.num(i), p.fmt());
            }
            default -> { return "<NA>"; }
        }
    }

    /** Parameter i as evt.arg shows it (null when the event has no such parameter), rendered through the storage model. */
    static Object shown(Evt e, int i) {
        if (i < 0 || i >= e.nparams) return null;
        store(e, i);
        return param(e, i, true);
    }

    /**
     * What libsinsp's get_param_as_str leaves in its shared storage for parameter {@code i}, written
     * to the model when it is kept (see {@link ParamStrings}): the unresolved part of the rendering
     * (the number of an fd, pid, errno, flags or uid; the path as given), the resolved part going to
     * another buffer. Called wherever Falco renders a parameter: evt.args, evt.arg, evt.buffer...
     */
    static void store(Evt e, int i) {
        ParamStrings ps = e.paramStr;
        if (ps == null) return;
        EventSchema.Param p = i < e.info.params().length ? e.info.params()[i] : null;
        if (p == null) return;
        int len = e.plen(i);
        EventSchema.PT t = p.type();
        if (len == 0) {
            ps.write(param(e, i, false)); // "NULL" or "<NA>"; a data buffer's length stays the previous one
            return;
        }
        long v = e.num(i);
        switch (t) {
            case BYTEBUF -> {
                byte[] r = new byte[len];
                for (int k = 0; k < len; k++) {
                    int c = e.buf[e.poff(i) + k] & 0xff;
                    r[k] = (byte) (c >= 32 && c < 127 ? c : '.');
                }
                ps.bytebuf(r);
            }
            case FSPATH, FSRELPATH -> ps.write(Bytes.cstr(e.buf, e.poff(i), len));
            case FD, FD32, PID, PID32, ERRNO, FLAGS8, FLAGS16, FLAGS32, ENUMFLAGS8, ENUMFLAGS16, ENUMFLAGS32, SYSCALLID, SIGTYPE ->
                    ps.write(Long.toString(v));
            case MODE -> ps.write(number(v, EventSchema.Fmt.OCT));
            case RELTIME -> ps.write(v == -1 ? "none" : Long.toUnsignedString(v));
            case UID, GID -> ps.write(v == 0xffffffffL ? "-1" : Integer.toString((int) v));
            case FDLIST -> {
                if (e.thread == null) return; // libsinsp writes nothing without a thread
                String s = param(e, i, false);
                // each entry is printed with its separator, the last one being a NUL: two NULs end the list
                ps.write(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), s.isEmpty() ? 1 : 2);
            }
            default -> ps.write(param(e, i, false));
        }
    }

    /** Directory a relative path parameter is resolved against: the cwd, or its dirfd's path. */
    static String baseDir(Evt e, EventSchema.Param p) {
        String cwd = e.st.threads.cwd(e.thread);
        if (p.type() != EventSchema.PT.FSRELPATH || p.dirfd() < 0 || p.dirfd() >= e.nparams) return cwd;
        if (e.ptype(p.dirfd()) != EventSchema.PT.FD) return cwd;
        long dirfd = e.num(p.dirfd());
        if (dirfd == -100) return cwd;
        FdInfo f = e.st.threads.fd(e.thread, dirfd);
        if (f == null || f.name.isEmpty()) return null;
        return f.name + "/";
    }

    static String number(long v, EventSchema.Fmt fmt) {
        return switch (fmt) {
            case HEX -> Long.toHexString(v).toUpperCase();
            case OCT -> v == 0 ? "0" : "0" + Long.toOctalString(v);
            default -> Long.toString(v);
        };
    }

    static String flagNames(EventSchema.Param p, long v, boolean enumeration) {
        // evt.arg.flags is read on every open: a parameter's few values keep their names
        int h = System.identityHashCode(p) * 31 + Long.hashCode(v) + (enumeration ? 1 : 0);
        h ^= h >>> 16;
        int slot = h & (FLAG_TEXTS.length - 1);
        FlagText c = FLAG_TEXTS[slot];
        if (c != null && c.param == p && c.value == v && c.enumeration == enumeration) return c.names;
        String r = flagNamesOf(p, v, enumeration);
        FLAG_TEXTS[slot] = new FlagText(p, v, enumeration, r);
        return r;
    }

    /** Immutable, so threads sharing the table see whole entries or none. */
    private record FlagText(EventSchema.Param param, long value, boolean enumeration, String names) {}

    private static final FlagText[] FLAG_TEXTS = new FlagText[256];

    static String flagNamesOf(EventSchema.Param p, long v, boolean enumeration) {
        String[] names = p.flagNames();
        long[] vals = p.flagValues();
        if (names.length == 0) return "";
        StringBuilder b = new StringBuilder();
        if (enumeration) {
            for (int k = 0; k < names.length; k++) {
                if (vals[k] == v) {
                    if (!b.isEmpty()) b.append('|');
                    b.append(names[k]);
                }
            }
            return b.toString();
        }
        long rest = v;
        for (int k = 0; k < names.length; k++) {
            long fv = vals[k];
            if (fv != 0 && (rest & fv) == fv) {
                if (!b.isEmpty()) b.append('|');
                b.append(names[k]);
                rest &= ~fv;
            }
        }
        if (b.isEmpty() && v == 0) {
            for (int k = 0; k < names.length; k++) if (vals[k] == 0) return names[k];
        }
        return b.toString();
    }

    static String l4char(FdInfo f) {
        if (!f.isIpSocket()) return "";
        return switch (f.effectiveL4()) {
            case FdInfo.L4_TCP -> "t";
            case FdInfo.L4_UDP -> "u";
            case FdInfo.L4_ICMP -> "i";
            case FdInfo.L4_RAW -> "r";
            default -> "";
        };
    }
}
