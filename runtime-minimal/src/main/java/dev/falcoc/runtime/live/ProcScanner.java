package dev.falcoc.runtime.live;

import dev.falcoc.runtime.scap.FdEntry;
import dev.falcoc.runtime.scap.ProcEntry;
import dev.falcoc.runtime.scap.ScapSink;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * Initial state for live use, read from /proc the way libscap's bootstrap does (the subset the
 * fields need): every thread's identity, command line, environment, cwd/root, credentials,
 * capabilities, cgroups and memory figures, the process' open fds, users, groups and interfaces.
 * Processes that vanish or cannot be read are skipped.
 */
public final class ProcScanner {
    private final Path proc;
    private final Path hostRoot;

    public ProcScanner(Path proc, Path hostRoot) {
        this.proc = proc;
        this.hostRoot = hostRoot;
    }

    /** Scans /proc and / (or HOST_ROOT) into the sink; returns the number of threads found. */
    public int scan(ScapSink sink) {
        users(sink);
        interfaces(sink);
        int n = 0;
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> isNumber(p.getFileName().toString()))) {
            for (Path pdir : pids) {
                long pid = Long.parseLong(pdir.getFileName().toString());
                List<Path> tasks = new ArrayList<>();
                try (DirectoryStream<Path> ts = Files.newDirectoryStream(pdir.resolve("task"), p -> isNumber(p.getFileName().toString()))) {
                    for (Path t : ts) tasks.add(t);
                } catch (IOException | RuntimeException gone) {
                    tasks.add(pdir);
                }
                for (Path tdir : tasks) {
                    ProcEntry e = thread(pdir, tdir, pid);
                    if (e != null) {
                        sink.process(e);
                        n++;
                    }
                }
                fds(pdir, pid, sink);
            }
        } catch (IOException | RuntimeException unreadable) {
            // no /proc: nothing to bootstrap from
        }
        return n;
    }

    static boolean isNumber(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String link(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private ProcEntry thread(Path pdir, Path tdir, long pid) {
        byte[] status = read(tdir.resolve("status"));
        if (status == null) return null;
        ProcEntry e = new ProcEntry();
        e.tid = Long.parseLong(tdir.getFileName().toString());
        e.pid = pid;
        for (String line : new String(status, StandardCharsets.UTF_8).split("\n")) {
            int c = line.indexOf(':');
            if (c < 0) continue;
            String k = line.substring(0, c), v = line.substring(c + 1).trim();
            String first = v.split("\\s+")[0];
            try {
                switch (k) {
                    case "Tgid" -> e.pid = Long.parseLong(first);
                    case "PPid" -> e.ptid = Long.parseLong(first);
                    case "Uid" -> e.uid = Long.parseLong(v.split("\\s+")[1]); // effective
                    case "Gid" -> e.gid = Long.parseLong(v.split("\\s+")[1]);
                    case "CapInh" -> e.capInheritable = Long.parseUnsignedLong(first, 16);
                    case "CapPrm" -> e.capPermitted = Long.parseUnsignedLong(first, 16);
                    case "CapEff" -> e.capEffective = Long.parseUnsignedLong(first, 16);
                    case "VmSize" -> e.vmsizeKb = Long.parseLong(first);
                    case "VmRSS" -> e.vmrssKb = Long.parseLong(first);
                    case "VmSwap" -> e.vmswapKb = Long.parseLong(first);
                    case "NSpid" -> { String[] s = v.split("\\s+"); e.vtid = Long.parseLong(s[s.length - 1]); }
                    case "NStgid" -> { String[] s = v.split("\\s+"); e.vpid = Long.parseLong(s[s.length - 1]); }
                    default -> { }
                }
            } catch (RuntimeException ignored) {
                // a field in an unexpected form keeps its default
            }
        }
        byte[] comm = read(tdir.resolve("comm"));
        e.comm = comm == null ? "" : new String(comm, StandardCharsets.UTF_8).strip();
        byte[] cmd = read(pdir.resolve("cmdline"));
        if (cmd != null && cmd.length > 0) {
            int z = 0;
            while (z < cmd.length && cmd[z] != 0) z++;
            e.exe = new String(cmd, 0, z, StandardCharsets.UTF_8);
            e.args = z + 1 < cmd.length ? java.util.Arrays.copyOfRange(cmd, z + 1, cmd.length) : new byte[0];
        } else e.exe = e.comm;
        byte[] env = read(pdir.resolve("environ"));
        e.env = env == null ? new byte[0] : env;
        e.exepath = link(pdir.resolve("exe"));
        e.cwd = link(tdir.resolve("cwd"));
        e.root = link(tdir.resolve("root"));
        byte[] cg = read(tdir.resolve("cgroup"));
        if (cg != null) e.cgroups = cgroups(new String(cg, StandardCharsets.UTF_8));
        byte[] stat = read(tdir.resolve("stat"));
        if (stat != null) {
            String s = new String(stat, StandardCharsets.UTF_8);
            int rp = s.lastIndexOf(')');
            String[] f = s.substring(rp + 2).split(" ");
            try {
                e.pgid = e.vpgid = Long.parseLong(f[2]);
                e.sid = Long.parseLong(f[3]);
                e.tty = Long.parseLong(f[4]);
                e.pfminor = Long.parseLong(f[7]);
                e.pfmajor = Long.parseLong(f[9]);
            } catch (RuntimeException ignored) {
                // short stat line: keep defaults
            }
        }
        byte[] login = read(tdir.resolve("loginuid"));
        if (login != null) {
            try { e.loginuid = Long.parseLong(new String(login, StandardCharsets.UTF_8).strip()); } catch (RuntimeException ignored) { }
        }
        byte[] limits = read(pdir.resolve("limits"));
        if (limits != null) {
            for (String l : new String(limits, StandardCharsets.UTF_8).split("\n")) {
                if (l.startsWith("Max open files")) {
                    String[] f = l.substring(14).trim().split("\\s+");
                    try { e.fdlimit = Long.parseLong(f[0]); } catch (RuntimeException ignored) { }
                }
            }
        }
        return e;
    }

    /** /proc/PID/cgroup lines "id:subsys:path" → the capture form "subsys=path\0...". */
    public static byte[] cgroups(String text) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n")) {
            String[] f = line.split(":", 3);
            if (f.length < 3) continue;
            for (String sub : (f[1].isEmpty() ? "unified" : f[1]).split(",")) b.append(sub).append('=').append(f[2]).append('\0');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void fds(Path pdir, long pid, ScapSink sink) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(pdir.resolve("fd"))) {
            for (Path fd : fds) {
                String target = link(fd);
                if (target.isEmpty() || !isNumber(fd.getFileName().toString())) continue;
                FdEntry f = new FdEntry();
                f.fd = Long.parseLong(fd.getFileName().toString());
                if (target.startsWith("socket:")) {
                    f.type = FdEntry.UNSUPPORTED; // socket tuples need /proc/net; left for later
                    f.name = target;
                } else if (target.startsWith("pipe:")) {
                    f.type = FdEntry.FIFO;
                    f.name = target;
                } else if (target.startsWith("anon_inode:")) {
                    f.type = switch (target) {
                        case "anon_inode:[eventfd]" -> FdEntry.EVENT;
                        case "anon_inode:[signalfd]" -> FdEntry.SIGNALFD;
                        case "anon_inode:[eventpoll]" -> FdEntry.EVENTPOLL;
                        case "anon_inode:inotify" -> FdEntry.INOTIFY;
                        case "anon_inode:[timerfd]" -> FdEntry.TIMERFD;
                        case "anon_inode:bpf-map", "anon_inode:bpf-prog" -> FdEntry.BPF;
                        case "anon_inode:[pidfd]" -> FdEntry.PIDFD;
                        default -> FdEntry.UNSUPPORTED;
                    };
                    f.name = target;
                } else if (target.startsWith("/memfd:")) {
                    f.type = FdEntry.MEMFD;
                    f.name = target;
                } else {
                    f.type = Files.isDirectory(Path.of(target)) ? FdEntry.DIRECTORY : FdEntry.FILE_V2;
                    f.name = target;
                    byte[] info = read(pdir.resolve("fdinfo").resolve(fd.getFileName()));
                    if (info != null) {
                        for (String l : new String(info, StandardCharsets.UTF_8).split("\n")) {
                            if (l.startsWith("flags:")) {
                                try { f.openFlags = openFlags(Long.parseLong(l.substring(6).trim(), 8)); } catch (RuntimeException ignored) { }
                            }
                        }
                    }
                }
                sink.fd(pid, f);
            }
        } catch (IOException | RuntimeException unreadable) {
            // permission or a vanished process: no fds
        }
    }

    /** Linux open(2) flags → the PPM_O_* flags events carry. */
    static long openFlags(long o) {
        long r = 0;
        int acc = (int) (o & 3);
        r |= acc == 0 ? 1 : acc == 1 ? 2 : 3;
        if ((o & 0100) != 0) r |= 4;      // O_CREAT
        if ((o & 0200) != 0) r |= 32;     // O_EXCL
        if ((o & 01000) != 0) r |= 256;   // O_TRUNC
        if ((o & 02000) != 0) r |= 8;     // O_APPEND
        if ((o & 04000) != 0) r |= 64;    // O_NONBLOCK
        if ((o & 0200000) != 0) r |= 1024; // O_DIRECTORY
        if ((o & 02000000) != 0) r |= 4096; // O_CLOEXEC
        return r;
    }

    private void users(ScapSink sink) {
        byte[] pw = read(hostRoot.resolve("etc/passwd"));
        if (pw != null) {
            for (String l : new String(pw, StandardCharsets.UTF_8).split("\n")) {
                String[] f = l.split(":", -1);
                if (f.length < 7) continue;
                try { sink.user(Long.parseLong(f[2]), Long.parseLong(f[3]), f[0], f[5], f[6]); } catch (RuntimeException ignored) { }
            }
        }
        byte[] gr = read(hostRoot.resolve("etc/group"));
        if (gr != null) {
            for (String l : new String(gr, StandardCharsets.UTF_8).split("\n")) {
                String[] f = l.split(":", -1);
                if (f.length < 3) continue;
                try { sink.group(Long.parseLong(f[2]), f[0]); } catch (RuntimeException ignored) { }
            }
        }
    }

    private void interfaces(ScapSink sink) {
        try {
            Enumeration<NetworkInterface> it = NetworkInterface.getNetworkInterfaces();
            while (it != null && it.hasMoreElements()) {
                NetworkInterface ni = it.nextElement();
                for (InterfaceAddress a : ni.getInterfaceAddresses()) {
                    byte[] addr = a.getAddress().getAddress();
                    int plen = a.getNetworkPrefixLength();
                    byte[] mask = new byte[addr.length];
                    for (int i = 0; i < mask.length * 8 && i < plen; i++) mask[i / 8] |= (byte) (0x80 >>> (i % 8));
                    if (a.getAddress() instanceof Inet4Address || addr.length == 16) sink.iface(ni.getName(), addr, mask);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // no interface list
        }
    }
}
