package dev.falcoc.driver;

import dev.falcoc.runtime.ScapException;
import dev.falcoc.runtime.scap.EventSource;
import dev.falcoc.runtime.scap.RawEvent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The live driver: loads the CO-RE probe through libbpf (FFM downcalls, setup only), gives it one
 * ring buffer per CPU, and reads the rings straight from mapped memory, merging CPUs by event
 * timestamp. Events come out in the runtime's exit-only layout, as a capture's would.
 */
public final class LiveCapture implements EventSource {
    public static final String PROBE = "/dev/falcoc/driver/probe.bpf.o";
    static final int RING_BYTES = 8 * 1024 * 1024; // must equal RB_SIZE in probe.bpf.c
    private static final String[] PROGRAMS = {"falcoc_sys_exit", "falcoc_exec", "falcoc_exit"};
    /** Sleep between batches: at least 1 ms while events flow, doubling to 30 ms while idle (libscap: 0.5 to 30 ms). */
    private static final long WAIT_MIN_NS = 1_000_000, WAIT_MAX_NS = 30_000_000;
    /** A batch holding more than this (bytes, one ring) means the reader is behind: the next batch follows without sleeping. */
    private static final long BEHIND_BYTES = RING_BYTES / 8;

    private final Arena arena = Arena.ofShared();
    private MemorySegment obj = MemorySegment.NULL;
    private final List<MemorySegment> links = new ArrayList<>();
    private final List<Integer> ringFds = new ArrayList<>();
    private final List<MemorySegment[]> mappings = new ArrayList<>();
    private Ring[] rings = new Ring[0];
    private int countersFd = -1, settingsFd = -1, interestingFd = -1, ncpu;
    private final byte[] buf = new byte[1 << 16];
    private volatile boolean stop;
    private long events, sinceCheck;
    private long waitNs = WAIT_MIN_NS;
    private boolean behind, lastRound;
    /** Notes for the user (e.g. optional programs that could not attach). */
    public final List<String> notes = new ArrayList<>();

    private LiveCapture() {}

    private static final String NOT_BUILT = "the live driver was not built into this falcoc (clang, bpftool and libbpf-dev were missing at build time)";

    /** Null when live capture can run here (probe built, privileges, kernel BTF), else the first reason it cannot. */
    public static String unavailable() {
        if (!probeBuilt()) return NOT_BUILT;
        String priv = privilegeProblem();
        if (priv != null) return priv;
        if (!java.nio.file.Files.exists(java.nio.file.Path.of("/sys/kernel/btf/vmlinux"))) return "the kernel has no BTF (/sys/kernel/btf/vmlinux)";
        return null;
    }

    /** Whether this build carries the probe object. */
    public static boolean probeBuilt() {
        return LiveCapture.class.getResource(PROBE) != null;
    }

