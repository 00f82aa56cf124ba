package dev.falcoc.runtime.fields;

import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.runtime.Inspector;
import dev.falcoc.runtime.MiniJson;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The text side of alerts: Falco's "output" strings for the outputs oracle's rules, rebuilt from
 * {@link Inspector#text} (the five rules there select events by type only, so the test can tell
 * which rule fires on which event without the engine).
 */
class OutputTextOracleTest {
    static final int BASELINE = 12_543;

    static Map<String, String> keyed(List<String> alerts) {
        Map<String, String> out = new java.util.HashMap<>();
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (String a : alerts) {
            int sp = a.indexOf(' ', a.indexOf(": ") + 2);
            String k = a.substring(0, sp);
            int c = seen.merge(k, 1, Integer::sum);
            out.put(k + "#" + c, a);
        }
        return out;
    }

    record Rule(String name, String priority, Set<String> types, boolean negated, boolean needsFd, List<Object> parts) {}

    @Test
    void outputTextMatchesFalco() throws Exception {
        Path shared = Path.of(System.getProperty("falcoc.shared", "../../shared"));
        Path dir = shared.resolve("oracle/outputs");
        if (!Files.isDirectory(dir)) {
            System.err.println("SKIPPED OutputTextOracleTest: no oracle data at " + dir.toAbsolutePath());
            Assumptions.abort("shared oracle data absent");
        }
        FieldResolver res = FieldResolver.get();
        List<Rule> rules = new ArrayList<>();
        String yaml = Files.readString(dir.resolve("rules.yaml"));
        Matcher m = Pattern.compile("- rule: (\\S+)\\n.*?condition: (.*?)\\n\\s*output: \"(.*?)\"\\n\\s*priority: (\\S+)", Pattern.DOTALL).matcher(yaml);
        while (m.find()) {
            String cond = m.group(2);
            Matcher in = Pattern.compile("evt.type in \\(([^)]*)\\)").matcher(cond);
            in.find();
            Set<String> types = new HashSet<>(Arrays.asList(in.group(1).split(",\\s*")));
            List<Object> parts = new ArrayList<>();
            String out = m.group(3);
            StringBuilder lit = new StringBuilder();
            for (int i = 0; i < out.length(); i++) {
                char c = out.charAt(i);
                if (c == '%') {
                    parts.add(lit.toString());
                    lit.setLength(0);
                    try {
                        FieldResolver.Resolved r = res.resolvePrefix(out.substring(i + 1));
                        parts.add(r);
                        i += r.consumed();
                    } catch (FieldResolver.FieldSyntaxException ex) {
                        // a field the compiler's resolver rejects in this form (evt.abspath): no value
                        int j = i + 1;
                        while (j < out.length() && (Character.isLetterOrDigit(out.charAt(j)) || out.charAt(j) == '.' || out.charAt(j) == '_')) j++;
                        parts.add("<NA>");
                        i = j - 1;
                    }
                } else lit.append(c);
            }
            parts.add(lit.toString());
            String p = m.group(4);
            String pr = p.equals("INFO") ? "Informational" : p.charAt(0) + p.substring(1).toLowerCase();
            rules.add(new Rule(m.group(1), pr, types, cond.startsWith("not"), cond.contains("fd.num >= 0"), parts));
        }
        FieldResolver.Resolved evtType = res.resolveExact("evt.type"), fdNum = res.resolveExact("fd.num");
        int total = 0, matched = 0;
        Map<String, Integer> bad = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) { files = s.filter(p -> p.toString().endsWith(".jsonl.gz")).sorted().toList(); }
        for (Path o : files) {
            String trace = o.getFileName().toString().replace(".jsonl.gz", "");
            List<String> want = new ArrayList<>();
            try (BufferedReader br = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(o)), StandardCharsets.UTF_8))) {
                for (String line; (line = br.readLine()) != null; ) {
                    if (!line.startsWith("{")) continue;
                    @SuppressWarnings("unchecked") Map<String, Object> a = (Map<String, Object>) MiniJson.parse(line);
                    want.add((String) a.get("output"));
                }
            }
            List<String> ours = new ArrayList<>();
            try (Inspector in = Inspector.open(shared.resolve("traces/" + trace + ".scap"))) {
                for (Object ctx; (ctx = in.next()) != null; ) {
                    String type = in.text(evtType, ctx);
                    for (Rule r : rules) {
                        boolean hit = r.negated() != r.types().contains(type);
                        if (hit && r.needsFd()) {
                            Object n = in.jsonValue(fdNum, ctx);
                            hit = n instanceof Long l && l >= 0;
                        }
                        if (!hit) continue;
                        StringBuilder b = new StringBuilder();
                        b.append(SyscallFieldBinder.time(in.ts(ctx), true)).append(": ").append(r.priority()).append(' ');
                        for (Object part : r.parts()) b.append(part instanceof String s ? s : in.text((FieldResolver.Resolved) part, ctx));
                        ours.add(b.toString());
                    }
                }
            }
            // pair alerts by (time stamp + priority, n-th occurrence), as oracle_diff.py does
            Map<String, String> w = keyed(want), u = keyed(ours);
            Set<String> keys = new java.util.TreeSet<>(w.keySet());
            keys.addAll(u.keySet());
            int n = keys.size();
            int tm = 0;
            for (String k : keys) {
                String wv = w.get(k), uv = u.get(k);
                if (wv != null && wv.equals(uv)) { tm++; continue; }
                String ref = wv != null ? wv : uv;
                String key = (wv == null ? "extra " : uv == null ? "missing " : "") + ref.substring(ref.indexOf(": ") + 2, ref.indexOf(' ', ref.indexOf(' ', ref.indexOf(": ") + 2) + 1));
                if (bad.merge(key, 1, Integer::sum) <= 3) System.out.println("DIFF " + trace + " " + k + "\n  falco=" + wv + "\n  ours =" + uv);
            }
            System.out.printf("%-40s %d/%d alerts%n", trace, tm, n);
            total += n;
            matched += tm;
        }
        bad.forEach((k, v) -> System.out.printf("  %-30s %d%n", k, v));
        System.out.printf("TEXT matched %d/%d alert outputs (baseline %d)%n", matched, total, BASELINE);
        assertTrue(matched >= BASELINE);
    }
}
