package dev.falcoc.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each syscall family of the live probe, end to end: a Python workload makes one call of each
 * (raw syscall numbers), `falcoc run` live with one rule per family prints the fields Falco's
 * rules read, and the test compares them with what the workload did. Also the process context of
 * execve: container id from a fresh cgroup, cwd, env, tty, exe from a memfd. Root only; skipped
 * loudly otherwise (see {@link LiveRunTest}).
 */
class LiveSyscallsTest {
    /** A container id as Docker writes it into cgroup paths. */
    static final String CONTAINER = "f1a2c3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00";

    @TempDir
    static Path dir;

    @Test
    void everySyscallFamilyDecodesToTheFieldsRulesRead() throws Exception {
        LiveRunTest.canRun();
        assumeTrue(LiveRunTest.skip == null, () -> "LIVE DRIVER TESTS SKIPPED: " + LiveRunTest.skip);
        LiveRunTest.dir = dir; // where runLive keeps falcoc's output
        Path t = Files.createTempDirectory(dir, "sys");
        Path rules = t.resolve("rules.yaml"), py = t.resolve("falcoc-syscalls-test.py");
        copy("/live/syscalls.yaml", rules);
        copy("/live/falcoc-syscalls-test.py", py);
        Files.createDirectories(t.resolve("cwddir"));
        Path cg = cgroupDir();
        String workload = String.join("\n",
                "PY=$(python3 -c 'import sys; print(sys.executable)')", // the interpreter itself, not a wrapper script
                "$PY " + py + " " + t,
                "mkdir -p " + cg,
                "cd " + t.resolve("cwddir") + " && FALCOC_ENV_MARK=42 script -qec \"sh -c 'echo \\$\\$ > " + cg
                        + "/cgroup.procs; exec cat /etc/hostname falcoc-ctx-marker'\" /dev/null",
                "rmdir " + cg);
        StringBuilder log = new StringBuilder();
        List<LiveRunTest.Alert> all = LiveRunTest.runLive(rules, List.of(workload), log);
        String diag = "\nalerts: " + all + "\nlog: " + log;
        Map<String, String> facts = facts(t.resolve("facts"), diag);
        String sport = facts.get("sport"), cport = facts.get("cport");
        String tcp = "127.0.0.1:" + cport + "->127.0.0.1:" + sport;

        LiveRunTest.Alert accept = one(all, "t accept", a -> true, diag);
        assertEquals(tcp, accept.f("fd.name"), diag);
        assertEquals("4", accept.f("fd.typechar"), diag);
        assertEquals(sport, accept.f("fd.sport"), diag);
        assertEquals(cport, accept.f("fd.cport"), diag);
        assertEquals("7", accept.f("evt.arg.queuemax"), diag);

        List<LiveRunTest.Alert> binds = all.stream().filter(a -> a.rule().equals("t bind listen") && a.f("evt.type").equals("bind")).toList();
        assertEquals(3, binds.size(), "TCP and two UDP binds" + diag);
        for (LiveRunTest.Alert b : binds) assertEquals("127.0.0.1:0", b.f("evt.arg.addr"), "the address as given (ephemeral port)" + diag);
        assertEquals("7", one(all, "t bind listen", a -> a.f("evt.type").equals("listen"), diag).f("evt.arg.backlog"), diag);

        assertEquals(tcp, one(all, "t send recv", a -> a.f("evt.type").equals("sendto"), diag).f("fd.name"), diag);
        LiveRunTest.Alert recv = one(all, "t send recv", a -> a.f("evt.type").equals("recvfrom"), diag);
        assertEquals(tcp, recv.f("fd.name"), diag);
        assertEquals("SUCCESS", recv.f("evt.res"), diag);
        assertEquals("16", recv.f("evt.arg.size"), "the buffer size asked for" + diag);
        String udp = "127.0.0.1:" + facts.get("u2") + "->127.0.0.1:" + facts.get("u1");
        assertEquals(udp, one(all, "t send recv", a -> a.f("evt.type").equals("sendmsg"), diag).f("fd.name"), diag);
        assertEquals("5", one(all, "t send recv", a -> a.f("evt.type").equals("sendmsg"), diag).f("evt.arg.size"), diag);
        assertTrue(one(all, "t send recv", a -> a.f("evt.type").equals("recvmsg"), diag).f("fd.name").contains(":" + facts.get("u1")), diag);

        // the interpreter makes pipes of its own: ours are those with the fds the workload saw
        for (String pair : List.of("pipe", "pipe2", "socketpair")) {
            one(all, "t fd pairs", a -> a.f("evt.type").equals(pair) && facts.get(pair).equals(a.f("evt.rawarg.fd1") + "," + a.f("evt.rawarg.fd2")), pair + diag);
        }
        assertEquals("O_NONBLOCK|O_CLOEXEC", one(all, "t fd pairs", a -> a.f("evt.type").equals("pipe2")
                && facts.get("pipe2").startsWith(a.f("evt.rawarg.fd1") + ","), diag).f("evt.arg.flags"), diag);

        assertEquals(t + "/f2", one(all, "t renames", a -> a.f("evt.type").equals("rename"), diag).f("evt.arg.newpath"), diag);
        assertEquals(t + "/f1", one(all, "t renames", a -> a.f("evt.type").equals("rename"), diag).f("evt.arg.oldpath"), diag);
        LiveRunTest.Alert renameat = one(all, "t renames", a -> a.f("evt.type").equals("renameat"), diag);
        assertEquals(t + "/f2", renameat.f("evt.arg.oldpath"), diag);
        assertEquals(t + "/f3", renameat.f("evt.arg.newpath"), diag);
        assertEquals(t + "/f4", one(all, "t renames", a -> a.f("evt.type").equals("renameat2"), diag).f("evt.arg.newpath"), diag);

        assertEquals(t + "/d1", one(all, "t dirs", a -> a.f("evt.type").equals("mkdir"), diag).f("evt.arg.path"), diag);
        assertEquals(t + "/d2", one(all, "t dirs", a -> a.f("evt.type").equals("mkdirat"), diag).f("evt.arg.path"), diag);
        assertEquals(t + "/d1", one(all, "t dirs", a -> a.f("evt.type").equals("rmdir"), diag).f("evt.arg.path"), diag);
        assertEquals(t + "/f4", one(all, "t dirs", a -> a.f("evt.type").equals("unlink"), diag).f("evt.arg.path"), diag);
        assertEquals(t + "/d2", one(all, "t dirs", a -> a.f("evt.type").equals("unlinkat"), diag).f("evt.arg.name"), diag);

        LiveRunTest.Alert chmod = one(all, "t chmods", a -> a.f("evt.type").equals("chmod"), diag);
        assertEquals(t + "/f4", chmod.f("evt.arg.filename"), diag);
        assertEquals(String.valueOf(0600), chmod.f("evt.rawarg.mode"), diag);
        LiveRunTest.Alert fchmod = one(all, "t chmods", a -> a.f("evt.type").equals("fchmod"), diag);
        assertEquals(t + "/f4", fchmod.f("fd.name"), diag);
        assertEquals(String.valueOf(0640), fchmod.f("evt.rawarg.mode"), diag);
        assertEquals(t + "/f4", one(all, "t chmods", a -> a.f("evt.type").equals("fchmodat"), diag).f("evt.arg.filename"), diag);

        LiveRunTest.Alert creds = one(all, "t creds", a -> a.f("evt.type").equals("setresuid"), diag);
        assertEquals("0", creds.f("evt.rawarg.euid"), diag);
        assertEquals("0", creds.f("user.uid"), diag);

        assertEquals("PTRACE_TRACEME", one(all, "t ptrace", a -> true, diag).f("evt.arg.request"), diag);

        LiveRunTest.Alert memfd = one(all, "t fd misc", a -> a.f("evt.type").equals("memfd_create") && a.f("evt.arg.name").equals("falcoc-memfd"), diag);
        assertEquals("SUCCESS", memfd.f("evt.res"), diag);
        assertTrue(memfd.f("fd.name").contains("falcoc-memfd"), diag);
        assertEquals(t + "/f4", one(all, "t fd misc", a -> a.f("evt.type").equals("dup"), diag).f("fd.name"), diag);
        LiveRunTest.Alert fcntl = one(all, "t fd misc", a -> a.f("evt.type").equals("fcntl") && a.f("fd.name").equals(t + "/f4"), diag);
        assertEquals("F_GETFD", fcntl.f("evt.arg.cmd"), diag);
        LiveRunTest.Alert prctl = one(all, "t fd misc", a -> a.f("evt.type").equals("prctl") && a.f("evt.rawarg.option").equals("15"), diag);
        assertEquals("falcoc-prctl", prctl.f("evt.arg.arg2_str"), diag);

        LiveRunTest.Alert ctx = one(all, "t exec context", a -> true, diag);
        assertEquals(CONTAINER.substring(0, 12), ctx.f("container.id"), diag);
        assertEquals(t.resolve("cwddir") + "/", ctx.f("proc.cwd"), diag);
        assertTrue(ctx.f("proc.env").contains("FALCOC_ENV_MARK=42"), diag);
        assertNotEquals("0", ctx.f("proc.tty"), "script gives cat a terminal" + diag);
        assertEquals("false", ctx.f("proc.is_exe_from_memfd"), diag);
        one(all, "t memfd exec", a -> true, diag);
    }

