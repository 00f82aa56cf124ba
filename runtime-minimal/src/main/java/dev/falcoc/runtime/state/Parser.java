package dev.falcoc.runtime.state;

import dev.falcoc.runtime.event.EventSchema;
import dev.falcoc.runtime.event.Evt;
import dev.falcoc.runtime.scap.Bytes;
import dev.falcoc.runtime.scap.FdEntry;

/**
 * Applies each event to the state the way libsinsp's parser does (the subset the fields need):
 * thread lookup and fd attachment first, then per-event updates (clone/execve/exit, fd-creating
 * and fd-destroying syscalls, sockets, credentials, cwd, users and groups).
 */
public final class Parser {
    private static final long O_DIRECTORY = 1 << 10, O_CLOEXEC = 1 << 12, O_F_CREATED = 1 << 14,
            FD_UPPER_LAYER = 1 << 15, FD_LOWER_LAYER = 1 << 16;
    private static final long CLONE_STALE_TIME_NS = 2_000_000_000L;
    private static final long EINPROGRESS = 115;

    private final State st;
    private final ThreadTable tt;
    private long pendingRemoval = Long.MIN_VALUE;
    /** libsinsp erases a closed fd after the event has been shown to rules. */
    private LongMap<FdInfo> pendingFdTable;
    private long pendingFd;

    private static final java.util.Set<String> ENTER_HANDLED = java.util.Set.of("procexit", "switch", "useradded",
            "container", "userdeleted", "groupadded", "groupdeleted", "open", "openat", "openat2", "creat", "connect",
            "execve", "execveat");
    private static final java.util.Set<String> EXIT_HANDLED = java.util.Set.of("open", "openat", "openat2", "creat",
            "open_by_handle_at", "clone", "fork", "vfork", "clone3", "execve", "execveat", "socket", "bind", "connect",
            "accept", "accept4", "close", "dup", "dup2", "dup3", "fcntl", "pipe", "pipe2", "socketpair", "eventfd",
            "eventfd2", "signalfd", "signalfd4", "timerfd_create", "inotify_init", "inotify_init1", "bpf", "userfaultfd",
            "io_uring_setup", "epoll_create", "epoll_create1", "memfd_create", "pidfd_open", "pidfd_getfd", "chdir",
            "fchdir", "chroot", "setuid", "setgid", "setresuid", "setresgid", "setreuid", "setregid", "setsid", "capset",
            "sendto", "sendmsg", "send", "sendmmsg", "recvfrom", "recvmsg", "recv", "recvmmsg", "brk", "mmap", "mmap2", "munmap");
    private static final int K_NONE = 0, K_CLONE = 1, K_SWITCH = 2, K_PROCEXIT = 4, K_PROCINFO = 8, K_META = 16, K_HANDLED = 32;
    /** Per event code: what reset() and the dispatch need to know, so no per-event string compares. */
    private final int[] kind;

    public Parser(State st) {
        this.st = st;
        this.tt = st.threads;
        dev.falcoc.runtime.event.EventSchema s = dev.falcoc.runtime.event.EventSchema.get();
        kind = new int[s.size()];
        for (int c = 0; c < kind.length; c++) {
            EventSchema.Event ev = s.event(c);
            String n = ev.name();
            int k = K_NONE;
            if (!ev.enter() && (n.equals("clone") || n.equals("fork") || n.equals("vfork") || n.equals("clone3"))) k |= K_CLONE;
            if (n.equals("switch")) k |= K_SWITCH;
            if (n.equals("procexit")) k |= K_PROCEXIT;
            if (n.equals("procinfo")) k |= K_PROCINFO;
            if (n.equals("container") || n.equals("useradded") || n.equals("userdeleted") || n.equals("groupadded")
                    || n.equals("groupdeleted") || n.equals("pluginevent") || n.equals("asyncevent")) k |= K_META;
            if (ev.enter() ? ENTER_HANDLED.contains(n) : EXIT_HANDLED.contains(n)) k |= K_HANDLED;
            kind[c] = k;
        }
    }

    /** What parsing an event of some code does to the state, for deciding what may be skipped. */
    public enum Effect {
        /** Nothing: no thread is attached and no parser runs (procinfo, old switch events...). */
        NONE,
        /** Only the page-fault and memory counters of the thread (context switches). */
        COUNTERS,
        /** Only the generic reset of an exit event: thread lookup (creating it if unknown), latency. */
        RESET,
        /** The generic reset and the thread's memory counters (brk, mmap, munmap). */
        RESET_AND_COUNTERS,
        /** Anything else. */
        FULL
    }

    /** Exit events whose parser only updates the memory counters after the generic reset. */
    private static final java.util.Set<String> MEMORY = java.util.Set.of("brk", "mmap", "mmap2", "munmap");

    public Effect effect(int code) {
        EventSchema.Event ev = EventSchema.get().event(code);
        int k = kind[code];
        if (ev.has(EventSchema.EF_SKIPPARSERESET) && (k & K_CLONE) == 0) return Effect.NONE;
        if (k == (K_SWITCH | K_HANDLED)) return Effect.COUNTERS;
        if (k == K_NONE && !ev.enter()) return Effect.RESET;
        if (k == K_HANDLED && !ev.enter() && MEMORY.contains(ev.name())) return Effect.RESET_AND_COUNTERS;
        return Effect.FULL;
    }

    /**
     * The state change of an exit event of {@link Effect#RESET} code whose parameters nobody
     * reads: what {@link #process} does for it, minus attaching its fd (an exit event's
     * lastEventFd is set again by the next exit event's reset before anything reads it).
     */
    public void skipReset(int type, long tid, long ts) {
        applyPending();
        ThreadInfo t = tt.getOrFake(tid);
        if (t == null) return;
        t.flags |= ThreadInfo.CL_ACTIVE;
        if (t.lastLatencyEnterTs != 0) t.latency = ts - t.lastLatencyEnterTs;
        if (type != t.lastEventType + 1) t.lastEventFd = -1;
    }

