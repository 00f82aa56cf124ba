package dev.falcoc.runtime.fields;

import dev.falcoc.compiler.ir.Candidates;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.compiler.schema.FieldType;
import dev.falcoc.runtime.event.Evt;
import dev.falcoc.runtime.state.FdInfo;
import dev.falcoc.runtime.state.LongMap;
import dev.falcoc.runtime.state.ThreadInfo;
import dev.falcoc.runtime.state.Users;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import static dev.falcoc.runtime.fields.SyscallFieldBinder.*;

/** The proc.*, thread.*, user.* and group.* fields. */
final class ProcFields {
    private ProcFields() {}

    private static final Set<String> SHELLS = Set.of("ash", "bash", "csh", "ksh", "sh", "tcsh", "zsh", "dash");

    static Field field(String name, FieldResolver.Resolved r, FieldType t, String fmt) {
        return switch (name) {
            case "proc.exe" -> th(t, fmt, x -> x.exe);
            case "proc.name" -> th(t, fmt, x -> x.comm);
            case "proc.exepath" -> th(t, fmt, x -> x.exepath);
            case "proc.args" -> {
                // proc.args[N]: the N-th argument ("" past the last), as libsinsp
                int k = index(r.arg());
                yield k < 0 ? th(t, fmt, x -> joined(x.args)) : th(t, fmt, x -> k < x.args.size() ? x.args.get(k) : "");
            }
            case "proc.cmdline" -> th(t, fmt, ProcFields::cmdline);
            case "proc.exeline" -> th(t, fmt, x -> x.exe + " " + joined(x.args));
            case "proc.cmdnargs" -> th(t, fmt, x -> (long) x.args.size());
            case "proc.cmdlenargs" -> th(t, fmt, x -> { long n = 0; for (String a : x.args) n += a.length(); return n; });
            case "proc.env" -> {
                // proc.env[NAME]: that variable's value; a number (or nothing) in brackets: the whole environment
                String a = r.arg() == null ? "" : r.arg();
                yield a.isEmpty() || digits(a) ? f(t, fmt, e -> e.thread == null ? null : String.join(" ", tt(e).env(e.thread)))
                        : f(t, fmt, e -> e.thread == null ? null : envValue(tt(e).env(e.thread), a));
            }
            case "proc.aenv" -> aenv(r, t, fmt);
            case "proc.cwd" -> f(t, fmt, e -> e.thread == null ? null : tt(e).cwd(e.thread));
            case "proc.tty" -> th(t, fmt, x -> x.tty);
            case "proc.pid" -> th(t, fmt, x -> x.pid);
            case "proc.vpid" -> th(t, fmt, x -> x.vpid == -1 ? null : x.vpid);
            case "thread.tid" -> f(t, fmt, e -> e.tid >= -1 && e.tid <= 0xffffffffL ? e.tid : null);
            case "thread.vtid" -> th(t, fmt, x -> x.vtid == -1 ? null : x.vtid);
            case "thread.ismain" -> th(t, fmt, ThreadInfo::isMainThread);
            case "proc.sid" -> th(t, fmt, x -> x.sid);
            case "proc.vpgid" -> th(t, fmt, x -> x.vpgid);
            case "proc.pgid" -> th(t, fmt, x -> x.pgid);
            case "proc.ppid" -> par(t, fmt, x -> x.pid >= -1 && x.pid <= 0xffffffffL ? x.pid : null);
            case "proc.pname" -> par(t, fmt, x -> x.comm);
            case "proc.pexe" -> par(t, fmt, x -> x.exe);
            case "proc.pexepath" -> par(t, fmt, x -> x.exepath);
            case "proc.pcmdline" -> par(t, fmt, ProcFields::cmdline);
            case "proc.pvpid" -> par(t, fmt, x -> x.vpid);
            case "proc.ppid.ts" -> f(t, fmt, e -> { if (e.thread == null) return null; ThreadInfo p = tt(e).find(e.thread.ptid); return p == null ? null : p.cloneTs; });
            case "proc.ppid.duration" -> f(t, fmt, e -> {
                ThreadInfo p = ancestor(e, 1);
                if (p == null) return null;
                if (p.cloneTs != 0) return e.ts - p.cloneTs;
                LongMap<FdInfo> m = fds(e); // libsinsp falls through to proc.fdopencount here
                return m == null ? 0L : (long) m.size();
            });
            case "proc.aname" -> anc(r, t, fmt, x -> x.comm);
            case "proc.apid" -> anc(r, t, fmt, x -> x.pid);
            case "proc.aexe" -> anc(r, t, fmt, x -> x.exe);
            case "proc.aexepath" -> anc(r, t, fmt, x -> x.exepath);
            // libsinsp searches the ancestors only for aname, apid, aexe, aexepath, acmdline and aenv:
            // a bare proc.aargs has no value
            case "proc.aargs" -> r.arg() == null ? f(t, fmt, e -> null) : anc(r, t, fmt, x -> joined(x.args));
            case "proc.acmdline" -> anc(r, t, fmt, ProcFields::cmdline);
            case "proc.loginshellid" -> f(t, fmt, ProcFields::loginShell);
            case "proc.sname" -> rel(t, fmt, x -> x.sid, x -> x.comm);
            case "proc.sid.exe" -> rel(t, fmt, x -> x.sid, x -> x.exe);
            case "proc.sid.exepath" -> rel(t, fmt, x -> x.sid, x -> x.exepath);
            case "proc.vpgid.name" -> rel(t, fmt, x -> x.vpgid, x -> x.comm);
            case "proc.vpgid.exe" -> rel(t, fmt, x -> x.vpgid, x -> x.exe);
            case "proc.vpgid.exepath" -> rel(t, fmt, x -> x.vpgid, x -> x.exepath);
            case "proc.pgid.name" -> rel(t, fmt, x -> x.pgid, x -> x.comm);
            case "proc.pgid.exe" -> rel(t, fmt, x -> x.pgid, x -> x.exe);
            case "proc.pgid.exepath" -> rel(t, fmt, x -> x.pgid, x -> x.exepath);
            case "proc.is_sid_leader" -> th(t, fmt, x -> x.sid == x.vpid);
            case "proc.is_vpgid_leader" -> th(t, fmt, x -> x.vpgid == x.vpid);
            case "proc.is_pgid_leader" -> th(t, fmt, x -> x.pgid == x.pid);
            case "proc.duration" -> f(t, fmt, e -> e.thread == null || e.thread.cloneTs == 0 ? null : e.ts - e.thread.cloneTs);
            case "proc.pid.ts" -> th(t, fmt, x -> x.cloneTs == 0 ? null : x.cloneTs);
            case "proc.is_exe_writable" -> th(t, fmt, x -> x.exeWritable);
            case "proc.is_exe_upper_layer" -> th(t, fmt, x -> x.exeUpperLayer);
            case "proc.is_exe_lower_layer" -> th(t, fmt, x -> x.exeLowerLayer);
            case "proc.is_exe_from_memfd" -> th(t, fmt, x -> x.exeFromMemfd);
            case "proc.exe_ino" -> th(t, fmt, x -> x.exeIno == 0 ? null : x.exeIno);
            case "proc.exe_ino.ctime" -> th(t, fmt, x -> x.exeInoCtime == 0 ? null : x.exeInoCtime);
            case "proc.exe_ino.mtime" -> th(t, fmt, x -> x.exeInoMtime == 0 ? null : x.exeInoMtime);
            case "proc.exe_ino.ctime_duration_proc_start" -> th(t, fmt, x -> x.exeInoCtimeDurationCloneTs == 0 ? null : x.exeInoCtimeDurationCloneTs);
            case "proc.exe_ino.ctime_duration_pidns_start" -> th(t, fmt, x -> x.exeInoCtimeDurationPidnsStart == 0 ? null : x.exeInoCtimeDurationPidnsStart);
            case "proc.pidns_init_start_ts" -> th(t, fmt, x -> x.pidnsInitStartTs == 0 ? null : x.pidnsInitStartTs);
            case "thread.cap_permitted" -> th(t, fmt, x -> Names.caps(x.capPermitted));
            case "thread.cap_inheritable" -> th(t, fmt, x -> Names.caps(x.capInheritable));
            case "thread.cap_effective" -> th(t, fmt, x -> Names.caps(x.capEffective));
            case "proc.fdopencount" -> f(t, fmt, e -> e.thread == null ? null : (Object) fdOpenCount(e));
            case "proc.fdlimit" -> f(t, fmt, e -> e.thread == null ? null : (Object) fdLimit(e));
            case "proc.fdusage" -> f(t, fmt, e -> {
                if (e.thread == null) return null;
                long limit = fdLimit(e);
                return limit <= 0 ? 0.0 : Math.min(100.0, fdOpenCount(e) * 100.0 / limit);
            });
            case "proc.vmsize" -> th(t, fmt, x -> x.vmsizeKb);
            case "proc.vmrss" -> th(t, fmt, x -> x.vmrssKb);
            case "proc.vmswap" -> th(t, fmt, x -> x.vmswapKb);
            case "thread.vmsize" -> th(t, fmt, x -> x.isMainThread() ? x.vmsizeKb : 0L);
            case "thread.vmrss" -> th(t, fmt, x -> x.isMainThread() ? x.vmrssKb : 0L);
            case "thread.vmsize.b" -> th(t, fmt, x -> x.isMainThread() ? x.vmsizeKb * 1024 : 0L);
            case "thread.vmrss.b" -> th(t, fmt, x -> x.isMainThread() ? x.vmrssKb * 1024 : 0L);
            case "thread.pfmajor" -> th(t, fmt, x -> x.pfmajor);
            case "thread.pfminor" -> th(t, fmt, x -> x.pfminor);
            case "thread.exectime" -> f(t, fmt, e -> 0L);
            case "thread.totexectime" -> th(t, fmt, x -> 0L);
            case "thread.cgroups" -> th(t, fmt, x -> x.cgroups.isEmpty() ? null : String.join(" ", x.cgroups));
            case "thread.cgroup" -> th(t, fmt, x -> {
                for (String c : x.cgroups) {
                    int eq = c.indexOf('=');
                    if (eq > 0 && c.substring(0, eq).equals(r.arg())) return c.substring(eq + 1);
                }
                return null;
            });
            case "thread.nametid" -> th(t, fmt, x -> x.comm + x.tid);
            case "proc.nthreads" -> th(t, fmt, x -> (long) x.threadCount());
            case "proc.nchilds" -> f(t, fmt, e -> e.thread == null ? null : (long) tt(e).notLeaderThreads(e.thread));
            case "thread.cpu" -> cpu(t, fmt, true, true);
            case "thread.cpu.user" -> cpu(t, fmt, true, false);
            case "thread.cpu.system" -> cpu(t, fmt, false, true);
            case "proc.stdin.type" -> std(t, fmt, 0, true);
            case "proc.stdout.type" -> std(t, fmt, 1, true);
            case "proc.stderr.type" -> std(t, fmt, 2, true);
            case "proc.stdin.name" -> std(t, fmt, 0, false);
            case "proc.stdout.name" -> std(t, fmt, 1, false);
            case "proc.stderr.name" -> std(t, fmt, 2, false);
            case "user.uid" -> th(t, fmt, x -> x.uid);
            case "user.name" -> usr(t, fmt, false, Users.User::name);
            case "user.homedir" -> usr(t, fmt, false, Users.User::home);
            case "user.shell" -> usr(t, fmt, false, Users.User::shell);
            case "user.loginuid" -> th(t, fmt, x -> (long) (int) x.loginuid);
            case "user.loginname" -> usr(t, fmt, true, Users.User::name);
            case "group.gid" -> th(t, fmt, x -> x.gid);
            case "group.name" -> f(t, fmt, e -> {
                if (e.thread == null) return null;
                Users.Group g = e.st.users.group(e.thread.gid);
                return g == null ? "<NA>" : g.name();
            });
            default -> null;
        };
    }

