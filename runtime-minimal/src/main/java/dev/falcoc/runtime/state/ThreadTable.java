package dev.falcoc.runtime.state;

import java.util.List;

/**
 * The thread table: tid → thread, thread groups, parent links for ancestors, fd tables on main
 * threads. Exited threads are dropped (bounded memory); unknown tids get libsinsp's placeholder.
 */
public final class ThreadTable {
    public static final int MAX_THREADS = 262_144;
    /** Files per process, as libsinsp's max fd table size: what is opened beyond it is not tracked. */
    public static final int MAX_FDS = 4096;
    /** New threads and fds refused because their table was full (libsinsp's *_table_full drops). */
    public long threadTableFull, fdTableFull;
    private final LongMap<ThreadInfo> threads = new LongMap<>(1024);
    private final LongMap<ThreadInfo.ThreadGroup> groups = new LongMap<>(1024);
    private long lastTid = Long.MIN_VALUE;
    private ThreadInfo lastInfo;

    public ThreadInfo find(long tid) {
        if (tid == lastTid && lastInfo != null) return lastInfo;
        ThreadInfo t = threads.get(tid);
        if (t != null) { lastTid = tid; lastInfo = t; }
        return t;
    }

    /** libsinsp's lookup with a placeholder entry for threads it has never seen. */
    public ThreadInfo getOrFake(long tid) {
        ThreadInfo t = find(tid);
        if (t != null || threads.size() >= MAX_THREADS) return t;
        t = new ThreadInfo();
        t.tid = tid;
        t.pid = -1;
        t.ptid = -1;
        t.comm = "<NA>";
        t.exe = "<NA>";
        t.uid = 0xffffffffL;
        t.gid = 0xffffffffL;
        t.loginuid = 0xffffffffL;
        add(t);
        return t;
    }

    public int size() { return threads.size(); }

    public void add(ThreadInfo t) {
        // lost exit events (drops) must not grow the table without bound: refuse new threads once full
        if (threads.size() >= MAX_THREADS && threads.get(t.tid) == null) {
            threadTableFull++;
            return;
        }
        ThreadInfo old = threads.put(t.tid, t);
        if (old != null && old != t) { unlink(old); old.removed = true; }
        if (t.tid == lastTid) lastInfo = t;
        linkDependencies(t);
    }

    /** Thread group membership and the parent's child count (libsinsp create_thread_dependencies). */
    public void linkDependencies(ThreadInfo t) {
        if (t.isInvalid()) return;
        if (t.group == null) {
            ThreadInfo.ThreadGroup g = groups.get(t.pid);
            if (g == null) { g = new ThreadInfo.ThreadGroup(t.pid); groups.put(t.pid, g); }
            t.group = g;
            g.alive++;
        }
        if (t.parentLink == null) {
            ThreadInfo p = find(t.ptid);
            if (p != null && p != t) { p.children++; t.parentLink = p; }
        }
    }

    /** procexit: the thread leaves its group's live count at once (libsinsp), the entry goes later. */
    public void markExited(ThreadInfo t) {
        t.dead = true;
        if (t.group != null && !t.exitCounted) {
            t.group.alive--;
            t.exitCounted = true;
        }
    }

    private void unlink(ThreadInfo t) {
        if (t.group != null) {
            if (!t.exitCounted) t.group.alive--;
            t.exitCounted = true;
            if (t.group.alive <= 0) groups.remove(t.group.pid);
            t.group = null;
        }
        if (t.parentLink != null) { t.parentLink.children--; t.parentLink = null; }
    }

