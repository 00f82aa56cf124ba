package dev.falcoc.testrules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.falcoc.compiler.diag.Diagnostic;
import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.report.Snippets;
import dev.falcoc.grammar.ConditionParser;
import dev.falcoc.grammar.ParseException;
import dev.falcoc.grammar.antlr.AntlrConditions;
import dev.falcoc.grammar.ast.AstPrinter;
import dev.falcoc.grammar.ast.Expr;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The conformance suite: cases re-expressed as data from Falco's and libs' own tests (see
 * src/test/resources/conformance/README.md), each checked against falcoc.
 */
class ConformanceSuiteTest {

    @TestFactory
    Stream<DynamicTest> parser() throws Exception {
        return cases("parser.yaml").stream().map(c -> DynamicTest.dynamicTest(id(c), () -> {
            String cond = str(c, "condition");
            boolean accept = Boolean.TRUE.equals(c.get("accept"));
            // The ANTLR grammar must accept exactly the same and build the same tree.
            try {
                Expr viaAntlr = AntlrConditions.parse(cond);
                if (!accept) fail("the ANTLR grammar accepts what Falco rejects: " + cond);
                assertEquals(AstPrinter.print(ConditionParser.parse(cond)), AstPrinter.print(viaAntlr), "ANTLR tree");
            } catch (ParseException e) {
                if (accept) fail("the ANTLR grammar rejects what Falco accepts: " + cond);
            }
            try {
                String printed = AstPrinter.print(ConditionParser.parse(cond));
                if (!accept) fail("falcoc accepts what Falco rejects: " + cond);
                if (c.get("printed") != null) assertEquals(str(c, "printed"), printed);
            } catch (ParseException e) {
                if (accept) fail("falcoc rejects what Falco accepts: " + cond + " (" + e.getMessage() + ")");
                if (c.get("error") != null) assertEquals(str(c, "error"), e.getMessage());
                if (c.get("position") instanceof Map<?, ?> p) {
                    if (p.get("idx") != null) assertEquals(((Number) p.get("idx")).intValue(), e.pos().idx());
                    if (p.get("col") != null) assertEquals(((Number) p.get("col")).intValue(), e.pos().col());
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> compiler() throws Exception {
        return cases("compiler.yaml").stream().map(c -> DynamicTest.dynamicTest(id(c), () -> {
            LoadResult r = loadRule(str(c, "condition"), "o");
            boolean ok = Boolean.TRUE.equals(c.get("ok"));
            if (c.get("falco_runtime_error") != null) {
                // libs compiles it, but Falco's event-code search then stops Falco: falcoc reports
                // that stop as a load error with the same text instead of dying.
                assertFalse(r.successful(), "expected Falco's runtime error");
                assertEquals(str(c, "falco_runtime_error"), r.errors.getFirst().message());
            } else if (ok) {
                assertTrue(r.successful(), () -> "expected to compile, got " + r.errors.getFirst().message());
            } else {
                assertFalse(r.successful(), "expected a compile error");
                if (c.get("error") != null) assertEquals(str(c, "error"), r.errors.getFirst().message());
            }
            if (c.get("warnings") instanceof List<?> ws) {
                Set<String> got = new TreeSet<>();
                for (Diagnostic d : r.warnings) if (d.code().equals("LOAD_COMPILE_CONDITION")) got.add(d.message());
                for (Object w : ws) assertTrue(got.contains(String.valueOf(w)), "missing warning " + w + " in " + got);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> evttypes() throws Exception {
        return cases("evttypes.yaml").stream().map(c -> DynamicTest.dynamicTest(id(c), () -> {
            if (Boolean.TRUE.equals(c.get("throws"))) {
                LoadResult r = new RulesEngine().load("e.yaml", ruleYaml(str(c, "condition"), "o") + "  warn_evttypes: false\n");
                assertFalse(r.successful(), "expected the event-code search to fail");
                assertTrue(r.errors.getFirst().message().contains("event code search"), r.errors.getFirst().message());
                return;
            }
            Set<String> names = eventNames(str(c, "condition"));
            if (c.get("same_as") != null) {
                // Upstream asserts equality with another condition's set; that is the hard check.
                assertEquals(eventNames(str(c, "same_as")), names, "same_as " + c.get("same_as"));
            }
            if (c.get("events") instanceof List<?> ev && c.get("same_as") == null) {
                Set<String> want = new TreeSet<>();
                ev.forEach(x -> want.add(String.valueOf(x)));
                want.remove("asyncevent");
                assertEquals(want, names);
            } else if (c.get("all_except") instanceof List<?> ex) {
                for (Object x : ex) assertFalse(names.contains(String.valueOf(x)), "should exclude " + x);
                assertTrue(names.size() > 100, "expected nearly all events");
            } else if (Boolean.TRUE.equals(c.get("all"))) {
                assertTrue(names.size() > 300, "expected all events, got " + names.size());
            } else if (Boolean.TRUE.equals(c.get("none"))) {
                assertTrue(names.isEmpty(), "expected no events, got " + names);
            }
        }));
    }

    private static Set<String> eventNames(String condition) {
        RulesEngine engine = new RulesEngine();
        LoadResult r = engine.load("e.yaml", ruleYaml(condition, "o") + "  warn_evttypes: false\n");
        assertTrue(r.successful(), () -> r.errors.getFirst().message());
        Compiled.CRule rule = engine.output().rules().get("r");
        Set<String> names = new TreeSet<>(engine.eventNames(rule.events));
        names.remove("asyncevent");
        return names;
    }

    @TestFactory
    Stream<DynamicTest> loader() throws Exception {
        Path dir = resourceDir("loader");
        if (dir == null) return Stream.of(DynamicTest.dynamicTest("no loader cases", () -> { }));
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> loaderCase(f)));
    }

    @SuppressWarnings("unchecked")
    private void loaderCase(Path f) throws IOException {
        Map<String, Object> c = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(f));
        List<Object> texts = (List<Object>) c.get("files");
        RulesEngine engine = new RulesEngine();
        List<LoadResult> results = new ArrayList<>();
        int i = 1;
        for (Object t : texts) results.add(engine.load(i++ + ".yaml", String.valueOf(t)));
        LoadResult last = results.getLast();
        if (c.get("expect") instanceof Map<?, ?> e) {
            checkResult((Map<String, Object>) e, List.of(last), engine);
        }
        if (c.get("expect_all") instanceof Map<?, ?> e) checkResult((Map<String, Object>) e, results, engine);
        if (c.get("expect_files") instanceof List<?> l) {
            for (Object o : l) {
                Map<String, Object> e = (Map<String, Object>) o;
                checkResult(e, List.of(results.get(((Number) e.get("index")).intValue())), engine);
            }
        }
    }

    /** Checks one expectation block against the given load results (every key of the README). */
    @SuppressWarnings("unchecked")
    private static void checkResult(Map<String, Object> expect, List<LoadResult> results, RulesEngine engine) {
        List<Diagnostic> errors = results.stream().flatMap(r -> r.errors.stream()).toList();
        List<Diagnostic> warnings = results.stream().flatMap(r -> r.warnings.stream()).toList();
        if (expect.get("successful") != null) {
            boolean successful = results.stream().allMatch(LoadResult::successful);
            assertEquals(expect.get("successful"), successful, () -> "successful; errors: " + errors.stream().map(Diagnostic::message).toList());
        }
        checkDiags((List<Object>) expect.get("errors"), errors, Boolean.TRUE.equals(expect.get("errors_exhaustive")), results);
        checkDiags((List<Object>) expect.get("warnings"), warnings, Boolean.TRUE.equals(expect.get("warnings_exhaustive")), results);
        if (expect.get("warnings_count") instanceof Number n) assertEquals(n.intValue(), warnings.size(), "warnings: " + warnings);
        if (Boolean.TRUE.equals(expect.get("has_warnings"))) assertFalse(warnings.isEmpty(), "expected a warning");
        if (expect.get("warnings_absent") instanceof List<?> absent) {
            for (Object a : absent) {
                String sub = String.valueOf(((Map<String, Object>) a).get("message_contains"));
                for (Diagnostic d : warnings) assertFalse(d.message().contains(sub), "unexpected warning " + d.message());
            }
        }
        if (expect.get("schema_validation") != null) {
            boolean valid = results.stream().allMatch(r -> r.schemaValid);
            assertEquals(expect.get("schema_validation").equals("ok"), valid, "schema validation; " + results.getLast().schemaWarnings);
        }
        if (expect.get("compiled") instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) assertEquals(String.valueOf(e.getValue()), AstPrinter.print(item(out(engine).rules(), e.getKey()).ast), "condition of " + e.getKey());
        }
        if (expect.get("macros_compiled") instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) assertEquals(String.valueOf(e.getValue()), AstPrinter.print(item(out(engine).macros(), e.getKey()).ast));
        }
        if (expect.get("enabled") instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) assertEquals(e.getValue(), item(out(engine).rules(), e.getKey()).enabled, "enabled " + e.getKey());
        }
        if (expect.get("enabled_count") instanceof Number n) {
            assertEquals(n.intValue(), out(engine).rules().values().stream().filter(r -> r.enabled).count(), "enabled rules");
        }
        if (expect.get("outputs") instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) assertEquals(String.valueOf(e.getValue()), item(out(engine).rules(), e.getKey()).output);
        }
        if (expect.get("info") instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) {
                Compiled.CRule r = item(out(engine).rules(), e.getKey());
                Map<String, Object> want = (Map<String, Object>) e.getValue();
                if (want.get("condition") != null) assertEquals(want.get("condition"), r.conditionText, "condition");
                if (want.get("output") != null) assertEquals(want.get("output"), r.output, "output");
                if (want.get("description") != null) assertEquals(want.get("description"), r.description, "description");
                if (want.get("priority") != null) assertEquals(String.valueOf(want.get("priority")).toLowerCase(), r.priority.name().toLowerCase(), "priority");
            }
        }
        if (expect.get("describe") instanceof Map<?, ?> m) {
            if (m.get("rules_count") instanceof Number n) assertEquals(n.intValue(), out(engine).rules().size(), "rules");
            if (m.get("macros_count") instanceof Number n) assertEquals(n.intValue(), out(engine).macros().size(), "macros");
            if (m.get("lists_count") instanceof Number n) assertEquals(n.intValue(), out(engine).lists().size(), "lists");
        }
        if (expect.get("lists_compiled") instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) {
                Compiled.CList l = item(out(engine).lists(), e.getKey());
                Map<String, Object> want = (Map<String, Object>) e.getValue();
                if (want.get("items_compiled") instanceof List<?> items) assertEquals(items, l.items, "items of " + e.getKey());
                if (want.get("lists") instanceof List<?> lists) assertEquals(new TreeSet<>((List<String>) lists), new TreeSet<>(l.lists), "lists of " + e.getKey());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkDiags(List<Object> want, List<Diagnostic> got, boolean exhaustive, List<LoadResult> results) {
        if (want == null) return;
        List<String> seen = got.stream().map(d -> d.code() + ": " + d.message()).toList();
        for (Object w : want) {
            Map<String, Object> m = (Map<String, Object>) w;
            boolean found = got.stream().anyMatch(d -> matches(m, d, results));
            assertTrue(found, "expected " + m + " among " + seen);
        }
        if (exhaustive) assertEquals(want.size(), got.size(), "diagnostics: " + seen);
    }

    private static RulesEngine.CompileOutput out(RulesEngine engine) {
        assertNotNull(engine.output(), "nothing compiled");
        return engine.output();
    }

    private static <T> T item(Map<String, T> items, Object name) {
        T t = items.get(String.valueOf(name));
        assertNotNull(t, name + " not compiled");
        return t;
    }

    private static boolean matches(Map<String, Object> m, Diagnostic d, List<LoadResult> results) {
        if (m.get("code") != null && !d.code().equals(m.get("code"))) return false;
        if (m.get("message") != null && !d.message().equals(m.get("message"))) return false;
        if (m.get("message_contains") != null && !d.message().contains(String.valueOf(m.get("message_contains")))) return false;
        if (m.get("item_type") != null && d.context().locations().stream().noneMatch(l -> l.itemType().equals(m.get("item_type")))) return false;
        if (m.get("item_name") != null && d.context().locations().stream().noneMatch(l -> l.itemName().equals(m.get("item_name")))) return false;
        if (m.get("snippet_contains") != null) {
            String content = results.stream().filter(r -> r.name.equals(d.context().contentName())).map(r -> r.content).findFirst().orElse("");
            if (!Snippets.falco(d.context(), content).contains(String.valueOf(m.get("snippet_contains")))) return false;
        }
        return true;
    }

    private static LoadResult loadRule(String condition, String output) {
        return new RulesEngine().load("c.yaml", ruleYaml(condition, output));
    }

    private static String ruleYaml(String condition, String output) {
        return "- rule: r\n  desc: d\n  condition: " + quote(condition) + "\n  output: " + quote(output) + "\n  priority: INFO\n";
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case '\b' -> sb.append("\\b");
                default -> sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }

    private static String id(Map<String, Object> c) { return String.valueOf(c.get("id")); }

    private static String str(Map<String, Object> c, String k) { return String.valueOf(c.get(k)); }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cases(String name) throws IOException {
        try (InputStream in = ConformanceSuiteTest.class.getResourceAsStream("/conformance/" + name)) {
            if (in == null) return List.of();
            Object o = new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            return o instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
        }
    }

    private static Path resourceDir(String name) throws URISyntaxException {
        URL u = ConformanceSuiteTest.class.getResource("/conformance/" + name);
        return u == null ? null : Path.of(u.toURI());
    }
}
