package dev.falcoc.runtime.fields;

import dev.falcoc.compiler.ir.Candidates;
import dev.falcoc.compiler.ir.IpAddr;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.compiler.schema.FieldType;
import dev.falcoc.runtime.event.Evt;
import dev.falcoc.runtime.scap.FdEntry;
import dev.falcoc.runtime.state.FdInfo;
import dev.falcoc.runtime.state.LongMap;
import dev.falcoc.runtime.state.Sockets;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static dev.falcoc.runtime.fields.SyscallFieldBinder.*;

/** The fd.*, fs.path.* and fdlist.* fields. */
final class FdFields {
    private FdFields() {}

    static Field field(String name, FieldResolver.Resolved r, FieldType t, String fmt) {
        return switch (name) {
            case "fd.num" -> f(t, fmt, e -> hasFd(e) ? (Object) e.thread.lastEventFd : null);
            case "fd.type" -> fd(t, fmt, FdInfo::typeName);
            case "fd.typechar" -> f(t, fmt, e -> {
                if (!hasFd(e)) return null;
                FdInfo x = fdOf(e);
                return charString(x != null ? x.typeChar() : typeCharOf(e));
            });
            case "fd.name" -> f(t, fmt, FdFields::name);
            case "fd.nameraw" -> f(t, fmt, e -> {
                if (!hasFd(e)) return null;
                FdInfo x = fdOf(e);
                if (x != null) return x.nameRaw;
                String n = e.info.name();
                if ((n.equals("openat") || n.equals("openat2")) && !e.info.enter()) return e.has(2) ? e.str(2) : null;
                return e.info.enter() ? null : name(e);
            });
            case "fd.directory" -> f(t, fmt, FdFields::directory);
            case "fd.filename" -> fd(t, fmt, FdFields::filename);
            case "fd.cip" -> ip(t, fmt, x -> x.sip, true);
            case "fd.sip" -> ip(t, fmt, x -> x.type == FdEntry.IPV4_SERVSOCK || x.type == FdEntry.IPV6_SERVSOCK ? x.sip : x.dip, false);
            case "fd.lip" -> local(t, fmt, true, false, false);
            case "fd.rip" -> local(t, fmt, false, false, false);
            case "fd.ip" -> f(t, fmt, e -> endpoints(e, x -> x.sip == null ? null : new IpAddr(x.sip), x -> x.dip == null ? null : new IpAddr(x.dip)));
            case "fd.cport" -> port(t, fmt, x -> x.sport, true);
            case "fd.sport" -> port(t, fmt, x -> x.type == FdEntry.IPV4_SERVSOCK || x.type == FdEntry.IPV6_SERVSOCK ? x.sport : x.dport, false);
            case "fd.lport" -> local(t, fmt, true, true, false);
            case "fd.rport" -> local(t, fmt, false, true, false);
            case "fd.port" -> f(t, fmt, e -> endpoints(e, x -> (long) x.sport, x -> (long) x.dport));
            case "fd.cproto" -> f(t, fmt, FdFields::clientProto);
            case "fd.sproto" -> f(t, fmt, FdFields::serverProto);
            case "fd.lproto" -> local(t, fmt, true, true, true);
            case "fd.rproto" -> local(t, fmt, false, true, true);
            case "fd.proto" -> f(t, fmt, e -> e.fd == null || !e.fd.isIpSocket() ? null : (Object) l4(e.fd));
            case "fd.l4proto" -> fd(t, fmt, FdFields::l4);
            case "fd.sockfamily" -> fd(t, fmt, x -> x.isIpSocket() ? "ip" : x.type == FdEntry.UNIX_SOCK ? "unix" : null);
            case "fd.is_server" -> f(t, fmt, e -> {
                FdInfo x = e.fd;
                if (x == null) return null;
                if (x.type == FdEntry.IPV4_SERVSOCK || x.type == FdEntry.IPV6_SERVSOCK) return true;
                if (x.type == FdEntry.IPV4_SOCK) return isLocal(e, x.dip);
                if (x.type == FdEntry.IPV6_SOCK) return x.dip == null || dev.falcoc.runtime.state.Parser.isZero(x.dip) || isLocal(e, x.dip);
                return false;
            });
            case "fd.uid" -> f(t, fmt, e -> hasFd(e) ? Long.toString(e.thread.tid) + e.thread.lastEventFd : null);
            case "fd.containername" -> f(t, fmt, e -> { String n = name(e); return n == null ? null : ContainerFields.shortId(e) + ":" + n; });
            case "fd.containerdirectory" -> f(t, fmt, e -> { String d = directory(e); return d == null ? null : ContainerFields.shortId(e) + ":" + d; });
            case "fd.connected" -> fd(t, fmt, x -> (x.flags & FdInfo.FLAG_SOCKET_CONNECTED) != 0);
            case "fd.name_changed" -> f(t, fmt, e -> e.fd == null ? null : e.fdNameChanged);
            case "fd.cip.name", "fd.sip.name", "fd.lip.name", "fd.rip.name" -> f(t, fmt, e -> null);
            case "fd.dev" -> fd(t, fmt, x -> x.dev);
            // the driver stores devices in the kernel's new_encode_dev layout
            case "fd.dev.major" -> fd(t, fmt, x -> (x.dev & 0xfff00) >> 8);
            case "fd.dev.minor" -> fd(t, fmt, x -> (x.dev & 0xff) | ((x.dev >> 12) & 0xfff00));
            case "fd.ino" -> fd(t, fmt, x -> x.ino);
            case "fd.types" -> {
                // fd.types[N]: the type of the thread's fd N only (libsinsp looks that fd up instead of the event's)
                int n = index(r.arg());
                yield n < 0 ? f(t, fmt, FdFields::types) : f(t, fmt, e -> {
                    LongMap<FdInfo> m = fds(e);
                    FdInfo x = m == null || !hasFd(e) ? null : m.get(n);
                    return x == null ? null : List.of(x.typeName());
                });
            }
            case "fd.is_upper_layer" -> fd(t, fmt, x -> (x.openFlags & (1L << 15)) != 0);
            case "fd.is_lower_layer" -> fd(t, fmt, x -> (x.openFlags & (1L << 16)) != 0);
            case "fd.net", "fd.cnet", "fd.snet", "fd.lnet", "fd.rnet" -> net(name, t, fmt);
            case "fs.path.name" -> path(t, fmt, false);
            case "fs.path.nameraw" -> path(t, fmt, true);
            case "fs.path.source", "fs.path.sourceraw", "fs.path.target", "fs.path.targetraw" -> f(t, fmt, e -> null);
            case "fdlist.nums", "fdlist.names", "fdlist.cips", "fdlist.sips", "fdlist.cports", "fdlist.sports" -> f(t, fmt, e -> fdlist(e, name));
            case "util.cnt" -> counter(t, fmt);
            default -> null;
        };
    }