    /** libsinsp erases closed fds and exited threads once the event that ended them was shown. */
    private void applyPending() {
        if (pendingFdTable != null) {
            pendingFdTable.remove(pendingFd);
            pendingFdTable = null;
        }
        if (pendingRemoval != Long.MIN_VALUE) {
            tt.remove(pendingRemoval);
            pendingRemoval = Long.MIN_VALUE;
        }
    }

    public void process(Evt e) {
        applyPending();
        int k = kind[e.type];
        if (!reset(e, k)) {
            if (e.thread == null && (k & K_CLONE) == 0) return;
        }
        if ((k & K_HANDLED) == 0) {
            if (e.fd != null && !e.info.enter()) e.fdNameChanged = !e.fd.name.equals(e.fd.oldName);
            return;
        }
        String n = e.info.name();
        if (e.enter()) {
            switch (n) {
                case "procexit" -> threadExit(e);
                case "switch" -> {
                    if (e.thread != null && e.has(5)) {
                        e.thread.pfmajor = e.num(1);
                        e.thread.pfminor = e.num(2);
                        ThreadInfo m = tt.strictMain(e.thread);
                        if (m != null) {
                            m.vmsizeKb = e.num(3);
                            m.vmrssKb = e.num(4);
                            m.vmswapKb = e.num(5);
                        }
                    }
                }
                case "useradded" -> st.users.addUser(e.num(0), e.num(1), e.str(2), e.str(3), e.str(4));
                case "container" -> { if (e.nparams > 0) st.container(e.str(0)); }
                case "userdeleted" -> st.users.removeUser(e.num(0));
                case "groupadded" -> st.users.addGroup(e.num(0), e.str(1));
                case "groupdeleted" -> st.users.removeGroup(e.num(0));
                case "open", "openat", "openat2", "creat", "connect", "execve", "execveat" -> {
                    if (e.thread != null && e.nparams > 0 && e.has(0)) e.thread.lastEnter = copyEvent(e, e.thread.lastEnter);
                }
                default -> { }
            }
            return;
        }
        switch (n) {
            case "open", "openat", "openat2", "creat", "open_by_handle_at" -> open(e, n);
            case "clone", "fork", "vfork", "clone3" -> clone(e);
            case "execve", "execveat" -> execve(e);
            case "socket" -> socket(e);
            case "bind" -> bind(e);
            case "connect" -> connect(e);
            case "accept", "accept4" -> accept(e);
            case "close" -> close(e);
            case "dup", "dup2", "dup3" -> dup(e);
            case "fcntl" -> fcntl(e);
            case "pipe", "pipe2" -> pipe(e);
            case "socketpair" -> socketpair(e);
            case "eventfd", "eventfd2" -> singleFd(e, FdEntry.EVENT, 0);
            case "signalfd", "signalfd4" -> singleFd(e, FdEntry.SIGNALFD, 0);
            case "timerfd_create" -> singleFd(e, FdEntry.TIMERFD, 0);
            case "inotify_init", "inotify_init1" -> singleFd(e, FdEntry.INOTIFY, 0);
            case "bpf" -> singleFd(e, FdEntry.BPF, 0);
            case "userfaultfd" -> singleFd(e, FdEntry.USERFAULTFD, 0);
            case "io_uring_setup" -> singleFd(e, FdEntry.IOURING, 0);
            case "epoll_create", "epoll_create1" -> singleFd(e, FdEntry.EVENTPOLL, 0);
            case "memfd_create" -> memfd(e);
            case "pidfd_open", "pidfd_getfd" -> singleFd(e, FdEntry.PIDFD, 0);
            case "chdir" -> chdir(e);
            case "fchdir" -> fchdir(e);
            case "chroot" -> {
                if (e.res() >= 0 && e.thread != null) {
                    e.thread.root = e.str(1);
                    if (e.res() == 0) shown(e, e.str(1));
                }
            }
            case "setuid" -> { if (e.res() >= 0 && e.thread != null && e.has(1)) e.thread.uid = e.num(1); }
            case "setgid" -> { if (e.res() >= 0 && e.thread != null && e.has(1)) e.thread.gid = e.num(1); }
            case "setresuid" -> { if (e.res() >= 0 && e.thread != null && e.has(2) && e.num(2) != 0xffffffffL) e.thread.uid = e.num(2); }
            case "setresgid" -> { if (e.res() >= 0 && e.thread != null && e.has(2) && e.num(2) != 0xffffffffL) e.thread.gid = e.num(2); }
            case "setreuid" -> { if (e.res() >= 0 && e.thread != null && e.has(2) && e.num(2) != 0xffffffffL) e.thread.uid = e.num(2); }
            case "setregid" -> { if (e.res() >= 0 && e.thread != null && e.has(2) && e.num(2) != 0xffffffffL) e.thread.gid = e.num(2); }
            case "setsid" -> { if (e.res() >= 0 && e.thread != null) e.thread.sid = e.res(); }
            case "capset" -> capset(e);
            case "sendto", "sendmsg", "send", "sendmmsg", "recvfrom", "recvmsg", "recv", "recvmmsg" -> ioTuple(e, n);
            case "prlimit", "setrlimit", "getrlimit" -> { }
            case "brk", "mmap", "mmap2", "munmap" -> {
                if (e.thread != null) {
                    if (e.has(1)) e.thread.vmsizeKb = e.num(1);
                    if (e.has(3)) { e.thread.vmrssKb = e.num(2); e.thread.vmswapKb = e.num(3); }
                }
            }
            default -> { }
        }
        if (e.fd != null) e.fdNameChanged = !e.fd.name.equals(e.fd.oldName);
    }

    private static boolean isClone(Evt e) {
        String n = e.info.name();
        return !e.enter() && (n.equals("clone") || n.equals("fork") || n.equals("vfork") || n.equals("clone3"));
    }

