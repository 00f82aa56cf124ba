package dev.falcoc.driver;

import dev.falcoc.runtime.scap.FdEntry;
import dev.falcoc.runtime.scap.ProcEntry;
import dev.falcoc.runtime.scap.ScapSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** /proc bootstrap on a fake /proc tree (no privileges needed). */
class ProcScanTest {
    @TempDir
    Path dir;

    @Test
    void threadsFdsAndUsers() throws Exception {
        Path proc = dir.resolve("proc"), etc = dir.resolve("etc");
        Path p = proc.resolve("100"), t1 = p.resolve("task/100"), t2 = p.resolve("task/101");
        Files.createDirectories(t1);
        Files.createDirectories(t2);
        Files.createDirectories(p.resolve("fd"));
        Files.createDirectories(p.resolve("fdinfo"));
        Files.createDirectories(etc);
        Files.write(p.resolve("cmdline"), "/bin/sleep\u0000100\u0000".getBytes(StandardCharsets.UTF_8));
        Files.createSymbolicLink(p.resolve("exe"), Path.of("/usr/bin/sleep"));
        Files.createSymbolicLink(p.resolve("cwd"), Path.of("/srv"));
        Files.writeString(p.resolve("loginuid"), "1000");
        for (Path t : List.of(t1, t2)) {
            String tid = t.getFileName().toString();
            Files.writeString(t.resolve("comm"), "sleep\n");
            Files.writeString(t.resolve("status"), "Name:\tsleep\nTgid:\t100\nPid:\t" + tid + "\nPPid:\t1\nUid:\t0\t1000\t1000\t1000\nGid:\t0\t50\t50\t50\nNSpid:\t" + tid + "\t7\nNStgid:\t100\t7\n");
            Files.writeString(t.resolve("stat"), tid + " (sleep) S 1 100 99 0 -1");
            Files.writeString(t.resolve("cgroup"), "4:memory:/docker/abc\n0::/system.slice/x.scope\n");
        }
        Path target = dir.resolve("data.txt");
        Files.writeString(target, "x");
        Files.createSymbolicLink(p.resolve("fd/3"), target);
        Files.writeString(p.resolve("fdinfo/3"), "pos:\t0\nflags:\t02000002\nino:\t77\n");
        Files.createSymbolicLink(p.resolve("fd/4"), Path.of("socket:[1234]"));
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\nbob:x:1000:50::/home/bob:/bin/sh\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\nstaff:x:50:\n");

        List<ProcEntry> procs = new ArrayList<>();
        List<FdEntry> fds = new ArrayList<>();
        List<String> users = new ArrayList<>();
        new ProcScan(proc, etc).scan(new ScapSink() {
            @Override public void process(ProcEntry e) { procs.add(e); }
            @Override public void fd(long tid, FdEntry fd) { assertEquals(100, tid); fds.add(fd); }
            @Override public void user(long uid, long gid, String name, String home, String shell) { users.add(uid + ":" + name); }
            @Override public void group(long gid, String name) { users.add("g" + gid + ":" + name); }
        }, "box", 0);

        assertEquals(List.of("0:root", "1000:bob", "g0:root", "g50:staff"), users);
        assertEquals(2, procs.size());
        procs.sort((a, b) -> Long.compare(a.tid, b.tid));
        ProcEntry main = procs.get(0);
        assertEquals(100, main.pid);
        assertEquals(1, main.ptid);
        assertEquals("/bin/sleep", main.exe);
        assertEquals("100", new String(main.args, StandardCharsets.UTF_8));
        assertEquals("/usr/bin/sleep", main.exepath);
        assertEquals("/srv/", main.cwd);
        assertEquals(1000, main.uid, "effective uid");
        assertEquals(50, main.gid);
        assertEquals(1000, main.loginuid);
        assertEquals("memory=/docker/abc\u0000unified=/system.slice/x.scope\u0000", new String(main.cgroups, StandardCharsets.UTF_8),
                "cgroups as the probe's events carry them, so container.id works for processes already running");
        assertEquals(7, main.vpid);
        assertEquals(99, main.sid);
        assertEquals(101, procs.get(1).tid);
        assertEquals(1, fds.size(), "sockets are learnt from events");
        FdEntry fd = fds.get(0);
        assertEquals(3, fd.fd);
        assertEquals(target.toString(), fd.name);
        assertEquals(77, fd.ino);
        assertEquals(3 | 4096, fd.openFlags, "O_RDWR|O_CLOEXEC as PPM flags");
    }
}