    static Field fd(FieldType t, String fmt, Function<FdInfo, Object> g) {
        return f(t, fmt, e -> {
            FdInfo x = fdOf(e);
            return x == null ? null : g.apply(x);
        });
    }

    /** libsinsp extract_fd: only events that create, use or destroy an fd, with a thread. */
    static boolean hasFd(Evt e) {
        return e.thread != null && (e.info.flags() & (dev.falcoc.runtime.event.EventSchema.EF_CREATES_FD
                | dev.falcoc.runtime.event.EventSchema.EF_USES_FD | dev.falcoc.runtime.event.EventSchema.EF_DESTROYS_FD)) != 0;
    }

    static FdInfo fdOf(Evt e) {
        if (!hasFd(e)) return null;
        if (e.fd != null) return e.fd;
        return e.thread.lastEventFd != -1 ? tt(e).fd(e.thread, e.thread.lastEventFd) : null;
    }

    /** fd.name: the fd's name, or for a failed open/connect/accept the name the event carries. */
    static String name(Evt e) {
        if (!hasFd(e)) return null;
        FdInfo x = fdOf(e);
        if (x != null) return saneName(x);
        if (e.info.enter()) return null;
        switch (e.info.name()) {
            case "open", "creat", "accept", "accept4", "connect" -> {
                if (e.nparams <= 1) return "";
                ArgRender.store(e, 1);
                return ArgRender.param(e, 1, true);
            }
            case "openat", "openat2" -> {
                if (!e.has(2) || !e.has(1)) return null;
                String n = e.str(2);
                String dir = dirfd(e, n, e.num(1));
                return sanitized(dev.falcoc.runtime.state.Parser.concatPaths(dir.equals(".") ? "" : dir, n));
            }
            case "open_by_handle_at" -> { return e.str(3); }
            default -> { return ""; }
        }
    }

