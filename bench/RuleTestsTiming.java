// In-process timing of `falcoc test` on the bundled suite (run by bench/ruletests.sh with
// falcoc.jar on the class path; a single-file program, so it needs no build changes).
import dev.falcoc.runtime.testing.RuleTestRunner;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

public class RuleTestsTiming {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "test-rules");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        long t0 = System.nanoTime();
        List<Path> files = RuleTestRunner.discover(List.of(root));
        long discover = System.nanoTime() - t0;
        double[] ms = new double[runs], cpu = new double[runs];
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long tests = 0;
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime(), c = threads.getCurrentThreadCpuTime();
            // a fresh runner each time: rules loaded and matchers generated again, as in `falcoc test`
            RuleTestRunner.Report r = new RuleTestRunner().runFiles(files);
            ms[i] = (System.nanoTime() - s) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c) / 1e6;
            tests = r.count(RuleTestRunner.Status.PASS) + r.count(RuleTestRunner.Status.FAIL) + r.count(RuleTestRunner.Status.ERROR);
            if (r.failed()) throw new IllegalStateException("the suite fails");
        }
        double first = ms[0], firstCpu = cpu[0];
        double[] warmCpu = Arrays.copyOfRange(cpu, Math.min(5, runs - 1), runs);
        Arrays.sort(warmCpu);
        double[] warm = Arrays.copyOfRange(ms, Math.min(5, runs - 1), runs);
        Arrays.sort(warm);
        System.out.printf("bundled suite: %d files, %d tests; discovery %.1f ms%n", files.size(), tests, discover / 1e6);
        System.out.printf("first run (cold JVM): %.1f ms; warm runs (after 5): median %.1f ms, min %.1f ms, max %.1f ms over %d runs%n",
                first, warm[warm.length / 2], warm[0], warm[warm.length - 1], warm.length);
        // the machine may be shared: the main thread's CPU time is the steadier figure
        System.out.printf("main-thread CPU time: first run %.1f ms; warm median %.1f ms, min %.1f ms; load average %.1f%n",
                firstCpu, warmCpu[warmCpu.length / 2], warmCpu[0],
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
