package dev.falcoc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.compiler.check.Ip;
import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.ir.FieldBinder;
import dev.falcoc.compiler.ir.IpAddr;
import dev.falcoc.compiler.ir.IrNode;
import dev.falcoc.compiler.ir.Kind;
import dev.falcoc.compiler.ir.Lowering;
import dev.falcoc.compiler.ir.Matcher;
import dev.falcoc.compiler.schema.EventTable;
import dev.falcoc.compiler.schema.FieldResolver;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Matcher semantics against Falco itself, without our runtime: the oracle's random conditions
 * evaluated on the field values Falco dumped for every event of a trace (oracle/fields) must fire
 * on exactly the events Falco fired on (oracle/conditions). Conditions on fields a dump cannot
 * represent (ancestor and endpoint candidates, buffers, container-derived fields, fields absent
 * from the dump) are skipped.
 */
class FalcoValuesTest {
    private record Ev(long num, Map<String, Object> fields) {}

    /** A dumped value that does not convert to the field's kind: the pair is not comparable. */
    private static final class Unconvertible extends RuntimeException {
        Unconvertible() { super(null, null, false, false); }
    }

    @Test
    void oracleConditionsFireOnFalcosEventsFromFalcosValues() throws Exception {
        Path rules = OfficialRulesTest.rulesDir();
        Assumptions.assumeTrue(rules != null, "shared data not found");
        Path shared = rules.getParent();
        Path conds = shared.resolve("oracle/conditions/conditions.jsonl");
        Assumptions.assumeTrue(Files.isRegularFile(conds));
        Map<String, List<Ev>> dumps = new HashMap<>();
        try (var ds = Files.newDirectoryStream(shared.resolve("oracle/fields"), "*.jsonl.gz")) {
            for (Path p : ds) dumps.put(p.getFileName().toString().replace(".jsonl.gz", ".scap"), readDump(p));
        }
        EventTable table = EventTable.get();
        int compared = 0, skipped = 0;
        List<String> mismatches = new ArrayList<>();
        for (String line : Files.readAllLines(conds)) {
            if (!line.contains("\"error\": null")) continue;
            @SuppressWarnings("unchecked") Map<String, Object> c = (Map<String, Object>) MiniJson.parse(line);
            RulesEngine engine = new RulesEngine();
            LoadResult res = engine.load("one.yaml", (String) c.get("yaml"));
            if (!res.successful()) continue;
            Compiled.CRule rule = engine.output().rules().values().iterator().next();
            Lowering low = new Lowering(FieldResolver.get(), binder());
            IrNode n = low.lower(rule.ast);
            Set<String> used = new HashSet<>();
            if (!representable(n, used)) { skipped++; continue; }
            Matcher m = MatcherCompiler.compile(List.of(n), List.of(rule.name), low, Backend.BYTECODE).get(0);
            @SuppressWarnings("unchecked") Map<String, List<Object>> want = (Map<String, List<Object>>) c.get("matches");
            for (var d : dumps.entrySet()) {
                List<Object> falco = want.get(d.getKey());
                if (falco == null || d.getValue().isEmpty() || !d.getValue().get(0).fields().keySet().containsAll(used)) continue;
                List<Long> ours = new ArrayList<>();
                List<Object> theirs = new ArrayList<>(falco);
                try {
                    for (Ev e : d.getValue()) {
                        // A syscall shows no arguments either as the generic event (old captures) or
                        // as its own event with nothing to show: the dump cannot tell which, so an
                        // event whose rule selection depends on it is left out of the comparison.
                        boolean own = table.codesFor(String.valueOf(e.fields().get("evt.type"))).intersects(rule.events);
                        boolean generic = table.codesFor("syscall").intersects(rule.events);
                        boolean noArgs = "".equals(e.fields().get("evt.args"));
                        if (noArgs && own != generic) {
                            theirs.remove(e.num());
                            continue;
                        }
                        if (!own) continue;
                        if (m.matches(e.fields())) ours.add(e.num());
                    }
                } catch (Unconvertible u) {
                    skipped++;
                    continue;
                }
                compared++;
                if (!ours.equals(theirs)) {
                    List<Object> onlyFalco = new ArrayList<>(theirs);
                    onlyFalco.removeAll(ours);
                    List<Long> onlyOurs = new ArrayList<>(ours);
                    onlyOurs.removeAll(theirs);
                    mismatches.add(c.get("id") + " on " + d.getKey() + ": Falco only " + head(onlyFalco) + ", ours only " + head(onlyOurs)
                            + "\n   " + c.get("condition"));
                }
            }
        }
        System.out.printf("Falco values: %d condition/trace pairs compared, %d mismatches, %d skipped%n", compared, mismatches.size(), skipped);
        mismatches.stream().limit(40).forEach(System.out::println);
        assertTrue(compared > 300, "compared only " + compared);
        assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches");
    }