    static String dirfd(Evt e, String name, long dirfd) {
        if (!name.isEmpty() && name.charAt(0) == '/') return ".";
        if (dirfd == -100) return tt(e).cwd(e.thread);
        FdInfo f = tt(e).fd(e.thread, dirfd);
        if (f == null) return "<UNKNOWN>";
        return f.name.isEmpty() || f.name.endsWith("/") ? f.name : f.name + "/";
    }

    static char typeCharOf(Evt e) {
        return switch (e.info.name()) {
            case "openat", "openat2", "creat" -> 'f';
            case "socket", "accept", "accept4" -> '4';
            case "pipe", "pipe2" -> 'p';
            case "eventfd", "eventfd2" -> 'e';
            case "signalfd", "signalfd4" -> 's';
            case "timerfd_create" -> 't';
            case "inotify_init", "inotify_init1" -> 'i';
            default -> 'o';
        };
    }

    static String directory(Evt e) {
        if (!hasFd(e)) return null;
        FdInfo x = fdOf(e);
        String n;
        if (x == null) {
            n = name(e);
            if (n == null) return null;
        } else if (!isFile(x)) {
            return null;
        } else n = saneName(x);
        if (x == null || x.type != FdEntry.DIRECTORY) n = parent(n);
        return n;
    }

    /** A path's directory as fd.directory gives it (a trailing slash keeps the whole path). */
    static String parent(String n) {
        // rules read fd.directory on every open: the few distinct paths keep their directory
        int h = n.hashCode();
        h ^= h >>> 16;
        int slot = h & (PARENTS.length - 1);
        Parent c = PARENTS[slot];
        if (c != null && (c.path == n || c.path.equals(n))) return c.dir;
        String d;
        int pos = n.lastIndexOf('/');
        if (pos > 0) d = pos < n.length() - 1 ? n.substring(0, pos) : n;
        else d = "/";
        PARENTS[slot] = new Parent(n, d);
        return d;
    }

    /** Immutable, so threads sharing the table see whole entries or none. */
    private record Parent(String path, String dir) {}

    private static final Parent[] PARENTS = new Parent[512];

    private static final String[] ASCII = new String[128];

    static {
        for (char c = 0; c < 128; c++) ASCII[c] = String.valueOf(c);
    }

    /** One-character strings of ASCII characters are shared (fd.typechar is read for every open event). */
    static String charString(char c) {
        return c < 128 ? ASCII[c] : String.valueOf(c);
    }

    static boolean isFile(FdInfo x) {
        return x.type == FdEntry.FILE || x.type == FdEntry.FILE_V2 || x.type == FdEntry.DIRECTORY;
    }

    static String filename(FdInfo x) {
        if (x.type != FdEntry.FILE && x.type != FdEntry.FILE_V2) return null;
        String n = saneName(x);
        int i = n.lastIndexOf('/');
        if (i < 0) return "/";
        return i < n.length() - 1 ? n.substring(i + 1) : n;
    }

    /**
     * {@link #sanitized} of the fd's name, kept on the fd until its name changes: rules read fd.name,
     * fd.directory and fd.filename of the same fd on many events, and the scan is per character.
     */
    static String saneName(FdInfo x) {
        String n = x.name;
        if (n != x.saneOf) {
            x.saneName = sanitized(n);
            x.saneOf = n;
        }
        return x.saneName;
    }

    /**
     * libsinsp sanitize_string: fd names are extracted without control characters (a unix socket
     * path read from /proc/net/unix can end in a newline).
     */
    static String sanitized(String s) {
        int i = 0, n = s.length();
        while (i < n && !isControl(s.charAt(i))) i++;
        if (i == n) return s;
        StringBuilder b = new StringBuilder(n).append(s, 0, i);
        for (; i < n; i++) if (!isControl(s.charAt(i))) b.append(s.charAt(i));
        return b.toString();
    }

    private static boolean isControl(char c) { return c < 0x20 || c == 0x7f; }