    /** A fresh cgroup named like Docker's, in the cpu hierarchy (cgroup v1) or the unified one (v2). */
    static Path cgroupDir() {
        Path v1 = Path.of("/sys/fs/cgroup/cpu");
        if (Files.isDirectory(v1)) return v1.resolve("docker").resolve(CONTAINER);
        return Path.of("/sys/fs/cgroup/docker-" + CONTAINER + ".scope");
    }

    static LiveRunTest.Alert one(List<LiveRunTest.Alert> all, String rule, Predicate<LiveRunTest.Alert> which, String diag) {
        List<LiveRunTest.Alert> l = all.stream().filter(a -> a.rule().equals(rule) && which.test(a)).toList();
        assertEquals(1, l.size(), "alerts of rule " + rule + diag);
        return l.get(0);
    }

    static void copy(String resource, Path to) throws Exception {
        try (var in = LiveSyscallsTest.class.getResourceAsStream(resource)) {
            Files.write(to, in.readAllBytes());
        }
    }

    static Map<String, String> facts(Path f, String diag) throws Exception {
        assertTrue(Files.exists(f), "the workload did not finish" + diag);
        Map<String, String> m = new HashMap<>();
        for (String l : Files.readAllLines(f)) {
            int eq = l.indexOf('=');
            if (eq > 0) m.put(l.substring(0, eq), l.substring(eq + 1));
        }
        return m;
    }
}