    /** A user-table field of the thread's uid (or loginuid); "<NA>" for users the capture does not list. */
    static Field usr(FieldType t, String fmt, boolean login, Function<Users.User, Object> g) {
        return f(t, fmt, e -> {
            if (e.thread == null) return null;
            long uid = login ? e.thread.loginuid : e.thread.uid;
            Users.User u;
            if (!login && e.st.containerPlugin && !"host".equals(ContainerFields.fullId(e))) {
                // container users are not in the capture's (host) list; libsinsp knows root only
                u = uid == 0 ? CONTAINER_ROOT : null;
            } else u = e.st.users.user(uid);
            return u == null ? "<NA>" : g.apply(u);
        });
    }

    /**
     * libsinsp get_main_thread for the fd counters: a thread whose process libsinsp never learnt
     * (pid -1) has no main thread, so its process has no open fds and no limit.
     */
    private static boolean hasMainThread(Evt e) {
        ThreadInfo x = e.thread;
        return x.isMainThread() || (x.flags & ThreadInfo.CL_IS_MAIN_THREAD) != 0 || x.pid >= 0;
    }

    static long fdOpenCount(Evt e) {
        if (!hasMainThread(e)) return 0;
        LongMap<FdInfo> m = fds(e);
        return m == null ? 0 : m.size();
    }