    static String l4(FdInfo x) {
        if (!x.isIpSocket()) return "<NA>";
        return switch (x.effectiveL4()) {
            case FdInfo.L4_TCP -> "tcp";
            case FdInfo.L4_UDP -> "udp";
            case FdInfo.L4_ICMP -> "icmp";
            case FdInfo.L4_RAW -> "raw";
            default -> "<NA>";
        };
    }

    /** An IP endpoint field; {@code clientSide} ones have no value on server sockets. */
    static Field ip(FieldType t, String fmt, Function<FdInfo, byte[]> g, boolean clientSide) {
        return f(t, fmt, e -> {
            FdInfo x = e.fd;
            if (x == null || !x.isIpSocket()) return null;
            boolean serv = x.type == FdEntry.IPV4_SERVSOCK || x.type == FdEntry.IPV6_SERVSOCK;
            // libsinsp: no address without a role (listening sockets from the capture's fd list have none)
            if (serv && clientSide || x.isRoleNone()) return null;
            byte[] a = g.apply(x);
            return a == null ? null : new IpAddr(a);
        });
    }

    /** Whether an address is one of the capture machine's interface addresses. */
    static boolean isLocal(Evt e, byte[] ip) {
        if (ip == null) return false;
        for (byte[][] i : e.st.ifaces) if (java.util.Arrays.equals(i[0], ip)) return true;
        return false;
    }

    /** fd.lip/rip/lport/rport: "local" is the endpoint on one of our interfaces (the client side when it is). */
    static Field local(FieldType t, String fmt, boolean wantLocal, boolean port, boolean proto) {
        return f(t, fmt, e -> {
            FdInfo x = e.fd;
            if (x == null || (x.type != FdEntry.IPV4_SOCK && x.type != FdEntry.IPV6_SOCK) || x.isRoleNone()) return null;
            boolean clientLocal = isLocal(e, x.sip);
            boolean useClient = wantLocal == clientLocal;
            if (proto) return Integer.toString(useClient ? x.sport : x.dport);
            if (port) return (long) (useClient ? x.sport : x.dport);
            byte[] a = useClient ? x.sip : x.dip;
            return a == null ? null : new IpAddr(a);
        });
    }

    static Field port(FieldType t, String fmt, Function<FdInfo, Integer> g, boolean clientSide) {
        return f(t, fmt, e -> {
            FdInfo x = e.fd;
            if (x == null || !x.isIpSocket()) return null;
            boolean serv = x.type == FdEntry.IPV4_SERVSOCK || x.type == FdEntry.IPV6_SERVSOCK;
            if (serv && clientSide || !serv && x.isRoleNone()) return null;
            return (long) g.apply(x);
        });
    }

    /** fd.cproto (libsinsp): any fd with a role has one, but only connected IP sockets a port (others ""). */
    static Object clientProto(Evt e) {
        FdInfo x = e.fd;
        if (x == null || x.isRoleNone()) return null;
        return x.type == FdEntry.IPV4_SOCK || x.type == FdEntry.IPV6_SOCK ? Integer.toString(x.sport) : "";
    }

    /** fd.sproto (libsinsp): the server port of a connected IP socket; "" for a listening one. */
    static Object serverProto(Evt e) {
        FdInfo x = e.fd;
        if (x == null) return null;
        if (x.type == FdEntry.IPV4_SERVSOCK || x.type == FdEntry.IPV6_SERVSOCK) return "";
        if (x.type != FdEntry.IPV4_SOCK && x.type != FdEntry.IPV6_SOCK || x.isRoleNone()) return null;
        return Integer.toString(x.dport);
    }

    /** fd.ip / fd.port: either endpoint, with Falco's matching rule. */
    static Object endpoints(Evt e, Function<FdInfo, Object> a, Function<FdInfo, Object> b) {
        FdInfo x = e.fd;
        if (x == null || !x.isIpSocket()) return null;
        List<Object> vals = new ArrayList<>(2);
        Object va = a.apply(x);
        if (va != null) vals.add(va);
        if (x.type != FdEntry.IPV4_SERVSOCK && x.type != FdEntry.IPV6_SERVSOCK) {
            Object vb = b.apply(x);
            if (vb != null) vals.add(vb);
        }
        return new Candidates(vals, Candidates.Kind.ENDPOINTS);
    }

