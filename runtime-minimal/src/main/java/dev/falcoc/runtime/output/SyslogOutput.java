package dev.falcoc.runtime.output;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * syslog_output: calls the C library's syslog(3) like Falco, with the alert's priority as the
 * syslog level (Falco's priority numbers are the syslog levels) and no trailing newline.
 */
public final class SyslogOutput implements Output {
    private static final int LOG_USER = 1 << 3;
    private final MethodHandle syslog;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment fmt;

    public SyslogOutput(String ident) throws IOException {
        try {
            Linker linker = Linker.nativeLinker();
            var libc = linker.defaultLookup();
            MethodHandle openlog = linker.downcallHandle(libc.find("openlog").orElseThrow(),
                    FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            syslog = linker.downcallHandle(libc.find("syslog").orElseThrow(),
                    FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS),
                    Linker.Option.firstVariadicArg(2));
            fmt = arena.allocateFrom("%s");
            // openlog keeps the pointer: allocate the ident for the life of the output
            openlog.invokeExact(arena.allocateFrom(ident), 0, LOG_USER);
        } catch (Throwable t) {
            arena.close();
            throw new IOException("syslog output unavailable: " + t.getMessage());
        }
    }

    @Override public String name() { return "syslog"; }

    @Override
    public void output(Alert a) throws IOException {
        try (Arena call = Arena.ofConfined()) {
            syslog.invokeExact(a.priority().ordinal() | LOG_USER, fmt, call.allocateFrom(a.message()));
        } catch (Throwable t) {
            throw new IOException("syslog output failed: " + t.getMessage());
        }
    }

    @Override
    public void close() { }
}