    static long fdLimit(Evt e) {
        if (!hasMainThread(e)) return 0;
        ThreadInfo m = main(e);
        return m == null ? 0 : m.fdlimit;
    }

    private static final Users.User CONTAINER_ROOT = new Users.User(0, 0, "root", "/root", "<NA>");

    /**
     * The arguments joined by spaces. Argument lists are never mutated and the parser shares one
     * list among all threads that ran the same command line, so the text is kept by the list's
     * identity (immutable entries: threads sharing the table see whole entries or none).
     */
    static String joined(List<String> args) {
        int slot = System.identityHashCode(args) & (JOINED.length - 1);
        Joined j = JOINED[slot];
        if (j != null && j.args == args) return j.text;
        String text = String.join(" ", args);
        JOINED[slot] = new Joined(args, text);
        return text;
    }

    private record Joined(List<String> args, String text) {}

    private static final Joined[] JOINED = new Joined[256];

    /** Built once per comm/args pair: rules read it on every event, it changes only on execve or prctl. */
    static String cmdline(ThreadInfo x) {
        if (x.cmdline != null && x.cmdlineArgs == x.args && x.cmdlineComm == x.comm) return x.cmdline;
        String c = x.args.isEmpty() ? x.comm : x.comm + " " + joined(x.args);
        x.cmdlineArgs = x.args;
        x.cmdlineComm = x.comm;
        return x.cmdline = c;
    }

