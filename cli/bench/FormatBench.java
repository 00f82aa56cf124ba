import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compares `falcoc check` in text and SARIF format on the same files, in one JVM: warm-up, then
 * alternating runs, reporting the median process CPU time of each (CPU time, not wall time, so
 * that other load on the machine matters less).
 *
 *   java -cp cli/target/falcoc.jar cli/bench/FormatBench.java RUNS FILE...
 */
public class FormatBench {
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        List<String> files = Arrays.asList(args).subList(1, args.length);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String[] formats = {"text", "sarif"};
        List<List<Long>> times = List.of(new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < runs + 5; i++) {
            for (int f = 0; f < formats.length; f++) {
                List<String> a = new ArrayList<>(List.of("check", "--format", formats[f]));
                a.addAll(files);
                long t0 = os.getProcessCpuTime();
                dev.falcoc.cli.Cli.run(a.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
                long t = os.getProcessCpuTime() - t0;
                if (i >= 5) times.get(f).add(t);
            }
        }
        long[] med = new long[2];
        for (int f = 0; f < 2; f++) {
            List<Long> l = new ArrayList<>(times.get(f));
            l.sort(null);
            med[f] = l.get(l.size() / 2);
            System.out.printf("%-5s median %.1f ms CPU over %d runs%n", formats[f], med[f] / 1e6, l.size());
        }
        System.out.printf("sarif/text = %.3f%n", (double) med[1] / med[0]);
    }
}
