package dev.falcoc.driver;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Gives up capabilities once the probe is attached: the rings are mapped and the counters map is
 * read through a file descriptor already open, so nothing after attaching needs privileges. Linux
 * keeps capabilities per thread: the drop covers the calling thread and every thread and program it
 * starts afterwards (event processing, output workers and their programs, the HTTP server), not
 * threads the JVM started before (GC, JIT compiler, signal dispatcher).
 */
public final class Privileges {
    private Privileges() {}

    public static final int CAP_SETPCAP = 8, CAP_PERFMON = 38, CAP_BPF = 39;
    private static final int PR_CAPBSET_DROP = 24, PR_SET_SECUREBITS = 28, PR_CAP_AMBIENT = 47, PR_CAP_AMBIENT_CLEAR_ALL = 4;
    private static final int SECBIT_NOROOT = 1, SECBIT_NOROOT_LOCKED = 2;
    private static final int LINUX_CAPABILITY_VERSION_3 = 0x20080522;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle CAPSET = LINKER.downcallHandle(LINKER.defaultLookup().find("capset").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle PRCTL = LINKER.downcallHandle(LINKER.defaultLookup().find("prctl").orElseThrow(),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(1));

    /** What the drop did, for the user. */
    public record Result(long effectiveBefore, long effectiveAfter, long boundingAfter, boolean rootCannotRegain) {
        public String describe() {
            return "dropped capabilities after attaching the probe: CapEff " + hex(effectiveBefore) + " -> " + hex(effectiveAfter)
                    + ", bounding set " + hex(boundingAfter)
                    + (rootCannotRegain ? "; programs started from now on (program_output) get none" : "; could not lock root's capabilities for programs started later (no CAP_SETPCAP)");
        }
    }

    static String hex(long v) { return String.format("%016x", v); }

    /**
     * Which capabilities the running capture still needs: none on kernels from 6.5 on, where reading a
     * map through its fd needs no CAP_BPF; CAP_BPF before that (kernel.unprivileged_bpf_disabled
     * refused every bpf() call without it).
     */
    public static Set<Integer> neededAfterAttach() {
        String[] v = System.getProperty("os.version", "0.0").split("[.-]");
        try {
            int major = Integer.parseInt(v[0]), minor = v.length > 1 ? Integer.parseInt(v[1]) : 0;
            return major > 6 || (major == 6 && minor >= 5) ? Set.of() : Set.of(CAP_BPF);
        } catch (NumberFormatException e) {
            return Set.of(CAP_BPF);
        }
    }

    /**
     * Drops from the calling thread every capability but {@code keep}: effective, permitted,
     * inheritable and ambient sets, and the whole bounding set (so that a program run later as root
     * does not get them back on exec); root's exec rule is locked off where CAP_SETPCAP allows.
     */
    public static Result dropAllBut(Set<Integer> keep) throws DriverException {
        long before = capSet("CapEff");
        try {
            boolean locked = (int) PRCTL.invokeExact(PR_SET_SECUREBITS,
                    (long) (SECBIT_NOROOT | SECBIT_NOROOT_LOCKED), 0L, 0L, 0L) == 0;
            // every capability number (those the kernel lacks fail with EINVAL); fails without CAP_SETPCAP: seen in CapBnd
            for (int cap = 0; cap < 64; cap++) {
                int ignored = (int) PRCTL.invokeExact(PR_CAPBSET_DROP, (long) cap, 0L, 0L, 0L);
            }
            int ignored = (int) PRCTL.invokeExact(PR_CAP_AMBIENT, (long) PR_CAP_AMBIENT_CLEAR_ALL, 0L, 0L, 0L);
            long mask = 0;
            for (int c : keep) mask |= 1L << c;
            mask &= before;
            try (Arena a = Arena.ofConfined()) {
                MemorySegment header = a.allocate(8, 4), data = a.allocate(24, 4);
                header.set(JAVA_INT, 0, LINUX_CAPABILITY_VERSION_3);
                header.set(JAVA_INT, 4, 0); // this thread
                for (int word = 0; word < 2; word++) {
                    int bits = (int) (mask >>> (32 * word));
                    data.set(JAVA_INT, word * 12L, bits);       // effective
                    data.set(JAVA_INT, word * 12L + 4, bits);   // permitted
                    data.set(JAVA_INT, word * 12L + 8, 0);      // inheritable
                }
                int r = (int) CAPSET.invokeExact(header, data);
                if (r != 0) throw new DriverException("capset failed: capabilities were not dropped");
            }
            long after = capSet("CapEff");
            if ((after & ~mask) != 0) throw new DriverException("capabilities still effective after capset: " + hex(after));
            return new Result(before, after, capSet("CapBnd"), locked || capSet("CapBnd") == 0);
        } catch (DriverException e) {
            throw e;
        } catch (Throwable t) {
            throw new DriverException("cannot drop capabilities: " + t, t);
        }
    }

    /** A capability set of the calling thread from /proc/thread-self/status (CapEff, CapPrm, CapBnd...). */
    public static long capSet(String which) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/thread-self/status"))) {
                if (l.startsWith(which + ":")) return Long.parseUnsignedLong(l.substring(which.length() + 1).trim(), 16);
            }
        } catch (IOException | RuntimeException e) {
            // reported as unknown (all bits) below
        }
        return -1L;
    }
}
