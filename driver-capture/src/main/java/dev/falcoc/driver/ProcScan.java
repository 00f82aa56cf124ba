package dev.falcoc.driver;

import dev.falcoc.runtime.live.ProcScanner;
import dev.falcoc.runtime.scap.FdEntry;
import dev.falcoc.runtime.scap.ProcEntry;
import dev.falcoc.runtime.scap.ScapSink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The initial state of a live capture, from /proc and /etc as libscap's bootstrap reads it:
 * machine, users and groups, every thread, and the fds of every process (files, directories and
 * pipes; sockets are learnt from later events).
 */
public final class ProcScan {
    private final Path proc;
    private final Path etc;

    public ProcScan(Path proc, Path etc) {
        this.proc = proc;
        this.etc = etc;
    }

    public static ProcScan host() { return new ProcScan(Path.of("/proc"), Path.of("/etc")); }

    public void scan(ScapSink sink, String hostname, long bootTimeNs) {
        sink.machine(Runtime.getRuntime().availableProcessors(), 0, 0, hostname, bootTimeNs, 0);
        users(sink);
        try (DirectoryStream<Path> ps = Files.newDirectoryStream(proc)) {
            for (Path p : ps) {
                String n = p.getFileName().toString();
                if (!isNum(n)) continue;
                process(sink, p, Long.parseLong(n));
            }
        } catch (IOException e) {
            // an unreadable /proc leaves the state to be learnt from events
        }
    }

    private void users(ScapSink sink) {
        for (String l : lines(etc.resolve("passwd"))) {
            String[] f = l.split(":", -1);
            if (f.length < 7) continue;
            try {
                sink.user(Long.parseLong(f[2]), Long.parseLong(f[3]), f[0], f[5], f[6]);
            } catch (NumberFormatException ignored) { }
        }
        for (String l : lines(etc.resolve("group"))) {
            String[] f = l.split(":", -1);
            if (f.length < 3) continue;
            try {
                sink.group(Long.parseLong(f[2]), f[0]);
            } catch (NumberFormatException ignored) { }
        }
    }

    private void process(ScapSink sink, Path dir, long pid) {
        byte[] cmdline = bytes(dir.resolve("cmdline"));
        String exepath = link(dir.resolve("exe"));
        String cwd = link(dir.resolve("cwd"));
        String root = link(dir.resolve("root"));
        byte[] env = bytes(dir.resolve("environ"));
        long loginuid = num(text(dir.resolve("loginuid")).trim(), 0xffffffffL);
        long fdlimit = fdLimit(dir);
        try (DirectoryStream<Path> ts = Files.newDirectoryStream(dir.resolve("task"))) {
            for (Path t : ts) {
                String n = t.getFileName().toString();
                if (!isNum(n)) continue;
                ProcEntry e = thread(t, pid, Long.parseLong(n));
                if (e == null) continue;
                int z = indexOf(cmdline, (byte) 0);
                e.exe = z < 0 ? new String(cmdline, StandardCharsets.UTF_8) : new String(cmdline, 0, z, StandardCharsets.UTF_8);
                e.args = z < 0 ? new byte[0] : trimNul(Arrays.copyOfRange(cmdline, z + 1, cmdline.length));
                if (e.exe.isEmpty()) e.exe = e.comm;
                e.exepath = exepath;
                e.cwd = cwd.isEmpty() ? "" : cwd.endsWith("/") ? cwd : cwd + "/";
                e.root = root;
                e.env = trimNul(env);
                e.loginuid = loginuid;
                e.fdlimit = fdlimit;
                e.cgroups = ProcScanner.cgroups(text(t.resolve("cgroup"))); // container.id of processes already running
                sink.process(e);
            }
        } catch (IOException e) {
            return;
        }
        fds(sink, dir, pid);
    }

