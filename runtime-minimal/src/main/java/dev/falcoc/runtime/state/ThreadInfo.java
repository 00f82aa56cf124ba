package dev.falcoc.runtime.state;

import java.util.List;

/** A thread as libsinsp tracks it; process-wide data (fds, cwd, env) lives on the main thread. */
public final class ThreadInfo {
    // PPM_CL_* clone flags that matter to the state engine
    public static final int CL_CLONE_FILES = 1 << 0, CL_CLONE_FS = 1 << 1, CL_CLONE_NEWPID = 1 << 6,
            CL_CLONE_PARENT = 1 << 8, CL_CLONE_THREAD = 1 << 13, CL_CLONE_VFORK = 1 << 27,
            CL_CLONE_INVERTED = 1 << 16, CL_NAME_CHANGED = 1 << 17, CL_CLOSED = 1 << 18, CL_ACTIVE = 1 << 19,
            CL_PIPE_SRC = 1 << 21, CL_PIPE_DST = 1 << 22, CL_CHILD_IN_PIDNS = 1 << 29, CL_IS_MAIN_THREAD = 1 << 30;

    public long tid, pid, ptid, sid = -1, vpgid = -1, pgid = -1, vtid = -1, vpid = -1, reaperTid = -1;
    public String comm = "", exe = "", exepath = "", root = "/";
    public List<String> args = List.of();
    /** proc.cmdline as last built, and the comm and args (by reference: both are replaced, never mutated) it was built from. */
    public String cmdline;
    public List<String> cmdlineArgs;
    public String cmdlineComm;
    public List<String> env = List.of();
    public List<String> cgroups = List.of();
    String cwd = "";
    public long fdlimit;
    public int flags;
    public long uid = 0xffffffffL, gid = 0xffffffffL, loginuid = 0xffffffffL;
    public long capInheritable, capPermitted, capEffective;
    public long vmsizeKb, vmrssKb, vmswapKb, pfmajor, pfminor;
    public long tty, pidnsInitStartTs, cloneTs, lastexecTs;
    public long exeIno, exeInoCtime, exeInoMtime, exeInoCtimeDurationCloneTs, exeInoCtimeDurationPidnsStart;
    public boolean exeWritable, exeUpperLayer, exeLowerLayer, exeFromMemfd;
    public boolean dead;
    /** Fd table (used on the main thread; threads sharing files go through {@link ThreadTable#fdTable}). */
    final LongMap<FdInfo> fds = new LongMap<FdInfo>(8).withIterationOrder();
    ThreadGroup group;
    /** Cached main thread (checked on use: same pid, still in the table). */
    ThreadInfo mainRef;
    boolean removed;
    /** procexit seen: already taken out of its group's live count. */
    boolean exitCounted;
    int children;
    ThreadInfo parentLink;
    public int lastEventType = -1;
    /** libsinsp m_latency / m_last_latency_entertime. */
    public long latency, lastLatencyEnterTs;
    /** thread.cpu scratch (last total cpu seen in procinfo). */
    public final long[] lastCpu = new long[3];
    public long lastEventFd = -1;
    /** Per-thread scratch: the last stored enter event (for exits missing parameters). */
    public byte[] lastEnter;

    public boolean isInvalid() { return tid < 0 || pid < 0 || ptid < 0; }

    public boolean isMainThread() { return tid == pid; }

    /** libsinsp set_exepath: the " (deleted)" that readlink adds for a removed binary is not part of the path. */
    public static String exepathOf(String path) {
        return path.length() > 10 && path.endsWith(" (deleted)") ? path.substring(0, path.length() - 10) : path;
    }

    public int threadCount() { return group == null ? 0 : group.alive; }

    public int childCount() { return children; }

    /** Live threads of one process. */
    static final class ThreadGroup {
        final long pid;
        int alive;
        boolean reaper;

        ThreadGroup(long pid) { this.pid = pid; }
    }
}
