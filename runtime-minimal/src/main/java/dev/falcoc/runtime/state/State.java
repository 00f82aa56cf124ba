package dev.falcoc.runtime.state;

import dev.falcoc.runtime.scap.FdEntry;
import dev.falcoc.runtime.scap.ProcEntry;
import dev.falcoc.runtime.scap.ScapSink;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Everything the fields read besides the event: threads, fds, users, machine. Fed first by the capture's lists. */
public final class State implements ScapSink {
    public final ThreadTable threads = new ThreadTable();
    public final Users users = new Users();
    public String hostname = "";
    public long bootTs;
    public int numCpus;
    public final List<byte[][]> ifaces = new ArrayList<>();
    /** Container metadata from container events, by short (12-character) id. */
    public final java.util.Map<String, java.util.Map<String, Object>> containers = new java.util.HashMap<>();
    /**
     * Whether Falco's container plugin is loaded: only then does libsinsp know a thread's container
     * id, which fd.containername/fd.containerdirectory prefix and container users are looked up by.
     */
    public boolean containerPlugin = true;

    /** Records a container event's JSON ({"container":{...}}). */
    @SuppressWarnings("unchecked")
    public void container(String json) {
        if (!(dev.falcoc.runtime.MiniJson.parse(json) instanceof java.util.Map<?, ?> root)) return;
        if (!(root.get("container") instanceof java.util.Map<?, ?> c)) return;
        if (!(c.get("id") instanceof String id)) return;
        containers.put(id.length() > 12 ? id.substring(0, 12) : id, (java.util.Map<String, Object>) c);
    }
    private final List<ThreadInfo> pendingDeps = new ArrayList<>();
    /** Ports of the listening sockets in the capture's fd list: they tell which side of a connection is ours. */
    private final java.util.Set<Integer> serverPorts = new java.util.HashSet<>();
    /** Connected IPv4 sockets of the capture's fd list, whose direction is fixed once every server port is known. */
    private final List<FdInfo> procIpv4Sockets = new ArrayList<>();

    @Override
    public void machine(int numCpus, long memoryBytes, long maxPid, String hostname, long bootTs, long flags) {
        this.numCpus = numCpus;
        this.hostname = hostname;
        this.bootTs = bootTs;
    }

    @Override
    public void process(ProcEntry p) {
        ThreadInfo t = new ThreadInfo();
        t.tid = p.tid;
        t.pid = p.pid;
        t.ptid = p.ptid;
        t.sid = p.sid;
        t.vpgid = p.vpgid;
        t.pgid = p.pgid;
        t.comm = p.comm;
        t.exe = p.exe;
        t.exepath = ThreadInfo.exepathOf(p.exepath);
        t.args = splitNul(p.args);
        t.env = splitNul(p.env);
        t.cgroups = normalizeCgroups(splitNul(p.cgroups), List.of());
        t.cwd = p.cwd.isEmpty() || p.cwd.endsWith("/") ? p.cwd : p.cwd + "/";
        t.root = p.root.isEmpty() ? "/" : p.root;
        t.fdlimit = p.fdlimit;
        t.flags = p.flags;
        t.uid = p.uid;
        t.gid = p.gid;
        t.loginuid = p.loginuid;
        t.vmsizeKb = p.vmsizeKb;
        t.vmrssKb = p.vmrssKb;
        t.vmswapKb = p.vmswapKb;
        t.pfmajor = p.pfmajor;
        t.pfminor = p.pfminor;
        t.vtid = p.vtid;
        t.vpid = p.vpid;
        t.pidnsInitStartTs = p.pidnsInitStartTs;
        t.tty = p.tty;
        t.exeWritable = p.exeWritable;
        t.exeUpperLayer = p.exeUpperLayer;
        t.exeLowerLayer = p.exeLowerLayer;
        t.exeFromMemfd = p.exeFromMemfd;
        t.capInheritable = p.capInheritable;
        t.capPermitted = p.capPermitted;
        t.capEffective = p.capEffective;
        t.exeIno = p.exeIno;
        t.exeInoCtime = p.exeInoCtime;
        t.exeInoMtime = p.exeInoMtime;
        if (t.exeInoCtime != 0 && t.pidnsInitStartTs != 0 && t.exeInoCtime > t.pidnsInitStartTs)
            t.exeInoCtimeDurationPidnsStart = t.exeInoCtime - t.pidnsInitStartTs;
        threads.add(t);
        pendingDeps.add(t);
    }

    @Override
    public void fd(long tid, FdEntry e) {
        ThreadInfo t = threads.find(tid);
        if (t == null) return;
        FdInfo f = new FdInfo();
        f.fd = e.fd;
        f.ino = e.ino;
        f.type = e.type == FdEntry.FILE ? FdEntry.FILE_V2 : e.type;
        f.openFlags = e.openFlags;
        f.dev = e.dev;
        f.sip = e.sip;
        f.dip = e.dip;
        f.sport = e.sport;
        f.dport = e.dport;
        f.l4proto = e.type == FdEntry.IPV4_SOCK || e.type == FdEntry.IPV6_SOCK || e.type == FdEntry.IPV4_SERVSOCK || e.type == FdEntry.IPV6_SERVSOCK ? e.l4proto : FdInfo.L4_NA;
        f.unixSource = e.unixSource;
        f.unixDest = e.unixDest;
        f.name = Sockets.nameFromEntry(e);
        if (e.type == FdEntry.IPV6_SOCK && e.sip != null && e.dip != null && e.sip.length == 16 && e.dip.length == 16
                && Sockets.isV4Mapped(e.sip, 0) && Sockets.isV4Mapped(e.dip, 0)) {
            // an IPv4 connection seen through an IPv6 socket is an IPv4 socket to libsinsp
            f.type = FdEntry.IPV4_SOCK;
            f.sip = Sockets.slice(e.sip, 12, 4);
            f.dip = Sockets.slice(e.dip, 12, 4);
        }
        // libsinsp add_fd_from_scap: listening sockets get no role (their fd.sip etc. stay empty),
        // unix sockets are servers when they have a path
        if (e.type == FdEntry.IPV4_SERVSOCK || e.type == FdEntry.IPV6_SERVSOCK) serverPorts.add(e.sport);
        if (e.type == FdEntry.UNIX_SOCK) f.flags |= e.name.isEmpty() ? FdInfo.FLAG_ROLE_CLIENT : FdInfo.FLAG_ROLE_SERVER;
        if ((e.type == FdEntry.IPV4_SOCK || e.type == FdEntry.IPV6_SOCK) && e.l4proto == FdInfo.L4_TCP) f.flags |= FdInfo.FLAG_SOCKET_CONNECTED;
        if (f.type == FdEntry.IPV4_SOCK) {
            inferAddresses(f);
            f.name = Sockets.tupleName(f);
            procIpv4Sockets.add(f);
        }
        t.fds.put(e.fd, f);
    }