    private ProcEntry thread(Path t, long pid, long tid) {
        String status = text(t.resolve("status"));
        if (status.isEmpty()) return null;
        ProcEntry e = new ProcEntry();
        e.tid = tid;
        e.pid = pid;
        e.comm = text(t.resolve("comm")).strip();
        for (String l : status.split("\n")) {
            int c = l.indexOf(':');
            if (c < 0) continue;
            String k = l.substring(0, c), v = l.substring(c + 1).trim();
            String[] f = v.split("\\s+");
            switch (k) {
                case "PPid" -> e.ptid = num(f[0], 0);
                case "Uid" -> e.uid = num(f.length > 1 ? f[1] : f[0], 0);
                case "Gid" -> e.gid = num(f.length > 1 ? f[1] : f[0], 0);
                case "NSpid" -> e.vtid = num(f[f.length - 1], tid);
                case "NStgid" -> e.vpid = num(f[f.length - 1], pid);
                case "CapInh" -> e.capInheritable = hex(f[0]);
                case "CapPrm" -> e.capPermitted = hex(f[0]);
                case "CapEff" -> e.capEffective = hex(f[0]);
                default -> { }
            }
        }
        String stat = text(t.resolve("stat"));
        int rp = stat.lastIndexOf(')');
        if (rp > 0) {
            String[] f = stat.substring(rp + 2).split(" ");
            // state ppid pgrp session tty_nr ...
            if (f.length > 4) {
                e.pgid = num(f[2], -1);
                e.vpgid = e.pgid;
                e.sid = num(f[3], -1);
                e.tty = num(f[4], 0);
            }
        }
        return e;
    }

    private void fds(ScapSink sink, Path dir, long pid) {
        try (DirectoryStream<Path> fs = Files.newDirectoryStream(dir.resolve("fd"))) {
            for (Path f : fs) {
                String n = f.getFileName().toString();
                if (!isNum(n)) continue;
                String target = link(f);
                if (target.isEmpty()) continue;
                FdEntry e = new FdEntry();
                e.fd = Long.parseLong(n);
                if (target.startsWith("/")) {
                    e.type = Files.isDirectory(Path.of(target)) ? FdEntry.DIRECTORY : FdEntry.FILE;
                    e.name = target;
                } else if (target.startsWith("pipe:[")) {
                    e.type = FdEntry.FIFO;
                    e.ino = num(target.substring(6, target.length() - 1), 0);
                } else {
                    continue;
                }
                for (String l : text(dir.resolve("fdinfo").resolve(n)).split("\n")) {
                    if (l.startsWith("flags:")) e.openFlags = openFlags(Long.parseLong(l.substring(6).trim(), 8));
                    else if (l.startsWith("ino:")) e.ino = num(l.substring(4).trim(), e.ino);
                }
                sink.fd(pid, e);
            }
        } catch (IOException | RuntimeException e) {
            // the process went away or hides its fds
        }
    }

    /** Linux O_* to libscap's PPM_O_* (as the probe does). */
    static long openFlags(long f) {
        long r = switch ((int) (f & 3)) { case 0 -> 1; case 1 -> 2; default -> 3; };
        if ((f & 0100) != 0) r |= 4;
        if ((f & 02000) != 0) r |= 8;
        if ((f & 010000) != 0) r |= 16;
        if ((f & 0200) != 0) r |= 32;
        if ((f & 04000) != 0) r |= 64;
        if ((f & 04000000) != 0) r |= 128;
        if ((f & 01000) != 0) r |= 256;
        if ((f & 040000) != 0) r |= 512;
        if ((f & 0200000) != 0) r |= 1024;
        if ((f & 0100000) != 0) r |= 2048;
        if ((f & 02000000) != 0) r |= 4096;
        return r;
    }

    private static long fdLimit(Path dir) {
        for (String l : text(dir.resolve("limits")).split("\n")) {
            if (l.startsWith("Max open files")) {
                String[] f = l.substring(14).trim().split("\\s+");
                return num(f[0], 0);
            }
        }
        return 0;
    }

    private static boolean isNum(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    private static long num(String s, long dflt) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static long hex(String s) {
        try {
            return Long.parseUnsignedLong(s, 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int indexOf(byte[] b, byte v) {
        for (int i = 0; i < b.length; i++) if (b[i] == v) return i;
        return -1;
    }

    private static byte[] trimNul(byte[] b) {
        int n = b.length;
        while (n > 0 && b[n - 1] == 0) n--;
        return n == b.length ? b : Arrays.copyOf(b, n);
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }

    private static String text(Path p) { return new String(bytes(p), StandardCharsets.UTF_8); }

    private static java.util.List<String> lines(Path p) { return text(p).lines().toList(); }

    private static String link(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