    private static byte[] copyEvent(Evt e, byte[] reuse) {
        int len = Bytes.i32(e.buf, e.off + 16);
        byte[] c = reuse != null && reuse.length >= len ? reuse : new byte[Math.max(len, 128)];
        System.arraycopy(e.buf, e.off, c, 0, len);
        return c;
    }

    /** libsinsp's reset(): attach thread and fd; false when the event parser should not run. */
    private boolean reset(Evt e, int k) {
        int type = e.type;
        if (e.info.has(EventSchema.EF_SKIPPARSERESET)) {
            if ((k & K_PROCINFO) != 0) e.thread = tt.find(e.tid);
            return false;
        }
        if ((k & K_META) != 0) {
            e.thread = null;
            return true;
        }
        boolean sched = (k & K_SWITCH) != 0;
        boolean queryOs = (k & (K_CLONE | K_SWITCH | K_PROCEXIT)) == 0;
        ThreadInfo t = queryOs ? tt.getOrFake(e.tid) : tt.find(e.tid);
        e.thread = t;
        if (sched || t == null) return false;
        if (queryOs) t.flags |= ThreadInfo.CL_ACTIVE;
        if (e.enter()) {
            t.lastEventFd = -1;
            t.lastEventType = type;
            if (e.info.has(EventSchema.EF_USES_FD)) {
                int loc = fdParam(e);
                if (loc >= 0) {
                    t.lastEventFd = e.num(loc);
                    e.fd = tt.fd(t, t.lastEventFd);
                    if (e.fd != null) e.fd.oldName = e.fd.name;
                }
            }
            t.latency = 0;
            t.lastLatencyEnterTs = e.ts;
            return true;
        }
        if (t.lastLatencyEnterTs != 0) t.latency = e.ts - t.lastLatencyEnterTs;
        if (type != t.lastEventType + 1) t.lastEventFd = -1;
        if (e.hasReturnValue()) {
            long r = e.res();
            if (r < 0) e.errorCode = (int) -r;
        }
        if (!e.info.has(EventSchema.EF_USES_FD)) return true;
        if (t.lastEventFd == -1) {
            int loc = fdParam(e);
            if (loc >= 0 && loc < e.nparams && e.has(loc)) t.lastEventFd = e.num(loc);
        }
        e.fdNum = t.lastEventFd;
        e.fd = tt.fd(t, t.lastEventFd);
        if (e.fd != null) e.fd.oldName = e.fd.name;
        return e.fd != null;
    }

    /** fdParamOf per event code, computed once: reset() asks for every event that uses an fd. */
    private static final int[] FD_PARAM;

    static {
        EventSchema s = EventSchema.get();
        FD_PARAM = new int[s.size()];
        for (int c = 0; c < s.size(); c++) FD_PARAM[c] = s.event(c) == null ? -1 : fdParamOf(s.event(c));
    }

    private static int fdParam(Evt e) {
        return e.type >= 0 && e.type < FD_PARAM.length && e.info == EventSchema.get().event(e.type) ? FD_PARAM[e.type] : fdParamOf(e.info);
    }

    /** Where the fd an event uses sits: the parameter named fd (or the first FD param of enter events). */
    private static int fdParamOf(EventSchema.Event info) {
        EventSchema.Param[] ps = info.params();
        for (int i = 0; i < ps.length; i++) {
            if (ps[i].name().equals("fd") && (ps[i].type() == EventSchema.PT.FD || ps[i].type() == EventSchema.PT.FD32)) return i;
        }
        if (info.enter()) for (int i = 0; i < ps.length; i++) if (ps[i].type() == EventSchema.PT.FD) return i;
        return -1;
    }

    private void addFd(Evt e, long fd, FdInfo f) {
        f.fd = fd;
        LongMap<FdInfo> tab = tt.fdTable(e.thread);
        if (tab == null) return;
        if (tab.size() >= ThreadTable.MAX_FDS && tab.get(fd) == null) tt.fdTableFull++; // the event still sees it
        else tab.put(fd, f);
        e.fd = f;
        e.fdNum = fd;
        e.thread.lastEventFd = fd;
    }

    // ---------------------------------------------------------------- files

    public static String concatPaths(String dir, String name) {
        if (name.startsWith("/") || dir.isEmpty()) return normalize(name);
        return normalize(dir.endsWith("/") ? dir + name : dir + "/" + name);
    }

