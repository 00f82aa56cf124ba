package dev.falcoc.driver;

import dev.falcoc.runtime.scap.FdEntry;
import dev.falcoc.runtime.scap.ProcEntry;
import dev.falcoc.runtime.scap.RawEvent;
import dev.falcoc.runtime.scap.ScapSink;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a live capture as a .scap file (plain, little endian, the block versions libscap 0.20+
 * writes: section header, machine info, user list v2, process list v9, fd lists v2, then event
 * blocks v2), so Falco and {@code falcoc run --replay} can read it back. Also a {@link ScapSink}:
 * the initial state passes through it on its way to the runtime and is kept for the header.
 */
public final class ScapWriter implements ScapSink, AutoCloseable {
    private static final int SHB = 0x0A0D0D0A, SHB_MAGIC = 0x1A2B3C4D, MI = 0x201, PL_V9 = 0x215, FDL_V2 = 0x218,
            UL_V2 = 0x220, EV_V2 = 0x216;

    private final ScapSink next;
    private final OutputStream out;
    private final List<ProcEntry> procs = new ArrayList<>();
    private final List<Object[]> fds = new ArrayList<>();
    private final ByteArrayOutputStream users = new ByteArrayOutputStream();
    private int numCpus;
    private long memory, maxPid, bootTs, flags;
    private String hostname = "";
    private boolean headerDone;
    private final byte[] blk = new byte[1 << 17];
    private long events;

    public ScapWriter(Path file, ScapSink next) throws IOException {
        this.next = next;
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
    }

    @Override
    public void machine(int numCpus, long memoryBytes, long maxPid, String hostname, long bootTs, long flags) {
        this.numCpus = numCpus;
        this.memory = memoryBytes;
        this.maxPid = maxPid;
        this.hostname = hostname;
        this.bootTs = bootTs;
        this.flags = flags;
        next.machine(numCpus, memoryBytes, maxPid, hostname, bootTs, flags);
    }

    @Override
    public void process(ProcEntry p) {
        procs.add(p);
        next.process(p);
    }

    @Override
    public void fd(long tid, FdEntry fd) {
        fds.add(new Object[] {tid, fd});
        next.fd(tid, fd);
    }

    @Override
    public void user(long uid, long gid, String name, String home, String shell) {
        Buf b = new Buf();
        b.u8(0).u32(uid).u32(gid).lstr(name).lstr(home).lstr(shell).lstr("");
        entry(users, b);
        next.user(uid, gid, name, home, shell);
    }

    @Override
    public void group(long gid, String name) {
        Buf b = new Buf();
        b.u8(1).u32(gid).lstr(name).lstr("");
        entry(users, b);
        next.group(gid, name);
    }

