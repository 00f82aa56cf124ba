package dev.falcoc.driver;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The syscalls the probe can report (x86_64 numbers) and those the state engine always needs. */
public final class Syscalls {
    private Syscalls() {}

    /** Event-type name (as in rules) to x86_64 syscall number, for every syscall the probe emits. */
    public static final Map<String, Integer> SUPPORTED = Map.ofEntries(
            Map.entry("open", 2), Map.entry("close", 3), Map.entry("pipe", 22), Map.entry("dup", 32), Map.entry("dup2", 33),
            Map.entry("socket", 41), Map.entry("connect", 42), Map.entry("accept", 43), Map.entry("sendto", 44),
            Map.entry("recvfrom", 45), Map.entry("sendmsg", 46), Map.entry("recvmsg", 47), Map.entry("shutdown", 48),
            Map.entry("bind", 49), Map.entry("listen", 50), Map.entry("socketpair", 53), Map.entry("clone", 56),
            Map.entry("fork", 57), Map.entry("vfork", 58), Map.entry("execve", 59), Map.entry("fcntl", 72),
            Map.entry("chdir", 80), Map.entry("fchdir", 81), Map.entry("rename", 82), Map.entry("mkdir", 83),
            Map.entry("rmdir", 84), Map.entry("creat", 85), Map.entry("link", 86), Map.entry("unlink", 87),
            Map.entry("symlink", 88), Map.entry("chmod", 90), Map.entry("fchmod", 91), Map.entry("ptrace", 101),
            Map.entry("setuid", 105), Map.entry("setgid", 106), Map.entry("setpgid", 109), Map.entry("setsid", 112),
            Map.entry("setreuid", 113), Map.entry("setregid", 114), Map.entry("setresuid", 117), Map.entry("setresgid", 119),
            Map.entry("capset", 126), Map.entry("prctl", 157), Map.entry("chroot", 161), Map.entry("mount", 165),
            Map.entry("umount2", 166), Map.entry("init_module", 175), Map.entry("epoll_create", 213),
            Map.entry("inotify_init", 253), Map.entry("openat", 257), Map.entry("mkdirat", 258), Map.entry("unlinkat", 263),
            Map.entry("renameat", 264), Map.entry("linkat", 265), Map.entry("symlinkat", 266), Map.entry("fchmodat", 268),
            Map.entry("unshare", 272), Map.entry("signalfd", 282), Map.entry("timerfd_create", 283), Map.entry("eventfd", 284),
            Map.entry("accept4", 288), Map.entry("signalfd4", 289), Map.entry("eventfd2", 290), Map.entry("epoll_create1", 291),
            Map.entry("dup3", 292), Map.entry("pipe2", 293), Map.entry("inotify_init1", 294), Map.entry("setns", 308),
            Map.entry("finit_module", 313), Map.entry("renameat2", 316), Map.entry("memfd_create", 319), Map.entry("bpf", 321),
            Map.entry("execveat", 322), Map.entry("userfaultfd", 323), Map.entry("pidfd_open", 434), Map.entry("clone3", 435),
            Map.entry("openat2", 437), Map.entry("pidfd_getfd", 438));

    /**
     * What threads, fds, cwd and users need whatever the rules are: Falco's state set as far as the
     * probe goes, without its high-volume I/O (sendto/recvfrom/sendmsg/recvmsg are traced only
     * when a rule names them, as Falco leaves them out unless asked).
     */
    public static final Set<String> STATE = Set.of("open", "openat", "openat2", "creat", "close", "dup", "dup2", "dup3",
            "socket", "connect", "accept", "accept4", "bind", "socketpair", "pipe", "pipe2", "fcntl", "eventfd", "eventfd2",
            "signalfd", "signalfd4", "timerfd_create", "inotify_init", "inotify_init1", "epoll_create", "epoll_create1",
            "userfaultfd", "memfd_create", "pidfd_open", "pidfd_getfd", "clone", "fork", "vfork", "clone3", "execve",
            "execveat", "chdir", "fchdir", "chroot", "setuid", "setgid", "setresuid", "setresgid", "setreuid", "setregid",
            "setsid", "capset", "prctl");

    /** Non-syscall events: procexit always comes from the probe; the others are not driver events. */
    private static final Set<String> META = Set.of("procexit", "asyncevent", "pluginevent", "container", "notification",
            "infra", "useradded", "userdeleted", "groupadded", "groupdeleted");

    /** Syscall numbers to trace for the given rule event names; names the probe cannot report go to {@code unsupported}. */
    public static Set<Integer> select(Iterable<String> ruleEvents, Set<String> unsupported) {
        Set<Integer> out = new TreeSet<>();
        for (String s : STATE) out.add(SUPPORTED.get(s));
        for (String n : ruleEvents) {
            Integer nr = SUPPORTED.get(n);
            if (nr != null) out.add(nr);
            else if (!META.contains(n) && unsupported != null) unsupported.add(n);
        }
        return out;
    }
}
