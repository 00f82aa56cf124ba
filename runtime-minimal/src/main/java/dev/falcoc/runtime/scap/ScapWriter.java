package dev.falcoc.runtime.scap;

import dev.falcoc.runtime.ScapException;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes .scap captures in the current block versions (section header, machine info, process list
 * v9, fd list v2, user list v2, interface list v2, v2 event blocks), plain or gzip, the layout
 * libscap reads. Blocks are built in one reusable buffer.
 */
public final class ScapWriter implements AutoCloseable {
    private final OutputStream out;
    private byte[] b = new byte[1 << 16];
    private int n;

    private ScapWriter(OutputStream out) { this.out = out; }

    /** Creates the file and writes the section header. */
    public static ScapWriter create(Path file, boolean gzip) throws ScapException {
        try {
            OutputStream o = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            if (gzip) o = new GZIPOutputStream(o, 1 << 16);
            ScapWriter w = new ScapWriter(o);
            w.begin(ScapReader.SHB);
            w.u32(ScapReader.SHB_MAGIC);
            w.u16(1);
            w.u16(2);
            w.u64(-1);
            w.end();
            return w;
        } catch (IOException e) {
            throw new ScapException(file + ": cannot write: " + e.getMessage());
        }
    }

    private void need(int k) {
        if (n + k > b.length) b = java.util.Arrays.copyOf(b, Math.max(b.length * 2, n + k + 1024));
    }

    private void begin(int type) {
        n = 0;
        u32(type);
        u32(0); // total length, patched in end()
    }

    private void end() throws IOException {
        while ((n & 3) != 0) u8(0);
        int total = n + 4;
        Bytes.put32(b, 4, total);
        u32(total);
        out.write(b, 0, n);
    }

    private void u8(int v) { need(1); b[n++] = (byte) v; }
    private void u16(int v) { need(2); Bytes.put16(b, n, v); n += 2; }
    private void u32(long v) { need(4); Bytes.put32(b, n, (int) v); n += 4; }
    private void u64(long v) { need(8); Bytes.put64(b, n, v); n += 8; }
    private void raw(byte[] x) { need(x.length); System.arraycopy(x, 0, b, n, x.length); n += x.length; }
    private void str16(String s) { byte[] x = s.getBytes(StandardCharsets.UTF_8); u16(x.length); raw(x); }
    private void bytes16(byte[] x) { u16(x.length); raw(x); }

    public void machine(int numCpus, long memoryBytes, long maxPid, String hostname, long bootTs, long flags) throws ScapException {
        try {
            begin(ScapReader.MI);
            u32(numCpus);
            u64(memoryBytes);
            u64(maxPid);
            byte[] h = hostname.getBytes(StandardCharsets.UTF_8);
            byte[] fixed = new byte[128];
            System.arraycopy(h, 0, fixed, 0, Math.min(127, h.length));
            raw(fixed);
            u64(bootTs);
            u64(flags);
            u64(0);
            u64(0);
            end();
        } catch (IOException e) {
            throw io(e);
        }
    }

    /** One process list block (v9) with the given threads. */
    public void processes(Iterable<ProcEntry> procs) throws ScapException {
        try {
            begin(ScapReader.PL_V9);
            for (ProcEntry p : procs) {
                int start = n;
                u32(0);
                u64(p.tid); u64(p.pid); u64(p.ptid); u64(p.sid); u64(p.vpgid);
                str16(p.comm); str16(p.exe); str16(p.exepath); bytes16(p.args); str16(p.cwd);
                u64(p.fdlimit); u32(p.flags); u32(p.uid); u32(p.gid);
                u32(p.vmsizeKb); u32(p.vmrssKb); u32(p.vmswapKb); u64(p.pfmajor); u64(p.pfminor);
                bytes16(p.env); u64(p.vtid); u64(p.vpid); bytes16(p.cgroups); str16(p.root);
                u64(p.pidnsInitStartTs); u32(p.tty); u32(p.loginuid); u8(p.exeWritable ? 1 : 0);
                u64(p.capInheritable); u64(p.capPermitted); u64(p.capEffective); u8(p.exeUpperLayer ? 1 : 0);
                u64(p.exeIno); u64(p.exeInoCtime); u64(p.exeInoMtime); u8(p.exeFromMemfd ? 1 : 0); u8(p.exeLowerLayer ? 1 : 0);
                u64(p.pgid);
                Bytes.put32(b, start, n - start); // the entry length counts itself
            }
            end();
        } catch (IOException e) {
            throw io(e);
        }
    }