    /** Null when this process may load eBPF programs, else the reason it cannot. */
    public static String privilegeProblem() {
        try {
            for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (!l.startsWith("CapEff:")) continue;
                long caps = Long.parseUnsignedLong(l.substring(7).trim(), 16);
                boolean sysAdmin = (caps & (1L << 21)) != 0;
                boolean bpf = (caps & (1L << 39)) != 0, perfmon = (caps & (1L << 38)) != 0;
                if (sysAdmin || (bpf && perfmon)) return null;
                return "the live driver needs root, or CAP_BPF and CAP_PERFMON (this process has neither)";
            }
        } catch (IOException | RuntimeException e) {
            return "cannot read /proc/self/status: " + e.getMessage();
        }
        return "cannot tell this process's capabilities";
    }

    /**
     * Loads and attaches the probe tracing {@code syscalls} (x86_64 numbers); events flow into the
     * rings from then on. RLIMIT_MEMLOCK is left alone: kernels since 5.11 charge BPF memory to the cgroup.
     */
    public static LiveCapture open(Collection<Integer> syscalls) throws DriverException {
        if (!probeBuilt()) throw new DriverException(NOT_BUILT);
        String priv = privilegeProblem();
        if (priv != null) throw new DriverException(priv);
        if (Native.unavailable() != null) throw new DriverException(Native.unavailable());
        LiveCapture c = new LiveCapture();
        try {
            c.load(syscalls);
            return c;
        } catch (DriverException e) {
            c.close();
            throw e;
        } catch (Throwable t) {
            c.close();
            throw new DriverException("cannot start the live driver: " + t, t);
        }
    }

    private MemorySegment map(String name) throws Throwable {
        MemorySegment m = (MemorySegment) Native.Bpf.FIND_MAP.invokeExact(obj, arena.allocateFrom(name));
        if (m.equals(MemorySegment.NULL)) throw new DriverException("probe has no map " + name);
        return m;
    }

    private void load(Collection<Integer> syscalls) throws Throwable {
        byte[] elf;
        try (InputStream in = LiveCapture.class.getResourceAsStream(PROBE)) {
            elf = in.readAllBytes();
        }
        MemorySegment image = arena.allocate(elf.length, 8);
        MemorySegment.copy(elf, 0, image, ValueLayout.JAVA_BYTE, 0, elf.length);
        obj = (MemorySegment) Native.Bpf.OPEN_MEM.invokeExact(image, (long) elf.length, MemorySegment.NULL);
        if (obj.equals(MemorySegment.NULL)) throw new DriverException("libbpf could not open the probe object");
        ncpu = (int) Native.Bpf.NUM_CPUS.invokeExact();
        if (ncpu <= 0) throw new DriverException("cannot count CPUs");
        int r = (int) Native.Bpf.SET_MAX_ENTRIES.invokeExact(map("rings"), ncpu);
        if (r != 0) throw new DriverException("bpf_map__set_max_entries(rings) failed: " + r);
        r = (int) Native.Bpf.LOAD.invokeExact(obj);
        if (r != 0) throw new DriverException("the kernel refused the probe (bpf_object__load: " + r + "); libbpf's log above says why");
        int ringsFd = (int) Native.Bpf.MAP_FD.invokeExact(map("rings"));
        countersFd = (int) Native.Bpf.MAP_FD.invokeExact(map("counters"));
        settingsFd = (int) Native.Bpf.MAP_FD.invokeExact(map("settings"));
        interestingFd = (int) Native.Bpf.MAP_FD.invokeExact(map("interesting"));

        int page = (int) Native.Libc.GETPAGESIZE.invokeExact();
        rings = new Ring[ncpu];
        MemorySegment key = arena.allocate(4, 4), val = arena.allocate(4, 4);
        for (int cpu = 0; cpu < ncpu; cpu++) {
            int fd = (int) Native.Bpf.MAP_CREATE.invokeExact(Native.BPF_MAP_TYPE_RINGBUF, MemorySegment.NULL, 0, 0, RING_BYTES, MemorySegment.NULL);
            if (fd < 0) throw new DriverException("cannot create a ring buffer: " + fd);
            ringFds.add(fd);
            key.set(ValueLayout.JAVA_INT, 0, cpu);
            val.set(ValueLayout.JAVA_INT, 0, fd);
            r = (int) Native.Bpf.UPDATE.invokeExact(ringsFd, key, val, 0L);
            if (r != 0) throw new DriverException("cannot register ring " + cpu + ": " + r);
            MemorySegment cons = mmap(page, Native.PROT_READ | Native.PROT_WRITE, fd, 0);
            MemorySegment prod = mmap(page + 2L * RING_BYTES, Native.PROT_READ, fd, page);
            mappings.add(new MemorySegment[] {cons, prod});
            rings[cpu] = new Ring(cpu, cons, prod.asSlice(0, page), prod.asSlice(page, 2L * RING_BYTES), RING_BYTES);
        }
        setInteresting(syscalls);
        for (String p : PROGRAMS) attach(p);
        MemorySegment cfg = arena.allocate(16, 8);
        cfg.set(ValueLayout.JAVA_LONG, 0, Native.bootTimeNs());
        cfg.set(ValueLayout.JAVA_INT, 8, (int) ProcessHandle.current().pid());
        cfg.set(ValueLayout.JAVA_INT, 12, 1);
        key.set(ValueLayout.JAVA_INT, 0, 0);
        r = (int) Native.Bpf.UPDATE.invokeExact(settingsFd, key, cfg, 0L);
        if (r != 0) throw new DriverException("cannot configure the probe: " + r);
    }

    private MemorySegment mmap(long len, int prot, int fd, long off) throws Throwable {
        MemorySegment m = (MemorySegment) Native.Libc.MMAP.invokeExact(MemorySegment.NULL, len, prot, Native.MAP_SHARED, fd, off);
        if (m.address() == Native.MAP_FAILED || m.equals(MemorySegment.NULL)) throw new DriverException("cannot map a ring buffer");
        return m.reinterpret(len);
    }

    private void attach(String name) throws Throwable {
        MemorySegment prog = (MemorySegment) Native.Bpf.FIND_PROG.invokeExact(obj, arena.allocateFrom(name));
        if (prog.equals(MemorySegment.NULL)) throw new DriverException("probe has no program " + name);
        MemorySegment link = (MemorySegment) Native.Bpf.ATTACH.invokeExact(prog);
        if (link.equals(MemorySegment.NULL)) throw new DriverException("cannot attach " + name);
        links.add(link);
    }

    /** Replaces the set of traced syscalls (x86_64 numbers); takes effect at once. */
    public void setInteresting(Collection<Integer> syscalls) throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment key = a.allocate(4, 4), val = a.allocate(1, 1);
            for (int nr = 0; nr < 512; nr++) {
                key.set(ValueLayout.JAVA_INT, 0, nr);
                val.set(ValueLayout.JAVA_BYTE, 0, (byte) (syscalls.contains(nr) ? 1 : 0));
                int r = (int) Native.Bpf.UPDATE.invokeExact(interestingFd, key, val, 0L);
                if (r != 0) throw new DriverException("cannot set the syscall filter: " + r);
            }
        }
    }

    /** Asks {@link #next} to return false once the rings it has looked at are drained (signal-safe). */
    public void stop() { stop = true; }

    /**
     * The oldest event of the current batch. A batch ends at the producer positions read once per
     * round; when it is used up the consumer positions are published, and the reader sleeps before
     * the next round unless it is behind (the kernel side then never shares a cache line being
     * written with this thread, and is never woken per event).
     */
    @Override
    public boolean next(RawEvent ev) throws ScapException {
        while (true) {
            if (stop && ++sinceCheck > 100_000) { publishAll(); return false; }
            Ring best = null;
            for (Ring r : rings) {
                if (r.peek() && (best == null || r.headTs < best.headTs)) best = r;
            }
            if (best != null) {
                int len = best.headLen;
                if (len > buf.length || len < RawEvent.HEADER) { best.advance(); continue; }
                MemorySegment.copy(best.data(), ValueLayout.JAVA_BYTE, best.headOff, buf, 0, len);
                best.advance();
                if ((++events & 1023) == 0) publishAll();
                ev.buf = buf;
                ev.off = 0;
                ev.cpu = best.cpu;
                ev.dropFlags = 0;
                ev.blockOffset = -1;
                return true;
            }
            publishAll();
            if (stop) {
                if (lastRound) return false;
                lastRound = true; // one more batch: what was written up to now
            } else if (!behind) {
                LockSupport.parkNanos(waitNs);
                waitNs = Math.min(WAIT_MAX_NS, waitNs * 2);
            }
            long most = 0;
            for (Ring r : rings) most = Math.max(most, r.refresh());
            behind = most > BEHIND_BYTES;
            if (most > 0) waitNs = WAIT_MIN_NS;
        }
    }

    private void publishAll() {
        for (Ring r : rings) r.publish();
    }

    /** Events handed out so far. */
    public long events() { return events; }

    /** Per-CPU counters from the probe. */
    public record Counters(long[] written, long[] dropsBuffer, long[] dropsSize, long[] dropsNoRing) {
        public long drops() { return sum(dropsBuffer) + sum(dropsSize) + sum(dropsNoRing); }

        public long writtenTotal() { return sum(written); }

        private static long sum(long[] a) {
            long s = 0;
            for (long v : a) s += v;
            return s;
        }
    }

    public Counters counters() {
        long[] w = new long[ncpu], b = new long[ncpu], s = new long[ncpu], n = new long[ncpu];
        if (countersFd < 0) return new Counters(w, b, s, n);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment key = a.allocate(4, 4), vals = a.allocate(32L * ncpu, 8);
            int r = (int) Native.Bpf.LOOKUP.invokeExact(countersFd, key, vals);
            if (r == 0) {
                for (int c = 0; c < ncpu; c++) {
                    w[c] = vals.get(ValueLayout.JAVA_LONG, c * 32L);
                    b[c] = vals.get(ValueLayout.JAVA_LONG, c * 32L + 8);
                    s[c] = vals.get(ValueLayout.JAVA_LONG, c * 32L + 16);
                    n[c] = vals.get(ValueLayout.JAVA_LONG, c * 32L + 24);
                }
            }
        } catch (Throwable t) {
            // counters are informative; a failed read reports zeros
        }
        return new Counters(w, b, s, n);
    }

    @Override
    public void close() {
        try {
            for (MemorySegment l : links) { int ignored = (int) Native.Bpf.LINK_DESTROY.invokeExact(l); }
            links.clear();
            for (MemorySegment[] m : mappings) {
                for (MemorySegment s : m) { int ignored = (int) Native.Libc.MUNMAP.invokeExact(s, s.byteSize()); }
            }
            mappings.clear();
            for (int fd : ringFds) { int ignored = (int) Native.Libc.CLOSE.invokeExact(fd); }
            ringFds.clear();
            if (!obj.equals(MemorySegment.NULL)) Native.Bpf.CLOSE.invokeExact(obj);
            obj = MemorySegment.NULL;
        } catch (Throwable t) {
            // best effort: the kernel frees everything when the process exits anyway
        }
        rings = new Ring[0];
    }
}