    private static String head(List<?> l) { return l.size() <= 8 ? l.toString() : l.subList(0, 8) + "... (" + l.size() + ")"; }

    private static boolean representable(IrNode n, Set<String> used) {
        return switch (n) {
            case IrNode.And a -> a.children().stream().allMatch(k -> representable(k, used));
            case IrNode.Or o -> o.children().stream().allMatch(k -> representable(k, used));
            case IrNode.Not x -> representable(x.child(), used);
            case IrNode.Const k -> true;
            case IrNode.Check c -> field(c.left(), used) && (c.rhs() == null || field(c.rhs(), used));
        };
    }

    private static boolean field(IrNode.FieldRef f, Set<String> used) {
        String name = f.field().info().name();
        boolean candidates = (name.startsWith("proc.a") && f.field().arg() == null)
                || Set.of("fd.ip", "fd.port", "fd.net", "fd.proto").contains(name);
        used.add(f.field().text());
        // container-derived values in the dump need not be those the conditions run saw (c0070005)
        boolean container = name.startsWith("container.") || name.startsWith("fd.container");
        return !candidates && !container && Kind.of(f.field().type()) != Kind.BYTES;
    }

    /** Reads the dumped value of the field and converts it to the value type getters give. */
    private static FieldBinder binder() {
        return field -> {
            String key = field.text();
            Kind k = Kind.of(field.type());
            boolean list = field.list();
            return ctx -> {
                Object v = ((Map<?, ?>) ctx).get(key);
                if (v == null) return null;
                if (list) {
                    if (!(v instanceof List<?> l)) throw new Unconvertible();
                    List<Object> out = new ArrayList<>();
                    for (Object o : l) out.add(convert(k, o));
                    return out;
                }
                return convert(k, v);
            };
        };
    }

    private static Object convert(Kind k, Object v) {
        switch (k) {
            case STRING -> { if (v instanceof String s) return s; }
            case S8, S16, S32, S64, U8, U16, U32, U64 -> {
                if (v instanceof Long l) return l;
                if (v instanceof String s) {
                    try { return Long.parseLong(s); } catch (NumberFormatException e) { /* not comparable */ }
                }
            }
            case DOUBLE -> { if (v instanceof Number x) return x.doubleValue(); }
            case BOOL -> { if (v instanceof Boolean b) return b; }
            case IP, NET -> {
                if (v instanceof String s) {
                    byte[] b = s.indexOf('.') >= 0 ? Ip.parseV4(s) : Ip.parseV6(s);
                    if (b != null) return new IpAddr(b);
                }
            }
            default -> { }
        }
        throw new Unconvertible();
    }

    @SuppressWarnings("unchecked")
    private static List<Ev> readDump(Path p) throws Exception {
        List<Ev> out = new ArrayList<>();
        try (var r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(p)), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) continue;
                Map<String, Object> o = (Map<String, Object>) MiniJson.parse(line);
                out.add(new Ev((Long) o.get("evt.num"), (Map<String, Object>) o.get("fields")));
            }
        }
        return out;
    }
}