    static Field net(String name, FieldType t, String fmt) {
        return switch (name) {
            case "fd.net" -> f(t, fmt, e -> endpoints(e, x -> x.sip == null ? null : new IpAddr(x.sip), x -> x.dip == null ? null : new IpAddr(x.dip)));
            case "fd.cnet" -> ip(t, fmt, x -> x.sip, true);
            case "fd.snet" -> ip(t, fmt, x -> x.type == FdEntry.IPV4_SERVSOCK || x.type == FdEntry.IPV6_SERVSOCK ? x.sip : x.dip, false);
            // libsinsp reads fd.lnet/fd.rnet like fd.lip/fd.rip
            case "fd.lnet" -> local(t, fmt, true, false, false);
            default -> local(t, fmt, false, false, false);
        };
    }

    /** Distinct types of the process' open fds, first seen first in libsinsp's table order. */
    static Object types(Evt e) {
        LongMap<FdInfo> m = fds(e);
        if (m == null || !hasFd(e)) return null;
        Set<String> s = new LinkedHashSet<>();
        long[] order = m.iterationOrder();
        if (order != null) for (long fd : order) s.add(m.get(fd).typeName());
        else m.forEach((k, v) -> s.add(v.typeName()));
        return s.isEmpty() ? null : new ArrayList<>(s);
    }

    static Field path(FieldType t, String fmt, boolean raw) {
        return f(t, fmt, e -> {
            if (!EvtFields.isOpen(e) || e.thread == null) return null;
            FdInfo x = fdOf(e);
            if (x != null && e.res() >= 0) return raw ? x.nameRaw : x.name;
            // a failed open still names its path
            if (raw) {
                String n = e.info.name();
                int i = n.equals("openat") || n.equals("openat2") ? 2 : n.equals("open_by_handle_at") ? 3 : 1;
                return e.has(i) ? e.str(i) : null;
            }
            return name(e);
        });
    }

    /** fdlist.*: comma-separated values over the fds of a poll/ppoll event. */
    static String fdlist(Evt e, String name) {
        String n = e.info.name();
        if (e.info.enter() || !(n.equals("poll") || n.equals("ppoll")) || e.thread == null || !e.has(1)) return null;
        int o = e.poff(1), len = e.plen(1);
        int cnt = dev.falcoc.runtime.scap.Bytes.u16(e.buf, o);
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < cnt && 2 + k * 10 + 10 <= len; k++) {
            long fd = dev.falcoc.runtime.scap.Bytes.i64(e.buf, o + 2 + k * 10);
            FdInfo f = tt(e).fd(e.thread, fd);
            boolean ip = f != null && (f.type == FdEntry.IPV4_SOCK || f.type == FdEntry.IPV6_SOCK);
            String v = switch (name) {
                case "fdlist.nums" -> Long.toString(fd);
                case "fdlist.names" -> f == null || f.name.isEmpty() ? "<NA>" : f.name;
                case "fdlist.cips" -> ip ? Sockets.ip(f.sip) : null;
                case "fdlist.sips" -> ip ? Sockets.ip(f.dip) : f != null && (f.type == FdEntry.IPV4_SERVSOCK || f.type == FdEntry.IPV6_SERVSOCK) ? Sockets.ip(f.sip) : null;
                case "fdlist.cports" -> ip ? Integer.toString(f.sport) : null;
                default -> ip ? Integer.toString(f.dport) : null;
            };
            if (v == null) continue;
            if (!b.isEmpty()) b.append(',');
            b.append(v);
        }
        return b.isEmpty() ? null : b.toString();
    }

    /**
     * util.cnt counts extractions of this field. For each alert Falco 0.42 (falco_formats::format_event,
     * then falco_outputs::handle_event) extracts it once for the text, twice for output_fields (libs'
     * JSON formatter calls tojson twice and keeps the second) and once more for the alert's field
     * values. The text therefore shows count+1 and also accounts for that last extraction, and the
     * JSON value is text+2: 1 and 3 for the first alert, 5 and 7 for the next.
     */
    static Field counter(FieldType t, String fmt) {
        long[] n = {0};
        return f(t, fmt, e -> ++n[0])
                .text(e -> { long v = ++n[0]; n[0]++; return Long.toString(v); })
                .json(e -> { long v = n[0] + 1; n[0] += 2; return v; })
                .noMemo();
    }
}
