package dev.falcoc.testrules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.cli.Cli;
import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.engine.RulesEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Replays the shared traces with `falcoc run` (in process) and compares with what Falco 0.42.1
 * printed, the way tools/conformance.sh does (conditions, fields, outputs) plus text mode. Each
 * part asserts a matched-count baseline that only goes up: raise it when falcoc improves.
 */
class ReplayConformanceTest {
    // Baselines (matched items) measured on this branch; see the closing note of issue 5.
    static final int CONDITIONS_BASELINE = 200;
    static final int FIELDS_BASELINE = 1_126_500;
    static final int ALERTS_BASELINE = 12_566;
    static final int TEXT_LINES_BASELINE = 12_699;

    private static final Pattern MATCHED = Pattern.compile("matched (\\d+)/(\\d+)");

    record Run(int code, String out, String err) {}

    static Run falcoc(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    static List<Path> traces(Path shared) throws IOException {
        try (Stream<Path> s = Files.list(shared.resolve("traces"))) {
            return s.filter(p -> p.toString().endsWith(".scap")).sorted().toList();
        }
    }

    static String base(Path trace) {
        String n = trace.getFileName().toString();
        return n.substring(0, n.length() - ".scap".length());
    }

    /** Runs oracle_diff.py and returns {matched, total}. */
    static int[] diff(Path shared, String mode, Path oracle, String ours, StringBuilder report) throws Exception {
        Path tmp = Files.createTempFile("falcoc-" + mode, ".jsonl");
        try {
            Files.writeString(tmp, ours);
            Process p = new ProcessBuilder("python3", shared.resolve("tools/oracle_diff.py").toString(), "--show", "3", mode,
                    oracle.toString(), tmp.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Matcher m = null;
            for (String line : out.split("\n")) {
                Matcher x = MATCHED.matcher(line);
                if (x.find()) m = x;
            }
            if (m == null) throw new AssertionError("oracle_diff printed no summary:\n" + out);
            int[] r = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
            if (r[0] != r[1]) report.append("-- ").append(oracle.getFileName()).append('\n').append(out);
            return r;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String gunzip(Path p) throws IOException {
        try (var in = new GZIPInputStream(Files.newInputStream(p))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void fieldsMatchFalcosDump() throws Exception {
        Path shared = SharedData.shared();
        int matched = 0, total = 0;
        StringBuilder report = new StringBuilder();
        try (Stream<Path> s = Files.list(shared.resolve("oracle/fields"))) {
            for (Path o : s.filter(p -> p.toString().endsWith(".jsonl.gz")).sorted().toList()) {
                String b = o.getFileName().toString().replace(".jsonl.gz", "");
                Run r = falcoc("run", "--replay", shared.resolve("traces/" + b + ".scap").toString(), "-r",
                        shared.resolve("oracle/fields/dump_rules.yaml").toString(), "-o", "json_output=true", "-o", "rule_matching=all");
                int[] m = diff(shared, "fields", o, r.out(), report);
                matched += m[0];
                total += m[1];
            }
        }
        System.err.println("fields: matched " + matched + "/" + total + " field values\n" + report);
        assertTrue(matched >= FIELDS_BASELINE, "fields regressed below " + FIELDS_BASELINE + ": " + matched + "/" + total + "\n" + report);
    }

    @Test
    void alertsMatchFalcoInJsonAndText() throws Exception {
        Path shared = SharedData.shared();
        Path rules = shared.resolve("oracle/outputs/rules.yaml");
        int matched = 0, total = 0, lines = 0, lineTotal = 0;
        StringBuilder report = new StringBuilder();
        for (Path t : traces(shared)) {
            Path oracle = shared.resolve("oracle/outputs/" + base(t) + ".jsonl.gz");
            if (!Files.exists(oracle)) continue;
            Run json = falcoc("run", "--replay", t.toString(), "-r", rules.toString(), "-o", "json_output=true", "-o", "rule_matching=all");
            int[] m = diff(shared, "alerts", oracle, json.out(), report);
            matched += m[0];
            total += m[1];
            Run text = falcoc("run", "--replay", t.toString(), "-r", rules.toString(), "-o", "json_output=false", "-o", "rule_matching=all");
            String[] want = gunzip(shared.resolve("oracle/outputs/" + base(t) + ".txt.gz")).split("\n", -1);
            String[] got = text.out().split("\n", -1);
            // lines in common (as a multiset), so that one missing alert does not shift every later line
            Map<String, Integer> pool = new HashMap<>();
            for (String g : got) pool.merge(g, 1, Integer::sum);
            int same = 0;
            for (String w : want) {
                Integer n = pool.get(w);
                if (n != null && n > 0) { same++; pool.put(w, n - 1); }
            }
            lines += same;
            lineTotal += Math.max(want.length, got.length);
            if (same != want.length || got.length != want.length) {
                for (int i = 0; i < Math.max(want.length, got.length); i++) {
                    String w = i < want.length ? want[i] : "<none>", g = i < got.length ? got[i] : "<none>";
                    if (!w.equals(g)) {
                        report.append("-- text ").append(base(t)).append(" line ").append(i + 1).append("\n   falco:  ").append(w).append("\n   falcoc: ").append(g).append('\n');
                        break;
                    }
                }
            }
        }
        System.err.println("outputs: matched " + matched + "/" + total + " alerts; text lines " + lines + "/" + lineTotal + "\n" + report);
        assertTrue(matched >= ALERTS_BASELINE, "alerts regressed below " + ALERTS_BASELINE + ": " + matched + "/" + total + "\n" + report);
        assertTrue(lines >= TEXT_LINES_BASELINE, "text lines regressed below " + TEXT_LINES_BASELINE + ": " + lines + "/" + lineTotal + "\n" + report);
    }

    /**
     * The official three-file chain replays every trace without error, and each alert's
     * output_fields agree with Falco's field dump of an event with the same evt.time.
     */
    @Test
    void officialChainAlertsAgreeWithTheFieldDump() throws Exception {
        Path shared = SharedData.shared();
        List<String> args = new ArrayList<>(List.of("run", "-o", "json_output=true", "-o", "rule_matching=all"));
        for (String f : List.of("falco_rules", "falco-incubating_rules", "falco-sandbox_rules")) {
            args.add("-r");
            args.add(shared.resolve("rules/" + f + ".yaml").toString());
        }
        int alerts = 0, agreeing = 0;
        StringBuilder report = new StringBuilder();
        for (Path t : traces(shared)) {
            List<String> a = new ArrayList<>(args);
            a.add("--replay");
            a.add(t.toString());
            Run r = falcoc(a.toArray(String[]::new));
            assertTrue(r.code() == 0, "chain replay of " + t.getFileName() + " exited " + r.code() + ":\n" + r.err());
            Path dump = shared.resolve("oracle/fields/" + base(t) + ".jsonl.gz");
            if (!Files.exists(dump)) continue;
            Map<Object, List<Map<String, Object>>> byTime = new HashMap<>();
            for (String line : gunzip(dump).split("\n")) {
                if (!line.startsWith("{")) continue;
                @SuppressWarnings("unchecked") Map<String, Object> fields = (Map<String, Object>) MiniJson.object(line).get("fields");
                byTime.computeIfAbsent(fields.get("evt.time"), k -> new ArrayList<>()).add(fields);
            }
            for (String line : r.out().split("\n")) {
                if (!line.startsWith("{")) continue;
                alerts++;
                @SuppressWarnings("unchecked") Map<String, Object> of = (Map<String, Object>) MiniJson.object(line).get("output_fields");
                boolean ok = false;
                for (Map<String, Object> ev : byTime.getOrDefault(of.get("evt.time"), List.of())) {
                    boolean all = true;
                    for (Map.Entry<String, Object> e : of.entrySet()) {
                        if (ev.containsKey(e.getKey()) && !java.util.Objects.equals(ev.get(e.getKey()), e.getValue())) { all = false; break; }
                    }
                    if (all) { ok = true; break; }
                }
                if (ok) agreeing++;
                else if (report.length() < 3000) report.append("-- ").append(base(t)).append(": ").append(line, 0, Math.min(300, line.length())).append('\n');
            }
        }
        System.err.println("chain: " + agreeing + "/" + alerts + " alerts agree with the field dump\n" + report);
        assertEquals(alerts, agreeing, report.toString());
    }

    /** The conditions part of conformance.sh: every valid condition fires on Falco's events; invalid ones are rejected alike. */
    @Test
    void conditionsFireOnFalcosEvents() throws Exception {
        Path shared = SharedData.shared();
        List<Map<String, Object>> cs = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(shared.resolve("oracle/conditions/conditions.jsonl")), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) if (!line.isBlank()) cs.add(MiniJson.object(line));
        }
        List<Map<String, Object>> valid = cs.stream().filter(c -> c.get("error") == null).toList();
        List<Map<String, Object>> invalid = cs.stream().filter(c -> c.get("error") != null).toList();
        Path all = Files.createTempFile("falcoc-conditions", ".yaml");
        StringBuilder yaml = new StringBuilder();
        for (Map<String, Object> c : valid) yaml.append(c.get("yaml")).append('\n');
        Files.writeString(all, yaml.toString());
        Map<String, Map<String, List<Long>>> got = new HashMap<>();
        try {
            for (Path t : traces(shared)) {
                Run r = falcoc("run", "--replay", t.toString(), "-r", all.toString(), "-o", "rule_matching=all", "-o", "json_output=true");
                Map<String, List<Long>> hits = new HashMap<>();
                for (String line : r.out().split("\n")) {
                    if (!line.startsWith("{")) continue;
                    Map<String, Object> a = MiniJson.object(line);
                    Object fields = a.get("output_fields");
                    if (!(fields instanceof Map<?, ?> f) || !(f.get("evt.num") instanceof Number n)) continue;
                    hits.computeIfAbsent((String) a.get("rule"), k -> new ArrayList<>()).add(n.longValue());
                }
                for (Map<String, Object> c : valid) {
                    List<Long> l = new ArrayList<>(hits.getOrDefault((String) c.get("id"), List.of()));
                    l.sort(null);
                    got.computeIfAbsent((String) c.get("id"), k -> new TreeMap<>()).put(t.getFileName().toString(), l);
                }
            }
        } finally {
            Files.deleteIfExists(all);
        }
        int ok = 0;
        StringBuilder report = new StringBuilder();
        for (Map<String, Object> c : valid) {
            @SuppressWarnings("unchecked") Map<String, Object> matches = (Map<String, Object>) c.get("matches");
            boolean same = true;
            for (Map.Entry<String, Object> e : matches.entrySet()) {
                List<Long> want = ((List<?>) e.getValue()).stream().map(x -> ((Number) x).longValue()).toList();
                List<Long> have = got.getOrDefault((String) c.get("id"), Map.of()).getOrDefault(e.getKey(), List.of());
                if (!want.equals(have)) {
                    same = false;
                    if (report.length() < 4000) report.append("-- ").append(c.get("id")).append(" on ").append(e.getKey()).append(": falco ")
                            .append(want.size()).append(" events, falcoc ").append(have.size()).append("\n   ").append(c.get("condition")).append('\n');
                    break;
                }
            }
            if (same) ok++;
        }
        for (Map<String, Object> c : invalid) {
            RulesEngine e = new RulesEngine();
            LoadResult r = e.load("one.yaml", (String) c.get("yaml"));
            @SuppressWarnings("unchecked") String msg = (String) ((Map<String, Object>) c.get("error")).get("message");
            String prefix = msg.substring(0, Math.min(40, msg.length()));
            String json = dev.falcoc.compiler.report.Json.write(dev.falcoc.compiler.report.FalcoJson.loadResults(e.results()));
            if (!r.successful() && json.contains(prefix)) ok++;
            else report.append("-- ").append(c.get("id")).append(": Falco rejects it with \"").append(msg).append("\"\n");
        }
        System.err.println("conditions: matched " + ok + "/" + cs.size() + "\n" + report);
        assertTrue(ok >= CONDITIONS_BASELINE, "conditions regressed below " + CONDITIONS_BASELINE + ": " + ok + "/" + cs.size() + "\n" + report);
    }
}
