package dev.falcoc.driver;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/** Downcalls into Debian's libbpf 1.1 and libc (only setup and teardown: events never cross into Java by call). */
final class Native {
    private Native() {}

    static final int BPF_MAP_TYPE_RINGBUF = 27;
    static final int PROT_READ = 1, PROT_WRITE = 2, MAP_SHARED = 1;
    static final int CLOCK_BOOTTIME = 7;
    static final long MAP_FAILED = -1L;

    private static final Linker LINKER = Linker.nativeLinker();
    private static SymbolLookup bpf;
    private static String loadError;

    static {
        try {
            bpf = SymbolLookup.libraryLookup("libbpf.so.1", Arena.global());
        } catch (IllegalArgumentException e) {
            loadError = "libbpf.so.1 not found (install libbpf1 / libbpf-dev)";
        }
    }

    /** Null when libbpf can be used, else why not. */
    static String unavailable() { return loadError; }

    private static MethodHandle bpf(String name, FunctionDescriptor fd) {
        if (bpf == null) throw new IllegalStateException(loadError);
        return LINKER.downcallHandle(bpf.find(name).orElseThrow(() -> new IllegalStateException("libbpf lacks " + name)), fd);
    }

    private static MethodHandle libc(String name, FunctionDescriptor fd) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), fd);
    }

    static final class Bpf {
        static final MethodHandle OPEN_MEM = bpf("bpf_object__open_mem", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
        static final MethodHandle FIND_MAP = bpf("bpf_object__find_map_by_name", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle FIND_PROG = bpf("bpf_object__find_program_by_name", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        static final MethodHandle SET_MAX_ENTRIES = bpf("bpf_map__set_max_entries", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        static final MethodHandle LOAD = bpf("bpf_object__load", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle MAP_FD = bpf("bpf_map__fd", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle MAP_CREATE = bpf("bpf_map_create", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
        static final MethodHandle UPDATE = bpf("bpf_map_update_elem", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
        static final MethodHandle LOOKUP = bpf("bpf_map_lookup_elem", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        static final MethodHandle ATTACH = bpf("bpf_program__attach", FunctionDescriptor.of(ADDRESS, ADDRESS));
        static final MethodHandle LINK_DESTROY = bpf("bpf_link__destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        static final MethodHandle CLOSE = bpf("bpf_object__close", FunctionDescriptor.ofVoid(ADDRESS));
        static final MethodHandle NUM_CPUS = bpf("libbpf_num_possible_cpus", FunctionDescriptor.of(JAVA_INT));
        static final MethodHandle SET_PRINT = bpf("libbpf_set_print", FunctionDescriptor.of(ADDRESS, ADDRESS));
    }

    static final class Libc {
        static final MethodHandle MMAP = libc("mmap", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
        static final MethodHandle MUNMAP = libc("munmap", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        static final MethodHandle CLOSE = libc("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        static final MethodHandle CLOCK_GETTIME = libc("clock_gettime", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        static final MethodHandle GETPAGESIZE = libc("getpagesize", FunctionDescriptor.of(JAVA_INT));
    }

    static long bootTimeNs() throws Throwable {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ts = a.allocate(16, 8);
            java.time.Instant now = java.time.Instant.now();
            int r = (int) Libc.CLOCK_GETTIME.invokeExact(CLOCK_BOOTTIME, ts);
            if (r != 0) throw new IllegalStateException("clock_gettime(CLOCK_BOOTTIME) failed");
            long boot = ts.get(JAVA_LONG, 0) * 1_000_000_000L + ts.get(JAVA_LONG, 8);
            long real = now.getEpochSecond() * 1_000_000_000L + now.getNano();
            return real - boot;
        }
    }

    static MemorySegment cstr(Arena a, String s) { return a.allocateFrom(s); }
}