    @Override
    public void user(long uid, long gid, String name, String home, String shell) { users.addUser(uid, gid, name, home, shell); }

    @Override
    public void group(long gid, String name) { users.addGroup(gid, name); }

    @Override
    public void iface(String name, byte[] addr, byte[] netmask) { ifaces.add(new byte[][] {addr, netmask}); }

    /** libsinsp network_interfaces::update_fd: fill an unspecified (0.0.0.0 / ::) endpoint from the interfaces. */
    public void inferAddresses(FdInfo f) {
        if (f.type != FdEntry.IPV4_SOCK && f.type != FdEntry.IPV6_SOCK) return;
        if (f.sip == null || f.dip == null) return;
        boolean sz = Parser.isZero(f.sip), dz = Parser.isZero(f.dip);
        if (!sz && !dz) return;
        byte[] known = sz ? f.dip : f.sip;
        byte[] addr = infer(known);
        if (addr == null) addr = new byte[known.length];
        if (java.util.Arrays.equals(addr, known) && f.sport == f.dport) return;
        if (sz) f.sip = addr; else f.dip = addr;
    }

    private byte[] infer(byte[] dst) {
        for (byte[][] i : ifaces) if (i[0].length == dst.length && java.util.Arrays.equals(i[0], dst)) return i[0];
        for (byte[][] i : ifaces) {
            if (i[0].length != dst.length) continue;
            boolean same = true;
            for (int k = 0; k < dst.length; k++) if ((i[0][k] & i[1][k]) != (dst[k] & i[1][k])) { same = false; break; }
            if (same) return i[0];
        }
        for (byte[][] i : ifaces) {
            if (i[0].length != dst.length) continue;
            boolean loop = dst.length == 4 ? (i[0][0] == 127 && i[0][1] == 0 && i[0][2] == 0 && i[0][3] == 1)
                    : Parser.isZero(java.util.Arrays.copyOf(i[0], 15)) && i[0][15] == 1;
            if (!loop) return i[0];
        }
        return null;
    }

    /** After the capture's lists: parent links need every thread to be known. */
    public void finishInitialState() {
        for (ThreadInfo t : pendingDeps) {
            if (t.parentLink == null) threads.linkDependencies(t);
        }
        pendingDeps.clear();
        fixSocketDirections();
    }

    /**
     * libsinsp fix_sockets_coming_from_proc: /proc lists a connection as local->remote, so an IPv4
     * socket whose local port is one we listen on is the server end of an accepted connection
     * (its endpoints are swapped); every other one is a client. IPv6 sockets keep no role.
     */
    private void fixSocketDirections() {
        for (FdInfo f : procIpv4Sockets) {
            if (!serverPorts.contains(f.sport)) {
                f.flags |= FdInfo.FLAG_ROLE_CLIENT;
                continue;
            }
            byte[] ip = f.sip; f.sip = f.dip; f.dip = ip;
            int port = f.sport; f.sport = f.dport; f.dport = port;
            f.name = Sockets.tupleName(f);
            f.flags |= FdInfo.FLAG_ROLE_SERVER;
        }
        procIpv4Sockets.clear();
    }

    /** libsinsp set_cgroups: "subsys=path" with io→blkio, perf→perf_event, mem→memory, "_cgroup" dropped. */
    public static List<String> normalizeCgroups(List<String> raw, List<String> previous) {
        List<String> out = new ArrayList<>(raw.size());
        for (String def : raw) {
            int eq = def.indexOf('=');
            if (eq < 0) return previous;
            String subsys = def.substring(0, eq);
            int cg = subsys.indexOf("_cgroup");
            if (cg >= 0) subsys = subsys.substring(0, cg) + subsys.substring(cg + 7);
            subsys = switch (subsys) {
                case "perf" -> "perf_event";
                case "mem" -> "memory";
                case "io" -> "blkio";
                default -> subsys;
            };
            out.add(subsys + "=" + def.substring(eq + 1));
        }
        return out;
    }

    public static List<String> splitNul(byte[] b) {
        if (b == null || b.length == 0) return List.of();
        int n = b[b.length - 1] == 0 ? b.length - 1 : b.length; // one trailing NUL ends the list
        if (n == 0) return List.of();
        List<String> out = new ArrayList<>();
        int s = 0;
        for (int i = 0; i < n; i++) {
            if (b[i] == 0) { out.add(new String(b, s, i - s, StandardCharsets.UTF_8)); s = i + 1; }
        }
        out.add(new String(b, s, n - s, StandardCharsets.UTF_8));
        return out;
    }
}