    /** A field of the event's thread (null without one). */
    static Field th(FieldType t, String fmt, Function<ThreadInfo, Object> g) {
        return f(t, fmt, e -> {
            if (e.thread == null) return null;
            return g.apply(e.thread);
        });
    }

    /** A field of the parent process. */
    static Field par(FieldType t, String fmt, Function<ThreadInfo, Object> g) {
        return f(t, fmt, e -> {
            ThreadInfo p = ancestor(e, 1);
            return p == null ? null : g.apply(p);
        });
    }

    /** The process whose tid is given by a field of this one (session / process-group leader). */
    static Field rel(FieldType t, String fmt, Function<ThreadInfo, Long> id, Function<ThreadInfo, Object> g) {
        return f(t, fmt, e -> {
            ThreadInfo x = e.thread;
            if (x == null) return null;
            long want = id.apply(x);
            if (want == -1) return "";
            boolean inNs = x.vtid != -1 && x.vtid != x.tid;
            if (!inNs) {
                ThreadInfo o = tt(e).find(want);
                if (o != null) return g.apply(o);
            }
            // libsinsp: the oldest ancestor that still has the same id
            ThreadInfo leader = null;
            ThreadInfo p = tt(e).parent(x);
            for (int i = 0; p != null && i < 256; i++) {
                if (id.apply(p) != want) break;
                leader = p;
                ThreadInfo q = tt(e).parent(p);
                if (q == p) break;
                p = q;
            }
            return leader == null ? "" : g.apply(leader);
        });
    }

    static ThreadInfo ancestor(Evt e, int n) {
        ThreadInfo m = main(e);
        return m == null ? null : tt(e).ancestorProcess(m, n);
    }

    /** thread.cpu*: only procinfo events carry cpu times; the delta since the thread's last one, capped at 100. */
    static Field cpu(FieldType t, String fmt, boolean user, boolean sys) {
        // Falco renders the text first: by the time output_fields is built the delta is 0
        return f(t, fmt, e -> {
            if (e.thread == null || !e.info.name().equals("procinfo")) return null;
            long tcpu = (user ? e.num(0) : 0) + (sys ? e.num(1) : 0);
            int slot = user && sys ? 0 : user ? 1 : 2;
            long last = e.thread.lastCpu[slot];
            e.thread.lastCpu[slot] = tcpu;
            if (last == 0) return 0.0;
            double d = (double) (tcpu - last);
            return Math.min(d, 100.0);
        }).json(e -> e.thread == null || !e.info.name().equals("procinfo") ? null : 0.0);
    }

