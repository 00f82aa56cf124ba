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
import dev.falcoc.grammar.ConditionParser;
import dev.falcoc.grammar.ParseException;
import dev.falcoc.grammar.ast.AstPrinter;
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
        Map<String, Object> expect = (Map<String, Object>) c.get("expect");
        RulesEngine engine = new RulesEngine();
        List<LoadResult> results = new ArrayList<>();
        int i = 1;
        for (Object t : texts) results.add(engine.load(i++ + ".yaml", String.valueOf(t)));
        boolean successful = results.stream().allMatch(LoadResult::successful);
        if (expect.get("successful") != null) {
            assertEquals(expect.get("successful"), successful, () -> "successful; errors: " + results.stream().flatMap(r -> r.errors.stream()).map(Diagnostic::message).toList());
        }
        checkDiags((List<Object>) expect.get("errors"), results.stream().flatMap(r -> r.errors.stream()).toList(), false);
        List<Diagnostic> warnings = results.stream().flatMap(r -> r.warnings.stream()).toList();
        checkDiags((List<Object>) expect.get("warnings"), warnings, Boolean.TRUE.equals(expect.get("warnings_exhaustive")));
        if (expect.get("compiled") instanceof Map<?, ?> m) {
            assertNotNull(engine.output(), "nothing compiled");
            for (var e : m.entrySet()) {
                Compiled.CRule r = engine.output().rules().get(String.valueOf(e.getKey()));
                assertNotNull(r, "rule " + e.getKey() + " not compiled");
                assertEquals(String.valueOf(e.getValue()), AstPrinter.print(r.ast), "condition of " + e.getKey());
            }
        }
        if (expect.get("macros_compiled") instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) {
                Compiled.CMacro r = engine.output().macros().get(String.valueOf(e.getKey()));
                assertNotNull(r, "macro " + e.getKey() + " not compiled");
                assertEquals(String.valueOf(e.getValue()), AstPrinter.print(r.ast));
            }
        }
        if (expect.get("enabled") instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) assertEquals(e.getValue(), engine.output().rules().get(String.valueOf(e.getKey())).enabled, "enabled " + e.getKey());
        }
        if (expect.get("outputs") instanceof Map<?, ?> m) {
            for (var e : m.entrySet()) assertEquals(String.valueOf(e.getValue()), engine.output().rules().get(String.valueOf(e.getKey())).output);
        }
    }

    @SuppressWarnings("unchecked")
    private static void checkDiags(List<Object> want, List<Diagnostic> got, boolean exhaustive) {
        if (want == null) return;
        List<String> seen = got.stream().map(d -> d.code() + ": " + d.message()).toList();
        for (Object w : want) {
            Map<String, Object> m = (Map<String, Object>) w;
            String code = (String) m.get("code");
            boolean found = got.stream().anyMatch(d -> (code == null || d.code().equals(code))
                    && (m.get("message") == null || d.message().equals(m.get("message")))
                    && (m.get("message_contains") == null || d.message().contains(String.valueOf(m.get("message_contains")))));
            assertTrue(found, "expected " + m + " among " + seen);
        }
        if (exhaustive) assertEquals(want.size(), got.size(), "diagnostics: " + seen);
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