    /** One fd list block (v2) for a thread. */
    public void fds(long tid, Iterable<FdEntry> fds) throws ScapException {
        try {
            begin(ScapReader.FDL_V2);
            u64(tid);
            for (FdEntry f : fds) {
                int start = n;
                u32(0);
                u64(f.fd);
                u64(f.ino);
                u8(f.type);
                switch (f.type) {
                    case FdEntry.IPV4_SOCK, FdEntry.IPV6_SOCK -> { raw(f.sip); raw(f.dip); u16(f.sport); u16(f.dport); u8(f.l4proto); }
                    case FdEntry.IPV4_SERVSOCK, FdEntry.IPV6_SERVSOCK -> { raw(f.sip); u16(f.sport); u8(f.l4proto); }
                    case FdEntry.UNIX_SOCK -> { u64(f.unixSource); u64(f.unixDest); str16(f.name); }
                    case FdEntry.FILE_V2 -> { u32(f.openFlags); str16(f.name); u32(f.dev); }
                    case FdEntry.UNKNOWN -> { }
                    default -> str16(f.name);
                }
                Bytes.put32(b, start, n - start);
            }
            end();
        } catch (IOException e) {
            throw io(e);
        }
    }

    public record User(long uid, long gid, String name, String home, String shell) {}

    public record Group(long gid, String name) {}

    /** The user list block (v2). */
    public void users(Iterable<User> users, Iterable<Group> groups) throws ScapException {
        try {
            begin(ScapReader.UL_V2);
            for (User u : users) {
                int start = n;
                u32(0);
                u8(0);
                u32(u.uid()); u32(u.gid()); str16(u.name()); str16(u.home()); str16(u.shell());
                Bytes.put32(b, start, n - start);
            }
            for (Group g : groups) {
                int start = n;
                u32(0);
                u8(1);
                u32(g.gid()); str16(g.name());
                Bytes.put32(b, start, n - start);
            }
            end();
        } catch (IOException e) {
            throw io(e);
        }
    }

    public record Iface(String name, byte[] addr, byte[] netmask) {}

    /** The interface list block (v2); addresses of 4 bytes are IPv4, of 16 IPv6. */
    public void interfaces(Iterable<Iface> ifs) throws ScapException {
        try {
            begin(ScapReader.IL_V2);
            for (Iface i : ifs) {
                int start = n;
                u32(0);
                boolean v4 = i.addr().length == 4;
                byte[] name = i.name().getBytes(StandardCharsets.UTF_8);
                u16(v4 ? 1 : 2);
                u16(name.length);
                raw(i.addr());
                raw(i.netmask());
                raw(new byte[i.addr().length]); // broadcast
                u64(0); // link speed
                raw(name);
                Bytes.put32(b, start, n - start - 4); // this entry length does not count itself
            }
            end();
        } catch (IOException e) {
            throw io(e);
        }
    }

    /** One event (v2 layout, header length included) as a v2 event block. */
    public void event(byte[] buf, int off, int cpu) throws ScapException {
        int len = Bytes.i32(buf, off + 16);
        if (len < RawEvent.HEADER || off + len > buf.length) throw new ScapException("cannot write a malformed event (length " + len + ")");
        try {
            begin(ScapReader.EV_V2);
            u16(cpu);
            need(len);
            System.arraycopy(buf, off, b, n, len);
            n += len;
            end();
        } catch (IOException e) {
            throw io(e);
        }
    }

    private static ScapException io(IOException e) {
        return new ScapException("cannot write capture: " + e.getMessage());
    }

    @Override
    public void close() throws ScapException {
        try {
            out.close();
        } catch (IOException e) {
            throw io(e);
        }
    }
}
