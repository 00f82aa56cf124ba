package dev.falcoc.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time, rather than wall time, per check of the chain: on a shared, overloaded machine JMH's
 * wall-clock scores swing with other people's builds while CPU time barely moves. Prints the
 * first (cold) check and the average of warm re-checks.
 *   java -Dfalcoc.rules=DIR -cp bench/target/benchmarks.jar dev.falcoc.bench.CpuProbe [WARMUP] [MEASURE]
 */
public final class CpuProbe {
    private CpuProbe() {}

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int measure = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Chain chain = new Chain();

        long t0 = threads.getCurrentThreadCpuTime(), p0 = os.getProcessCpuTime(), w0 = System.nanoTime();
        chain.load();
        report("cold first check", 1, threads.getCurrentThreadCpuTime() - t0, os.getProcessCpuTime() - p0, System.nanoTime() - w0);

        for (int i = 0; i < warmup; i++) chain.load();
        t0 = threads.getCurrentThreadCpuTime();
        p0 = os.getProcessCpuTime();
        w0 = System.nanoTime();
        for (int i = 0; i < measure; i++) chain.load();
        report("warm re-check", measure, threads.getCurrentThreadCpuTime() - t0, os.getProcessCpuTime() - p0, System.nanoTime() - w0);
    }

    private static void report(String what, int n, long threadNs, long processNs, long wallNs) {
        System.out.printf("%-17s thread cpu %8.2f ms/op   process cpu %8.2f ms/op   wall %8.2f ms/op   (n=%d)%n",
                what, threadNs / 1e6 / n, processNs / 1e6 / n, wallNs / 1e6 / n, n);
    }
}