    /** The value of variable {@code name} in an environment, spaces trimmed; "" when unset or empty (libsinsp's get_env). */
    static String envValue(List<String> env, String name) {
        int n = name.length();
        for (String v : env) {
            if (v.length() > n + 1 && v.charAt(n) == '=' && v.startsWith(name)) {
                int first = n + 1, last = v.length() - 1;
                while (first <= last && v.charAt(first) == ' ') first++;
                while (last >= first && v.charAt(last) == ' ') last--;
                return v.substring(first, last + 1);
            }
        }
        return "";
    }

    /**
     * proc.aenv, as libsinsp: [NAME] is the variable's value in the nearest parent (up to 20 levels)
     * that has it, else "". Otherwise conditions look through the environment of every ancestor,
     * while outputs show the process's own environment (bare or [0]) or the N-th parent's.
     */
    static Field aenv(FieldResolver.Resolved r, FieldType t, String fmt) {
        String a = r.arg() == null ? "" : r.arg();
        if (!a.isEmpty() && !digits(a)) {
            return f(t, fmt, e -> {
                if (e.thread == null) return null;
                ThreadInfo m = main(e);
                String v = "";
                for (int j = 0; m != null && j < 20; j++) {
                    m = tt(e).parent(m);
                    if (m == null) break;
                    v = envValue(tt(e).env(m), a);
                    if (!v.isEmpty()) break;
                }
                return v;
            });
        }
        int k = index(a);
        Function<Evt, Object> shown = e -> {
            if (e.thread == null) return null;
            if (k < 1) return String.join(" ", tt(e).env(e.thread));
            ThreadInfo m = main(e);
            for (int j = 0; m != null && j < k; j++) m = tt(e).parent(m);
            return m == null ? null : String.join(" ", tt(e).env(m));
        };
        return f(t, fmt, e -> ancestors(e, x -> String.join(" ", tt(e).env(x))))
                .text(e -> toText(shown.apply(e), t, fmt))
                .json(e -> toJson(shown.apply(e), t, fmt));
    }

    /** The values of every ancestor of the process (parent first), for the ancestor-searching comparisons. */
    private static Object ancestors(Evt e, Function<ThreadInfo, Object> g) {
        ThreadInfo m = main(e);
        if (m == null) return null;
        List<Object> vals = new ArrayList<>();
        ThreadInfo a = tt(e).parent(m);
        for (int i = 0; a != null && i < 64; i++) {
            vals.add(g.apply(a));
            ThreadInfo p = tt(e).parent(a);
            if (p == a || p == m) break;
            a = p;
        }
        return new Candidates(vals, Candidates.Kind.ANCESTORS);
    }

    /** proc.aXXX[n] (n-th ancestor; 0 is the process itself) or all ancestors as candidates. */
    static Field anc(FieldResolver.Resolved r, FieldType t, String fmt, Function<ThreadInfo, Object> g) {
        if (r.arg() != null) {
            final int k = index(r.arg());
            return f(t, fmt, e -> {
                if (e.thread == null || k < 0) return null;
                ThreadInfo a = ancestor(e, k);
                return a == null ? null : g.apply(a);
            });
        }
        return f(t, fmt, e -> ancestors(e, g)).json(e -> null).text(e -> "<NA>");
    }

    static Object loginShell(Evt e) {
        ThreadInfo m = main(e);
        if (m == null) return null;
        Long found = null;
        ThreadInfo cur = m;
        for (int i = 0; cur != null && i < 64; i++) {
            if (cur.comm.length() >= 2 && cur.comm.endsWith("sh")) found = cur.pid;
            ThreadInfo p = tt(e).parent(cur);
            if (p == cur || p == m) break;
            cur = p;
        }
        return found;
    }

    static Field std(FieldType t, String fmt, long fd, boolean type) {
        return f(t, fmt, e -> {
            if (e.thread == null) return null;
            FdInfo f = tt(e).fd(e.thread, fd);
            if (f == null) return null;
            return type ? f.typeName() : f.name;
        });
    }
}