    /** Removes an exited thread; a main thread stays (dead) while other threads of its process live. */
    public void remove(long tid) {
        ThreadInfo t = threads.get(tid);
        if (t == null) return;
        t.dead = true;
        int others = t.group == null ? 0 : t.group.alive - (t.exitCounted ? 0 : 1);
        if (t.isMainThread() && t.group != null && others > 0) {
            // keep the main thread for its fd table; count it as gone from the group
            if (t.parentLink != null) { t.parentLink.children--; t.parentLink = null; }
            return;
        }
        threads.remove(tid);
        t.removed = true;
        if (lastTid == tid) { lastTid = Long.MIN_VALUE; lastInfo = null; }
        ThreadInfo.ThreadGroup g = t.group;
        unlink(t);
        // the last thread of a process also takes a dead main thread with it
        if (g != null && g.alive <= 1 && !t.isMainThread()) {
            ThreadInfo main = threads.get(g.pid);
            if (main != null && main.dead) remove(main.tid);
        }
    }

    public ThreadInfo mainThread(ThreadInfo t) {
        if (t == null) return null;
        if (t.tid == t.pid || t.pid < 0) return t;
        ThreadInfo m = t.mainRef;
        if (m == null || m.removed || m.tid != t.pid) {
            m = find(t.pid);
            t.mainRef = m;
        }
        return m != null ? m : t;
    }

    /** The fd table a thread uses: the main thread's for threads (libsinsp's approximation). */
    public LongMap<FdInfo> fdTable(ThreadInfo t) {
        if (t == null) return null;
        if ((t.flags & ThreadInfo.CL_CLONE_THREAD) != 0 || (t.flags & ThreadInfo.CL_CLONE_FILES) != 0) {
            ThreadInfo m = mainThread(t);
            if (m != null) return m.fds;
        }
        return t.fds;
    }

    public FdInfo fd(ThreadInfo t, long fd) {
        LongMap<FdInfo> tab = fdTable(t);
        return tab == null ? null : tab.get(fd);
    }

    /** libsinsp get_main_thread: null for invalid threads or when the leader is not in the group. */
    public ThreadInfo strictMain(ThreadInfo t) {
        if (t.tid == t.pid) return t;
        if (t.group == null) return null;
        ThreadInfo m = find(t.pid);
        return m != null && m.group == t.group ? m : null;
    }

    public String cwd(ThreadInfo t) {
        ThreadInfo m = strictMain(t);
        return m == null ? "./" : m.cwd;
    }

    public void setCwd(ThreadInfo t, String cwd) {
        ThreadInfo m = strictMain(t);
        if (m != null) m.cwd = cwd;
    }

    public List<String> env(ThreadInfo t) {
        if (t.isMainThread()) return t.env;
        ThreadInfo m = strictMain(t);
        return m != null ? m.env : t.env;
    }

    /** The parent thread (by ptid), null when unknown. */
    public ThreadInfo parent(ThreadInfo t) {
        if (t == null || t.ptid < 0 || t.ptid == t.tid) return null;
        return find(t.ptid);
    }

    /** The n-th ancestor (1 = parent), walking ptid links with a loop guard. */
    public ThreadInfo ancestor(ThreadInfo t, int n) {
        ThreadInfo cur = t;
        for (int i = 0; i < n && cur != null; i++) {
            ThreadInfo p = parent(cur);
            if (p == null || p == t) return null;
            cur = p;
        }
        return cur;
    }

    /** libsinsp get_ancestor_process: n steps up through main threads. */
    public ThreadInfo ancestorProcess(ThreadInfo t, int n) {
        ThreadInfo mt = mainThread(t);
        for (int i = 0; i < n; i++) {
            if (mt == null) return null;
            ThreadInfo p = find(mt.ptid);
            if (p == null) return null;
            mt = mainThread(p);
        }
        return mt;
    }

    /** Threads of the process other than its leader (proc.nchilds). */
    public int notLeaderThreads(ThreadInfo t) {
        if (t.group == null) return 0;
        ThreadInfo m = find(t.group.pid);
        boolean leaderAlive = m != null && !m.dead && m.group == t.group;
        return Math.max(0, t.group.alive - (leaderAlive ? 1 : 0));
    }

    public void forEach(java.util.function.Consumer<ThreadInfo> f) { threads.forEach((k, v) -> f.accept(v)); }
}
