package dev.falcoc.driver;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The syscalls the probe can report (x86_64 numbers) and those the state engine always needs. */
public final class Syscalls {
    private Syscalls() {}

    /** Event-type name (as in rules) to x86_64 syscall number, for every syscall the probe emits. */
    public static final Map<String, Integer> SUPPORTED = Map.ofEntries(
            Map.entry("open", 2), Map.entry("close", 3), Map.entry("dup", 32), Map.entry("dup2", 33),
            Map.entry("socket", 41), Map.entry("connect", 42), Map.entry("clone", 56), Map.entry("fork", 57),
            Map.entry("vfork", 58), Map.entry("execve", 59), Map.entry("chdir", 80), Map.entry("fchdir", 81),
            Map.entry("creat", 85), Map.entry("unlink", 87), Map.entry("symlink", 88), Map.entry("setuid", 105),
            Map.entry("setgid", 106), Map.entry("mount", 165), Map.entry("openat", 257), Map.entry("unlinkat", 263),
            Map.entry("symlinkat", 266), Map.entry("dup3", 292), Map.entry("execveat", 322), Map.entry("clone3", 435),
            Map.entry("openat2", 437));

    /** What threads, fds, cwd and users need whatever the rules are (Falco's state set, as far as the probe goes). */
    public static final Set<String> STATE = Set.of("open", "openat", "openat2", "creat", "close", "dup", "dup2", "dup3",
            "socket", "connect", "clone", "fork", "vfork", "clone3", "execve", "execveat", "chdir", "fchdir",
            "setuid", "setgid");

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