    /** Resolves "." and ".." and repeated slashes, as libsinsp's path concatenation does. */
    static String normalize(String p) {
        if (p.isEmpty() || p.charAt(0) != '/') return p;
        if (simple(p)) return p;
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String s : p.split("/")) {
            if (s.isEmpty() || s.equals(".")) continue;
            if (s.equals("..")) { if (!parts.isEmpty()) parts.removeLast(); continue; }
            parts.addLast(s);
        }
        StringBuilder b = new StringBuilder();
        for (String s : parts) b.append('/').append(s);
        return b.isEmpty() ? "/" : b.toString();
    }

    /** Recent relative joins by the identity of their parts (cwd strings and cached names recur). */
    private final String[] joinDir = new String[256], joinName = new String[256], joinOut = new String[256];

    /** {@link #concatPaths}, kept for the directory and name objects it was last asked for in its slot. */
    private String joined(String dir, String name) {
        if (dir.isEmpty() || name.startsWith("/")) return concatPaths(dir, name); // nothing to join
        int slot = (dir.hashCode() * 31 + name.hashCode()) & (joinOut.length - 1);
        if (joinDir[slot] == dir && joinName[slot] == name) return joinOut[slot];
        String r = concatPaths(dir, name);
        joinDir[slot] = dir;
        joinName[slot] = name;
        joinOut[slot] = r;
        return r;
    }

    /**
     * Whether a path has no "//", "/./", "/../" and does not end in "/." or "/..": one pass over
     * its slashes (every opened path is checked).
     */
    static boolean simple(String p) {
        int n = p.length();
        for (int i = p.indexOf('/'); i >= 0 && i < n - 1; i = p.indexOf('/', i + 1)) {
            char c = p.charAt(i + 1);
            if (c == '/') return false;
            if (c != '.') continue;
            if (i + 2 == n || p.charAt(i + 2) == '/') return false;
            if (p.charAt(i + 2) == '.' && (i + 3 == n || p.charAt(i + 3) == '/')) return false;
        }
        return true;
    }

    private String dirfdPath(Evt e, String name, long dirfd) {
        if (!name.isEmpty() && name.charAt(0) == '/') return ".";
        if (e.thread == null) return "<UNKNOWN>";
        if (dirfd == -100) return tt.cwd(e.thread);
        FdInfo f = tt.fd(e.thread, dirfd);
        if (f == null) return "<UNKNOWN>";
        if (f.name.isEmpty() || f.name.endsWith("/")) return f.name;
        return f.name + "/";
    }

    private void open(Evt e, String n) {
        if (e.thread == null) return;
        long fd = e.res();
        String name;
        long flags;
        long dev = 0, ino = 0;
        String sdir;
        switch (n) {
            case "open" -> {
                name = e.str(1);
                flags = e.num(2);
                if (e.has(4)) { dev = e.num(4); if (e.has(5)) ino = e.num(5); }
                // the TOCTOU-safe enter event wins for the path and the requested flags
                byte[] en = enter(e);
                String en0 = en == null ? null : enterStr(e, en, 0);
                if (en0 != null && !en0.equals("<NA>")) {
                    name = en0;
                    flags = enterNum(en, 1) | (flags & ~(O_F_CREATED - 1));
                }
                sdir = tt.cwd(e.thread);
            }
            case "creat" -> {
                name = e.str(1);
                flags = 0;
                if (e.has(3)) {
                    dev = e.num(3);
                    if (e.has(4)) {
                        ino = e.num(4);
                        if (e.has(5)) {
                            long cf = e.num(5);
                            if ((cf & 1) != 0) flags |= FD_UPPER_LAYER;
                            else if ((cf & 2) != 0) flags |= FD_LOWER_LAYER;
                        }
                    }
                }
                byte[] en = enter(e);
                String en0 = en == null ? null : enterStr(e, en, 0);
                if (en0 != null && !en0.equals("<NA>")) name = en0;
                sdir = tt.cwd(e.thread);
            }
            case "openat", "openat2" -> {
                name = e.has(2) ? e.str(2) : "<NA>";
                flags = e.has(3) ? e.num(3) : 0;
                int di = n.equals("openat") ? 5 : 6;
                if (e.has(di + 1)) { dev = e.num(di); ino = e.num(di + 1); }
                boolean hasDirfd = e.has(1);
                long dirfd = hasDirfd ? e.num(1) : 0;
                byte[] en = enter(e);
                String en1 = en == null ? null : enterStr(e, en, 1);
                if (en1 != null && !en1.equals("<NA>")) {
                    name = en1;
                    flags = enterNum(en, 2) | (flags & ~(O_F_CREATED - 1));
                    hasDirfd = true;
                    dirfd = enterNum(en, 0);
                }
                sdir = hasDirfd ? dirfdPath(e, name, dirfd) : "";
            }
            default -> { // open_by_handle_at
                flags = e.num(2);
                name = e.str(3);
                if (e.nparams > 4) dev = e.num(4);
                if (e.nparams > 5) ino = e.num(5);
                sdir = "";
            }
        }
        String full = joined(sdir.equals(".") ? "" : sdir, name);
        if (fd >= 0) {
            FdInfo f = new FdInfo();
            f.type = (flags & O_DIRECTORY) != 0 ? FdEntry.DIRECTORY : FdEntry.FILE_V2;
            f.openFlags = flags;
            f.dev = dev;
            f.ino = ino;
            f.nameRaw = name;
            f.name = full;
            addFd(e, fd, f);
        }
    }

    private void memfd(Evt e) {
        long fd = e.res();
        if (fd < 0 || e.thread == null) return;
        FdInfo f = new FdInfo();
        f.type = FdEntry.MEMFD;
        f.name = e.str(1);
        f.openFlags = e.num(2);
        addFd(e, fd, f);
    }

    private void singleFd(Evt e, int type, int idx) {
        long fd = e.res();
        if (fd < 0 || e.thread == null) return;
        FdInfo f = new FdInfo();
        f.type = type;
        addFd(e, fd, f);
    }

    private void close(Evt e) {
        if (e.res() < 0 || e.fd == null || e.thread == null) return;
        LongMap<FdInfo> tab = tt.fdTable(e.thread);
        if (tab != null) { pendingFdTable = tab; pendingFd = e.thread.lastEventFd; }
    }

    private void dup(Evt e) {
        long res = e.res();
        if (res < 0 || e.thread == null) return;
        FdInfo old = e.fd;
        if (old == null) {
            old = tt.fd(e.thread, e.num(1));
            if (old == null) return;
        }
        if (res == e.num(1)) return;
        FdInfo f = old.copy();
        f.flags &= ~FdInfo.FLAG_IS_CLONED;
        if (e.info.name().equals("dup3")) f.openFlags = (e.num(3) & O_CLOEXEC) != 0 ? (f.openFlags | O_CLOEXEC) : (f.openFlags & ~O_CLOEXEC);
        else f.openFlags &= ~O_CLOEXEC;
        addFd(e, res, f);
        e.fd = f;
    }

    private void fcntl(Evt e) {
        if (e.thread == null || e.fd == null) return;
        long res = e.res();
        int cmd = (int) e.num(2);
        // PPM_FCNTL_F_DUPFD = 1, PPM_FCNTL_F_DUPFD_CLOEXEC = 13
        if (res >= 0 && (cmd == 1 || cmd == 13)) {
            FdInfo f = e.fd.copy();
            if (cmd == 13) f.openFlags |= O_CLOEXEC; else f.openFlags &= ~O_CLOEXEC;
            FdInfo src = e.fd;
            addFd(e, res, f);
            e.fd = src;
        }
    }

    private void pipe(Evt e) {
        if (e.res() < 0 || e.thread == null) return;
        long ino = e.num(3);
        long flags = e.info.name().equals("pipe2") ? e.num(4) : 0;
        for (int i = 1; i <= 2; i++) {
            FdInfo f = new FdInfo();
            f.type = FdEntry.FIFO;
            f.ino = ino;
            f.openFlags = flags;
            addFd(e, e.num(i), f);
        }
    }

    private void socketpair(Evt e) {
        if (e.res() < 0 || e.thread == null) return;
        for (int i = 1; i <= 2; i++) {
            FdInfo f = new FdInfo();
            f.type = FdEntry.UNIX_SOCK;
            f.unixSource = e.num(3);
            f.unixDest = e.num(4);
            addFd(e, e.num(i), f);
        }
    }

    // ---------------------------------------------------------------- sockets

    private void socket(Evt e) {
        long fd = e.res();
        if (fd < 0 || e.thread == null) return;
        long domain = e.num(1), type = e.num(2), proto = e.num(3);
        FdInfo f = new FdInfo();
        f.type = FdEntry.UNKNOWN;
        f.l4proto = FdInfo.L4_UNKNOWN;
        if (domain == Sockets.AF_UNIX) f.type = FdEntry.UNIX_SOCK;
        else if (domain == Sockets.AF_INET || domain == Sockets.AF_INET6) {
            f.type = domain == Sockets.AF_INET ? FdEntry.IPV4_SOCK : FdEntry.IPV6_SOCK;
            int l4 = FdInfo.L4_UNKNOWN;
            boolean raw = type == 3;
            if (proto == 6) l4 = raw ? FdInfo.L4_RAW : FdInfo.L4_TCP;
            else if (proto == 17) l4 = raw ? FdInfo.L4_RAW : FdInfo.L4_UDP;
            else if (proto == 0) {
                if ((type & 0xff) == 1) l4 = FdInfo.L4_TCP;
                else if ((type & 0xff) == 2) l4 = FdInfo.L4_UDP;
            } else if (proto == 1) l4 = raw ? FdInfo.L4_RAW : FdInfo.L4_ICMP;
            else if (proto == 255) l4 = FdInfo.L4_RAW;
            f.l4proto = l4;
            int n = domain == Sockets.AF_INET ? 4 : 16;
            f.sip = new byte[n];
            f.dip = new byte[n];
        } else if (domain == Sockets.AF_NETLINK) f.type = FdEntry.NETLINK;
        addFd(e, fd, f);
    }

    /**
     * libsinsp renders the names it gives sockets (bind, connect, accept, send/recv tuples) in the
     * event's shared parameter-string storage, which evt.buffer can show later: see ParamStrings.
     */
    private static void shown(Evt e, String name) {
        if (e.paramStr != null) e.paramStr.write(name);
    }

    private void bind(Evt e) {
        if (e.fd == null || e.res() < 0 || !e.has(1)) return;
        int o = e.poff(1), l = e.plen(1);
        int fam = e.buf[o] & 0xff;
        FdInfo f = e.fd;
        if (fam == Sockets.AF_INET && l >= 7) {
            int port = Sockets.port(e.buf, o + 5);
            if (port > 0) {
                f.type = FdEntry.IPV4_SERVSOCK;
                f.sip = Sockets.slice(e.buf, o + 1, 4);
                f.sport = port;
                f.flags |= FdInfo.FLAG_ROLE_SERVER;
            }
        } else if (fam == Sockets.AF_INET6 && l >= 19) {
            int port = Sockets.port(e.buf, o + 17);
            if (port > 0) {
                if (Sockets.isV4Mapped(e.buf, o + 1)) {
                    f.type = FdEntry.IPV4_SERVSOCK;
                    f.sip = Sockets.slice(e.buf, o + 13, 4);
                } else {
                    f.type = FdEntry.IPV6_SERVSOCK;
                    f.sip = Sockets.slice(e.buf, o + 1, 16);
                }
                f.sport = port;
                f.flags |= FdInfo.FLAG_ROLE_SERVER;
            }
        }
        f.name = Sockets.addrText(e.buf, o, l);
        shown(e, f.name);
    }

    private void connect(Evt e) {
        if (e.thread == null || e.fd == null) return;
        long r = e.res();
        if (r < 0 && r != -EINPROGRESS) return;
        FdInfo f = e.fd;
        f.flags |= FdInfo.FLAG_SOCKET_CONNECTED;
        if (!e.has(1)) return;
        int keepL4 = f.l4proto;
        int oldType = f.type;
        if (!Sockets.applyTuple(f, e.buf, e.poff(1), e.plen(1))) return;
        // libsinsp names a unix socket "source->dest path" in its storage (see shown)
        shown(e, f.type == FdEntry.UNIX_SOCK ? String.format("%x->%x %s", f.unixSource, f.unixDest, f.name) : f.name);
        if (f.type == FdEntry.IPV4_SOCK || f.type == FdEntry.IPV6_SOCK) {
            f.l4proto = keepL4 == FdInfo.L4_NA ? FdInfo.L4_UNKNOWN : keepL4;
            if (oldType == FdEntry.IPV4_SERVSOCK || oldType == FdEntry.IPV6_SERVSOCK) f.l4proto = keepL4;
        }
        f.flags |= FdInfo.FLAG_ROLE_CLIENT;
    }

    private void accept(Evt e) {
        if (e.thread == null) return;
        long fd = e.res();
        if (fd < 0) return;
        e.thread.lastEventFd = fd;
        if (!e.has(1)) return;
        FdInfo f = new FdInfo();
        if (!Sockets.applyTuple(f, e.buf, e.poff(1), e.plen(1))) return;
        if (f.type != FdEntry.UNIX_SOCK) f.l4proto = FdInfo.L4_TCP;
        f.name = Sockets.tupleText(e.buf, e.poff(1), e.plen(1));
        shown(e, f.name);
        if (e.info.name().equals("accept4")) f.openFlags = e.num(5) & O_CLOEXEC;
        f.flags = FdInfo.FLAG_ROLE_SERVER | FdInfo.FLAG_SOCKET_CONNECTED;
        addFd(e, fd, f);
    }

    /** libsinsp parse_rw_exit for the socket calls that carry an address (sendto/recvfrom/sendmsg/recvmsg...). */
    private void ioTuple(Evt e, String n) {
        boolean send = n.startsWith("send");
        int ti = e.paramIndex("tuple");
        if (send && e.fd == null && e.thread != null && e.res() >= 0 && ti >= 0 && e.has(ti)) {
            // a send on an fd we never saw created: assume a UDP socket, as libsinsp does
            int fam = e.buf[e.poff(ti)] & 0xff;
            int fdIdx = e.paramIndex("fd");
            if ((fam == Sockets.AF_INET || fam == Sockets.AF_INET6) && fdIdx >= 0) {
                FdInfo f = new FdInfo();
                f.type = fam == Sockets.AF_INET ? FdEntry.IPV4_SOCK : FdEntry.IPV6_SOCK;
                f.l4proto = FdInfo.L4_UDP;
                int len = fam == Sockets.AF_INET ? 4 : 16;
                f.sip = new byte[len];
                f.dip = new byte[len];
                addFd(e, e.num(fdIdx), f);
            }
        }
        FdInfo f = e.fd;
        if (f == null || e.res() < 0) return;
        if (f.type == FdEntry.IPV4_SOCK || f.type == FdEntry.IPV6_SOCK) f.flags |= FdInfo.FLAG_SOCKET_CONNECTED;
        if (ti < 0 || !e.has(ti)) return;
        boolean tcp = f.isIpSocket() && f.l4proto == FdInfo.L4_TCP;
        if (!f.name.isEmpty() && tcp) return;
        int wasType = f.type, l4 = f.l4proto;
        if (!Sockets.applyTuple(f, e.buf, e.poff(ti), e.plen(ti))) return;
        if (f.type == FdEntry.UNIX_SOCK) {
            f.name = Sockets.tupleText(e.buf, e.poff(ti), e.plen(ti));
            shown(e, f.name);
            return;
        }
        f.l4proto = l4 == FdInfo.L4_UNKNOWN || l4 == FdInfo.L4_NA || wasType == FdEntry.UNIX_SOCK ? FdInfo.L4_UDP : l4;
        st.inferAddresses(f);
        if (f.isRoleNone()) f.flags |= send ? FdInfo.FLAG_ROLE_CLIENT : FdInfo.FLAG_ROLE_SERVER;
        if (send ? f.isRoleServer() : f.isRoleClient()) {
            byte[] ip = f.sip; f.sip = f.dip; f.dip = ip;
            int p = f.sport; f.sport = f.dport; f.dport = p;
        }
        f.name = Sockets.tupleName(f);
        shown(e, f.name);
    }

    public static boolean isZero(byte[] b) {
        if (b == null) return true;
        for (byte x : b) if (x != 0) return false;
        return true;
    }

    // ---------------------------------------------------------------- processes

    private void chdir(Evt e) {
        if (e.res() < 0 || e.thread == null) return;
        String p = e.str(1);
        tt.setCwd(e.thread, withSlash(concatPaths(tt.cwd(e.thread), p)));
    }

    private void fchdir(Evt e) {
        if (e.res() < 0 || e.thread == null || e.fd == null) return;
        tt.setCwd(e.thread, withSlash(e.fd.name));
    }

    static String withSlash(String p) { return p.endsWith("/") ? p : p + "/"; }

    private void capset(Evt e) {
        if (e.res() < 0 || e.thread == null) return;
        e.thread.capInheritable = e.num(1);
        e.thread.capPermitted = e.num(2);
        e.thread.capEffective = e.num(3);
    }

    private void threadExit(Evt e) {
        if (e.thread == null) return;
        // the thread stays visible for this event's fields and goes before the next one
        tt.markExited(e.thread);
        pendingRemoval = e.tid;
    }

    private void clone(Evt e) {
        long child = e.res();
        if (child < 0) return;
        if (child == 0) cloneChild(e);
        else cloneCaller(e, child);
    }

    private void fillFromCloneParams(Evt e, ThreadInfo c) {
        c.exe = e.str(1);
        c.comm = e.has(13) ? e.str(13) : c.exe;
        c.args = e.strList(2);
        c.fdlimit = e.num(7);
        if (e.has(12)) {
            c.pfmajor = e.num(8);
            c.pfminor = e.num(9);
            c.vmsizeKb = e.num(10);
            c.vmrssKb = e.num(11);
            c.vmswapKb = e.num(12);
        }
        c.uid = e.num(16) & 0xffffffffL;
        c.gid = e.num(17) & 0xffffffffL;
        if (e.has(14)) c.cgroups = cgroups(e, 14, c.cgroups);
        c.cloneTs = e.ts;
    }

    private void inheritFrom(ThreadInfo c, ThreadInfo p) {
        c.exepath = p.exepath;
        c.exeWritable = p.exeWritable;
        c.exeUpperLayer = p.exeUpperLayer;
        c.exeLowerLayer = p.exeLowerLayer;
        c.exeFromMemfd = p.exeFromMemfd;
        c.root = p.root;
        c.sid = p.sid;
        c.vpgid = p.vpgid;
        c.pgid = p.pgid;
        c.tty = p.tty;
        c.loginuid = p.loginuid;
        c.capPermitted = p.capPermitted;
        c.capInheritable = p.capInheritable;
        c.capEffective = p.capEffective;
        c.exeIno = p.exeIno;
        c.exeInoCtime = p.exeInoCtime;
        c.exeInoMtime = p.exeInoMtime;
        c.exeInoCtimeDurationCloneTs = p.exeInoCtimeDurationCloneTs;
    }

    private void copyFds(ThreadInfo from, ThreadInfo to) {
        LongMap<FdInfo> src = tt.fdTable(from);
        if (src == null) return;
        to.fds.clear();
        // libsinsp copies in the parent table's iteration order, which shapes the child's
        long[] order = src.iterationOrder();
        for (long fd : order != null ? order : src.keys()) {
            FdInfo c = src.get(fd).copy();
            c.flags |= FdInfo.FLAG_IS_CLONED;
            to.fds.put(fd, c);
        }
    }

    private void cloneCaller(Evt e, long childTid) {
        ThreadInfo caller = tt.getOrFake(e.tid);
        if (caller == null) { e.thread = null; return; }
        boolean valid = true;
        if (caller.isInvalid()) {
            valid = false;
            caller.pid = e.num(4);
            caller.ptid = e.num(5);
            if (e.has(19)) { caller.vtid = e.num(18); caller.vpid = e.num(19); }
            else { caller.vtid = e.tid; caller.vpid = -1; }
            tt.linkDependencies(caller);
        }
        e.thread = caller;
        long flags = e.num(15);
        if ((flags & ThreadInfo.CL_CHILD_IN_PIDNS) != 0 || (flags & ThreadInfo.CL_CLONE_NEWPID) != 0
                || (flags & ThreadInfo.CL_CLONE_PARENT) != 0 || e.tid != caller.vtid) return;
        if ((flags & ThreadInfo.CL_CLONE_VFORK) != 0 || e.info.name().equals("vfork")) return;
        ThreadInfo existing = tt.find(childTid);
        if (existing != null) {
            if ((existing.flags & ThreadInfo.CL_CLONE_INVERTED) != 0) return;
            tt.remove(childTid);
        }
        ThreadInfo c = new ThreadInfo();
        c.flags = (int) flags;
        c.tid = childTid;
        if ((c.flags & ThreadInfo.CL_CLONE_THREAD) == 0) {
            if (valid) {
                copyFds(caller, c);
                c.cwd = tt.cwd(caller);
                c.env = tt.env(caller);
            }
            c.pid = childTid;
            c.ptid = caller.tid;
        } else {
            c.pid = caller.pid;
            c.ptid = caller.ptid;
            c.flags |= ThreadInfo.CL_CLONE_FILES;
            c.lastexecTs = caller.lastexecTs;
        }
        c.vtid = c.tid;
        c.vpid = c.pid;
        fillFromCloneParams(e, c);
        c.pidnsInitStartTs = st.bootTs;
        if (valid) inheritFrom(c, caller);
        else {
            caller.exe = c.exe;
            caller.comm = c.comm;
            caller.args = c.args;
        }
        tt.add(c);
    }

    private void cloneChild(Evt e) {
        ThreadInfo cur = e.thread;
        if (cur != null && cur.cloneTs != 0) {
            if (e.ts - cur.cloneTs < CLONE_STALE_TIME_NS) return;
            tt.remove(e.tid);
            e.thread = null;
        }
        ThreadInfo c = new ThreadInfo();
        c.tid = e.tid;
        c.pid = e.num(4);
        c.ptid = e.num(5);
        if (e.has(19)) { c.vtid = e.num(18); c.vpid = e.num(19); }
        else { c.vtid = c.tid; c.vpid = -1; }
        c.flags = (int) e.num(15) | ThreadInfo.CL_CLONE_INVERTED;
        boolean leader = (c.flags & ThreadInfo.CL_CLONE_THREAD) == 0;
        long lookup = leader ? c.ptid : c.pid;
        if (!leader) c.flags |= ThreadInfo.CL_CLONE_FILES;
        ThreadInfo lt = tt.getOrFake(lookup);
        if (lt == null) { e.thread = null; return; }
        boolean valid = !lt.isInvalid();
        if (!valid && !leader) {
            lt.pid = c.pid;
            lt.ptid = c.ptid;
            lt.vpid = c.vpid;
            lt.vtid = lt.vpid;
            tt.linkDependencies(lt);
        }
        fillFromCloneParams(e, c);
        if (valid) {
            inheritFrom(c, lt);
            if (leader) {
                copyFds(lt, c);
                c.cwd = tt.cwd(lt);
                c.env = tt.env(lt);
            } else c.lastexecTs = lt.lastexecTs;
        } else if (!leader) {
            lt.exe = c.exe;
            lt.comm = c.comm;
            lt.args = c.args;
        }
        if ((c.flags & ThreadInfo.CL_CHILD_IN_PIDNS) != 0 || (c.flags & ThreadInfo.CL_CLONE_NEWPID) != 0 || c.tid != c.vtid) {
            if (e.has(20)) c.pidnsInitStartTs = e.num(20) + st.bootTs;
        } else c.pidnsInitStartTs = st.bootTs;
        tt.add(c);
        e.thread = c;
    }

    /** Normalised cgroups by the parameter's bytes (every execve and clone carries them). */
    private final dev.falcoc.runtime.event.SliceCache<java.util.List<String>> cgroupCache = new dev.falcoc.runtime.event.SliceCache<>(256, 16384);
    /** Kept for cgroups with an entry lacking '=': the thread keeps its previous ones. */
    private static final java.util.List<String> KEEP_PREVIOUS = java.util.Collections.unmodifiableList(new java.util.ArrayList<>());

    private java.util.List<String> cgroups(Evt e, int i, java.util.List<String> previous) {
        int o = e.poff(i), l = e.plen(i);
        int h = dev.falcoc.runtime.event.SliceCache.hash(e.buf, o, l);
        java.util.List<String> v = cgroupCache.get(e.buf, o, l, h);
        if (v == null) {
            java.util.List<String> n = State.normalizeCgroups(e.strList(i), null);
            v = cgroupCache.put(e.buf, o, l, h, n == null ? KEEP_PREVIOUS : java.util.List.copyOf(n));
        }
        return v == KEEP_PREVIOUS ? previous : v;
    }

    private void execve(Evt e) {
        ThreadInfo t = e.thread;
        if (e.res() < 0 || t == null) return;
        t.dead = false;
        t.exe = e.str(1);
        t.lastexecTs = e.ts;
        t.comm = e.has(13) ? e.str(13) : t.exe;
        t.args = e.strList(2);
        t.pid = e.num(4);
        if (t.isInvalid()) {
            t.ptid = e.num(5);
            if ((t.flags & ThreadInfo.CL_CHILD_IN_PIDNS) == 0) { t.vtid = t.tid; t.vpid = t.pid; }
            tt.linkDependencies(t);
        }
        t.fdlimit = e.num(7);
        if (e.has(12)) {
            t.pfmajor = e.num(8);
            t.pfminor = e.num(9);
            t.vmsizeKb = e.num(10);
            t.vmrssKb = e.num(11);
            t.vmswapKb = e.num(12);
        }
        if (e.has(15)) t.env = e.strList(15);
        if (e.has(14)) t.cgroups = cgroups(e, 14, t.cgroups);
        if (e.has(16)) t.tty = e.num(16);
        if (e.has(27)) t.exepath = ThreadInfo.exepathOf(e.str(27));
        else if (t.lastEnter != null) {
            String fn = enterString(e, t.lastEnter, 0);
            if (fn != null) t.exepath = fn.equals("<NA>") ? "<NA>" : ThreadInfo.exepathOf(concatPaths(tt.cwd(t), fn));
        }
        if (e.has(17)) t.vpgid = e.num(17);
        if (e.has(18)) t.loginuid = e.num(18);
        if (e.has(19)) {
            long f = e.num(19);
            t.exeWritable = (f & 1) != 0;
            t.exeUpperLayer = (f & 2) != 0;
            t.exeFromMemfd = (f & 4) != 0;
            t.exeLowerLayer = (f & 8) != 0;
        }
        if (e.has(22)) {
            t.capInheritable = e.num(20);
            t.capPermitted = e.num(21);
            t.capEffective = e.num(22);
        }
        if (e.has(25)) {
            t.exeIno = e.num(23);
            t.exeInoCtime = e.num(24);
            t.exeInoMtime = e.num(25);
            if (t.cloneTs != 0) t.exeInoCtimeDurationCloneTs = t.cloneTs - t.exeInoCtime;
            if (t.pidnsInitStartTs != 0 && t.exeInoCtime > t.pidnsInitStartTs) t.exeInoCtimeDurationPidnsStart = t.exeInoCtime - t.pidnsInitStartTs;
        }
        if (e.has(26)) t.uid = e.num(26);
        t.pgid = e.has(28) ? e.num(28) : -1;
        if (e.has(29)) t.gid = e.num(29);
        LongMap<FdInfo> tab = tt.fdTable(t);
        if (tab != null) {
            for (long fd : tab.keys()) {
                FdInfo f = tab.get(fd);
                if ((f.openFlags & O_CLOEXEC) != 0) tab.remove(fd);
            }
        }
        int keep = t.flags & (ThreadInfo.CL_PIPE_SRC | ThreadInfo.CL_PIPE_DST | ThreadInfo.CL_IS_MAIN_THREAD);
        boolean inverted = (t.flags & ThreadInfo.CL_CLONE_INVERTED) != 0;
        t.flags = ThreadInfo.CL_ACTIVE | keep | ThreadInfo.CL_NAME_CHANGED | (inverted ? ThreadInfo.CL_CLONE_INVERTED : 0);
        t.lastEnter = null;
    }

    /** The thread's stored enter event when it belongs to this exit event (libsinsp retrieve_enter_event). */
    private static byte[] enter(Evt e) {
        ThreadInfo t = e.thread;
        if (t == null || t.lastEnter == null) return null;
        int et = Bytes.u16(t.lastEnter, 20);
        return et == e.type - 1 && t.lastEventType == et ? t.lastEnter : null;
    }

    private static int enterParamOffset(byte[] ev, int i) {
        int np = Bytes.i32(ev, 22);
        if (i >= np) return -1;
        int p = 26 + np * 2;
        for (int k = 0; k < i; k++) p += Bytes.u16(ev, 26 + k * 2);
        return p;
    }

    static String enterStr(Evt e, byte[] ev, int i) {
        int p = enterParamOffset(ev, i);
        if (p < 0) return null;
        int l = Bytes.u16(ev, 26 + i * 2);
        return l == 0 ? null : e.str(ev, p, l);
    }

    static long enterNum(byte[] ev, int i) {
        int p = enterParamOffset(ev, i);
        if (p < 0) return 0;
        return switch (Bytes.u16(ev, 26 + i * 2)) {
            case 1 -> ev[p] & 0xffL;
            case 2 -> Bytes.u16(ev, p);
            case 4 -> Bytes.i32(ev, p);
            case 8 -> Bytes.i64(ev, p);
            default -> 0;
        };
    }

    /** String parameter i of a stored (copied) enter event, null when absent. */
    private String enterString(Evt e, byte[] ev, int i) {
        int type = Bytes.u16(ev, 20);
        if (type != 292 && type != 330) return null; // execve / execveat enter
        int np = Bytes.i32(ev, 22);
        if (i >= np) return null;
        int p = 26 + np * 2;
        for (int k = 0; k < i; k++) p += Bytes.u16(ev, 26 + k * 2);
        int l = Bytes.u16(ev, 26 + i * 2);
        if (l == 0) return null;
        return e.str(ev, p, l);
    }
}
