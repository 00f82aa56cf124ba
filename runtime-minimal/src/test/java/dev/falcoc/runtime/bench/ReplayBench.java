package dev.falcoc.runtime.bench;

import dev.falcoc.compiler.ir.FieldGetter;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.runtime.Inspector;

import java.nio.file.Path;

/** Manual throughput check (not a unit test): java ... ReplayBench FILE.scap [rounds]. */
public final class ReplayBench {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        FieldGetter name = null, fdName = null;
        for (int r = 0; r < rounds; r++) {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime(), n = 0, sink = 0;
            try (Inspector in = Inspector.open(Path.of(args[0]))) {
                if (name == null) {
                    name = in.binder().bind(FieldResolver.get().resolveExact("proc.name"));
                    fdName = in.binder().bind(FieldResolver.get().resolveExact("fd.name"));
                }
                for (Object ctx; (ctx = in.next()) != null; ) {
                    n++;
                    sink += in.eventCode(ctx);
                    // a couple of typical field reads per event
                    Object a = name.get(ctx), b = fdName.get(ctx);
                    if (a != null) sink += a.hashCode() & 1;
                    if (b != null) sink += b.hashCode() & 1;
                }
                long dt = System.nanoTime() - t0, cpu = mx.getCurrentThreadCpuTime() - c0;
                // the machine is shared: CPU time of this thread is the meaningful figure
                System.out.printf("%d events, wall %d ms, cpu %d ms: %.2f M events/s of cpu, %.0f ns/event (threads %d, sink %d)%n",
                        n, dt / 1_000_000, cpu / 1_000_000, n * 1000.0 / cpu, (double) cpu / n, in.threadCount(), sink);
            }
        }
    }
}
