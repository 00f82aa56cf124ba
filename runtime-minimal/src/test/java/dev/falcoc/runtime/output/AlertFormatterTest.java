package dev.falcoc.runtime.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.runtime.config.FalcoConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertFormatterTest {
    /** A fake event: field text -> value (absent = no value); evt.time renders as Falco's clock text. */
    static final class Fake implements FieldRenderer {
        final Map<String, Object> values;

        Fake(Map<String, Object> values) { this.values = values; }

        @Override public Object jsonValue(FieldResolver.Resolved f, Object ctx) { return values.get(f.text()); }

        @Override public String text(FieldResolver.Resolved f, Object ctx) {
            if (f.text().equals("evt.time")) return "16:17:55.999999999";
            Object v = values.get(f.text());
            return v == null ? "<NA>" : v.toString();
        }
    }

    static Compiled.CRule rule(String output) {
        RulesEngine e = new RulesEngine();
        LoadResult r = e.load("r.yaml", """
                - rule: r1
                  desc: d
                  condition: evt.type = open
                  output: "%s"
                  priority: INFO
                  tags: [b, a]
                """.formatted(output));
        assertTrue(r.successful(), () -> r.errors.toString());
        return e.output().rules().get("r1");
    }

    static FalcoConfig cfg(boolean json) throws Exception {
        return FalcoConfig.load(null, List.of("json_output=" + json));
    }

    /** The alert line of rule r1 with {@code output}, in text or JSON mode, on a fake event of {@code values}. */
    static String message(boolean json, String output, Map<String, Object> values) throws Exception {
        AlertFormatter af = new AlertFormatter(cfg(json), new Fake(values), "host", FieldResolver.get());
        return af.format(AlertFormatter.compile(rule(output), FieldResolver.get()), null, 1470327475999999999L).message();
    }

    @Test
    void textLineIsTimePriorityOutput() throws Exception {
        assertEquals("16:17:55.999999999: Informational file <NA> by cat [cat  |ca] CAT",
                message(false, "file %fd.name by %proc.name [%5proc.name|%2proc.name] %toupper(proc.name)", Map.of("proc.name", "cat")));
    }

    @Test
    void widthCountsBytesOfUtf8AsLibsinsp() throws Exception {
        // "né" is 3 bytes: %4 pads one space, %2 cuts inside the é
        assertEquals("16:17:55.999999999: Informational [né |né|n\uFFFD|n]",
                message(false, "[%4proc.name|%3proc.name|%2proc.name|%1proc.name]", Map.of("proc.name", "né")));
    }

    @Test
    void transformersWorkOnValuesAsLibsinsp() throws Exception {
        // case mapping is ASCII-only (C's toupper); a list field is transformed element by element
        assertEquals("16:17:55.999999999: Informational Né (file,ipv4) 2 3 (FILE,IPV4)",
                message(false, "%toupper(proc.name) %basename(fd.types) %len(fd.types) %len(proc.name) %toupper(basename(fd.types))",
                        Map.of("proc.name", "né", "fd.types", List.of("/a/file", "/b/ipv4"))));
    }

    @Test
    void utilCntCountsFalcosExtractionsPerToken() throws Exception {
        // per alert Falco extracts each util.cnt token once for the text, twice for output_fields
        // (the second is kept) and once for the alert's field values
        for (boolean json : new boolean[] {false, true}) {
            AlertFormatter af = new AlertFormatter(cfg(json), new Fake(Map.of("evt.time", 1L)), "host", FieldResolver.get());
            AlertFormatter.RuleOutput out = AlertFormatter.compile(rule("a=%util.cnt b=%util.cnt"), FieldResolver.get());
            List<String> messages = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) messages.add(af.format(out, null, 1470327475999999999L).message());
            if (json) {
                assertTrue(messages.get(0).contains("\"output\":\"16:17:55.999999999: Informational a=1 b=1\""), messages.get(0));
                assertTrue(messages.get(0).contains("\"util.cnt\":3"), messages.get(0));
                assertTrue(messages.get(1).contains("a=5 b=5") && messages.get(1).contains("\"util.cnt\":7"), messages.get(1));
            } else {
                assertEquals(List.of("16:17:55.999999999: Informational a=1 b=1", "16:17:55.999999999: Informational a=3 b=3",
                        "16:17:55.999999999: Informational a=5 b=5"), messages);
            }
        }
    }

    @Test
    void appendOutputExtendsMatchingRules() throws Exception {
        FalcoConfig cfg = FalcoConfig.load(null, List.of("json_output=true"));
        List<FalcoConfig.AppendOutput> appends = List.of(
                new FalcoConfig.AppendOutput(null, List.of("a"), null, "pid=%proc.pid",
                        List.of(new FalcoConfig.ExtraField("proc.pid", "%proc.pid", true), new FalcoConfig.ExtraField("who", "name %proc.name", false))),
                new FalcoConfig.AppendOutput(null, List.of(), "other rule", "never", List.of()));
        AlertFormatter af = new AlertFormatter(cfg, new Fake(Map.of("proc.name", "cat", "proc.pid", 42L, "evt.time", 1L)), "host", FieldResolver.get());
        String m = af.format(AlertFormatter.compile(rule("x %proc.name"), FieldResolver.get(), appends), null, 1470327475999999999L).message();
        assertTrue(m.contains("\"output\":\"16:17:55.999999999: Informational x cat pid=42\""), m);
        assertTrue(m.contains("\"output_fields\":{\"evt.time\":1,\"proc.name\":\"cat\",\"proc.pid\":42,\"who\":\"name cat\"}"), m);
    }

    @Test
    void jsonAlertLikeFalco() throws Exception {
        String message = message(true, "x %proc.name %proc.pid %fd.name %toupper(proc.name)",
                Map.of("proc.name", "c\"a\tt", "evt.time", 1470327475999999999L, "proc.pid", 42L));
        assertEquals("{\"hostname\":\"host\",\"output\":\"16:17:55.999999999: Informational x c\\\"a\\tt 42 <NA> C\\\"A\\tT\","
                + "\"output_fields\":{\"evt.time\":1470327475999999999,\"fd.name\":null,\"proc.name\":\"c\\\"a\\tt\",\"proc.pid\":42},"
                + "\"priority\":\"Informational\",\"rule\":\"r1\",\"source\":\"syscall\",\"tags\":[\"a\",\"b\"],"
                + "\"time\":\"2016-08-04T16:17:55.999999999Z\"}", message);
    }

    @Test
    void jsonIncludeSwitches() throws Exception {
        FalcoConfig c = FalcoConfig.load(null, List.of("json_output=true", "json_include_output_property=false",
                "json_include_tags_property=false", "json_include_message_property=true", "json_include_output_fields_property=false"));
        AlertFormatter af = new AlertFormatter(c, new Fake(Map.of()), "h", FieldResolver.get());
        Alert a = af.format(AlertFormatter.compile(rule("m %proc.name"), FieldResolver.get()), null, 5L);
        assertEquals("{\"hostname\":\"h\",\"message\":\"m <NA>\",\"priority\":\"Informational\",\"rule\":\"r1\",\"source\":\"syscall\","
                + "\"time\":\"1970-01-01T00:00:00.000000005Z\"}", a.message());
    }

    @Test
    void controlCharactersEscapedAsNlohmannDoes() {
        StringBuilder sb = new StringBuilder();
        NlohmannJson.write(Map.of("k", "a\u0001/é"), sb);
        assertEquals("{\"k\":\"a\\u0001/é\"}", sb.toString());
    }
}
