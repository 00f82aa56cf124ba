package dev.falcoc.lsp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.lsp4j.Position;

/**
 * Latency benchmark (not a test): with the official three-file chain open, the time from a
 * didChange to the diagnostics published for that version, and completion round trips. The server
 * is a separate `falcoc lsp` process spoken to over stdio, as an editor does.
 *
 * Usage: java -cp falcoc.jar:test-classes dev.falcoc.lsp.LatencyBench RULES_DIR [debounceMs] [iterations]
 */
public final class LatencyBench {
    private LatencyBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/rules").toAbsolutePath().normalize();
        int debounce = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Path main = dir.resolve("falco_rules.yaml"), inc = dir.resolve("falco-incubating_rules.yaml"), sand = dir.resolve("falco-sandbox_rules.yaml");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), "dev.falcoc.cli.Main", "lsp")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var opts = LspClient.chain(List.of(main.toString()), List.of(inc.toString(), sand.toString()));
        opts.addProperty("debounceMs", debounce);
        opts.addProperty("trace", true);
        try (LspClient c = new LspClient(opts, dir.toUri().toString(), p)) {
            String[] uris = {main.toUri().toString(), inc.toUri().toString(), sand.toUri().toString()};
            String[] texts = {Files.readString(main), Files.readString(inc), Files.readString(sand)};
            for (int i = 0; i < 3; i++) c.open(uris[i], texts[i]);
            for (String u : uris) c.diagnostics(u);
            System.out.printf("chain: %s (%d lines), %s (%d), %s (%d); debounce %d ms; %d measured edits each%n",
                    main.getFileName(), lines(texts[0]), inc.getFileName(), lines(texts[1]), sand.getFileName(), lines(texts[2]), debounce, n);
            for (int which : new int[] {2, 0}) {
                String uri = uris[which], text = texts[which];
                int at = text.indexOf("proc.name");
                Position pos = new dev.falcoc.lsp.model.LineIndex(text).position(at + 5);
                List<Long> times = new ArrayList<>();
                List<Long> serverWall = new ArrayList<>(), serverCpu = new ArrayList<>();
                for (int i = 0; i < 60 + n; i++) {
                    int logsBefore = c.logCount();
                    // alternate a typo in and out of a field name: an error appears, then goes
                    String repl = i % 2 == 0 ? "nmae" : "name";
                    long t0 = System.nanoTime();
                    c.change(uri, List.of(LspClient.edit(pos.getLine(), pos.getCharacter(), pos.getLine(), pos.getCharacter() + 4, repl)));
                    c.diagnostics(uri);
                    long t = System.nanoTime() - t0;
                    if (i >= 60) times.add(t);
                    String log = c.awaitLog(logsBefore);
                    if (i >= 60 && log != null) {
                        var m = java.util.regex.Pattern.compile("wall=([0-9.]+) cpu=([0-9.]+)").matcher(log);
                        if (m.find()) {
                            serverWall.add((long) (Double.parseDouble(m.group(1)) * 1e6));
                            serverCpu.add((long) (Double.parseDouble(m.group(2)) * 1e6));
                        }
                    }
                }
                String f = String.valueOf(Path.of(java.net.URI.create(uri)).getFileName());
                report("didChange -> diagnostics received by the client, edit in " + f, times);
                if (!serverWall.isEmpty()) {
                    report("  server: didChange received -> diagnostics sent (wall)", serverWall);
                    report("  server: re-check CPU time (analysis thread)", serverCpu);
                }
            }
            // completion: a field/macro position in a condition, and a %field in an output
            String sandText = texts[2];
            int cond = sandText.indexOf(" and proc.name") + " and ".length();
            int out = sandText.indexOf("%proc.name") + 5;
            var li = new dev.falcoc.lsp.model.LineIndex(sandText);
            for (var spot : List.of(List.of("condition (fields, macros)", li.position(cond)), List.of("output %field", li.position(out)))) {
                List<Long> times = new ArrayList<>();
                int count = 0;
                for (int i = 0; i < 100 + n; i++) {
                    long t0 = System.nanoTime();
                    count = c.completion(uris[2], (Position) spot.get(1)).size();
                    long t = System.nanoTime() - t0;
                    if (i >= 100) times.add(t);
                }
                report("completion in " + spot.get(0) + " (" + count + " items)", times);
            }
        }
        p.waitFor();
        // the client's JSON-RPC threads are not daemons
        System.exit(0);
    }

    private static int lines(String s) { return s.split("\n", -1).length; }

    private static void report(String what, List<Long> nanos) {
        long[] a = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        System.out.printf("%-70s p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n", what,
                a[a.length / 2] / 1e6, a[(int) (a.length * 0.95)] / 1e6, a[(int) (a.length * 0.99)] / 1e6, a[a.length - 1] / 1e6);
    }
}