    /** Writes the header and state blocks (once, before the first event). */
    public void writeHeader() throws IOException {
        if (headerDone) return;
        headerDone = true;
        block(SHB, new Buf().u32(SHB_MAGIC).u16(1).u16(2).u64(-1).bytes());
        Buf mi = new Buf().u32(numCpus).u64(memory).u64(maxPid);
        byte[] h = new byte[128];
        byte[] hn = hostname.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(hn, 0, h, 0, Math.min(127, hn.length));
        mi.raw(h).u64(bootTs).u64(flags).u64(0).u64(0);
        block(MI, mi.bytes());
        block(UL_V2, users.toByteArray());
        ByteArrayOutputStream pl = new ByteArrayOutputStream();
        for (ProcEntry p : procs) {
            Buf b = new Buf();
            b.u64(p.tid).u64(p.pid).u64(p.ptid).u64(p.sid).u64(p.vpgid).lstr(p.comm).lstr(p.exe).lstr(p.exepath)
                    .lbytes(p.args).lstr(p.cwd).u64(p.fdlimit).u32(p.flags).u32(p.uid).u32(p.gid)
                    .u32(p.vmsizeKb).u32(p.vmrssKb).u32(p.vmswapKb).u64(p.pfmajor).u64(p.pfminor).lbytes(p.env)
                    .u64(p.vtid).u64(p.vpid).lbytes(p.cgroups).lstr(p.root).u64(p.pidnsInitStartTs).u32(p.tty)
                    .u32(p.loginuid).u8(p.exeWritable ? 1 : 0).u64(p.capInheritable).u64(p.capPermitted)
                    .u64(p.capEffective).u8(p.exeUpperLayer ? 1 : 0).u64(p.exeIno).u64(p.exeInoCtime)
                    .u64(p.exeInoMtime).u8(p.exeFromMemfd ? 1 : 0).u8(p.exeLowerLayer ? 1 : 0).u64(p.pgid);
            entry(pl, b);
        }
        block(PL_V9, pl.toByteArray());
        long tid = Long.MIN_VALUE;
        ByteArrayOutputStream fl = null;
        for (Object[] o : fds) {
            long t = (Long) o[0];
            FdEntry f = (FdEntry) o[1];
            if (t != tid) {
                if (fl != null) block(FDL_V2, fl.toByteArray());
                fl = new ByteArrayOutputStream();
                tid = t;
                byte[] tb = new Buf().u64(t).bytes();
                fl.write(tb, 0, tb.length);
            }
            Buf b = new Buf();
            int type = f.type == FdEntry.FILE ? FdEntry.FILE_V2 : f.type;
            b.u64(f.fd).u64(f.ino).u8(type);
            if (type == FdEntry.FILE_V2) b.u32(f.openFlags).lstr(f.name).u32(f.dev);
            else b.lstr(f.name);
            entry(fl, b);
        }
        if (fl != null) block(FDL_V2, fl.toByteArray());
    }

    /** Appends one event (the runtime's layout is the file's). */
    public void event(RawEvent ev) throws IOException {
        writeHeader();
        int len = ev.len();
        int body = 2 + len, pad = (4 - (body & 3)) & 3, total = 12 + body + pad;
        byte[] b = total <= blk.length ? blk : new byte[total];
        put32(b, 0, EV_V2);
        put32(b, 4, total);
        b[8] = (byte) ev.cpu;
        b[9] = (byte) (ev.cpu >> 8);
        System.arraycopy(ev.buf, ev.off, b, 10, len);
        for (int i = 0; i < pad; i++) b[10 + len + i] = 0;
        put32(b, total - 4, total);
        out.write(b, 0, total);
        events++;
    }

    public long events() { return events; }

    @Override
    public void close() throws IOException {
        writeHeader();
        out.close();
    }

    private void block(int type, byte[] body) throws IOException {
        int pad = (4 - (body.length & 3)) & 3, total = 12 + body.length + pad;
        byte[] h = new byte[8];
        put32(h, 0, type);
        put32(h, 4, total);
        out.write(h);
        out.write(body);
        out.write(new byte[pad]);
        byte[] t = new byte[4];
        put32(t, 0, total);
        out.write(t);
    }

    private static void entry(ByteArrayOutputStream to, Buf b) {
        byte[] e = b.bytes();
        byte[] l = new byte[4];
        put32(l, 0, e.length + 4);
        to.write(l, 0, 4);
        to.write(e, 0, e.length);
    }

    private static void put32(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >> 8);
        b[o + 2] = (byte) (v >> 16);
        b[o + 3] = (byte) (v >> 24);
    }

    /** Little-endian builder. */
    private static final class Buf {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        Buf u8(long v) { b.write((int) v); return this; }
        Buf u16(long v) { u8(v); return u8(v >> 8); }
        Buf u32(long v) { u16(v); return u16(v >> 16); }
        Buf u64(long v) { u32(v); return u32(v >> 32); }
        Buf raw(byte[] x) { b.write(x, 0, x.length); return this; }
        Buf lbytes(byte[] x) {
            int n = Math.min(x == null ? 0 : x.length, 0xffff);
            u16(n);
            if (n > 0) b.write(x, 0, n);
            return this;
        }
        Buf lstr(String s) { return lbytes(s == null ? null : s.getBytes(StandardCharsets.UTF_8)); }
        byte[] bytes() { return b.toByteArray(); }
    }
}
