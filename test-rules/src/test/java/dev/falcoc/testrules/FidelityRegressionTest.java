package dev.falcoc.testrules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * One test per replay-fidelity fix: the events or values where falcoc used to differ from Falco
 * 0.42.1, asserted against the oracle data (condition match sets, alerts, field dumps).
 */
class FidelityRegressionTest {

    // ---------------------------------------------------------------- the fixes

    /** libsinsp fix_sockets_coming_from_proc: an IPv4 connection to a port we listen on is the server end. */
    @Test
    void socketsOfTheCaptureFdListGetTheirDirection() throws Exception {
        for (String id : List.of("c0070039", "c0070082", "c0070108", "c0070150", "c0070153", "c0070166", "c0070196"))
            assertConditionLikeFalco(id, "psp_run_as_user_0_container");
        assertAlertFieldLikeFalco("psp_run_as_user_0_container", "fd.name");
    }

    /** fd.dev.major/minor decode the kernel's new_encode_dev layout (dev 0xfd00 is 253:0). */
    @Test
    void deviceNumbersUseTheKernelsEncoding() throws Exception {
        assertConditionLikeFalco("c0070030", "psp_run_as_user_0_container");
    }

    /** Without the container plugin libsinsp knows no container id: fd.containerdirectory is ":/dir". */
    @Test
    void fdContainerPrefixIsEmptyWithoutTheContainerPlugin() throws Exception {
        for (String id : List.of("c0070005", "c0070084", "c0070154", "c0070174"))
            assertConditionLikeFalco(id, "psp_run_as_user_0_container");
        // Falco's configuration of the conditions oracle, and one that loads the plugin
        Path shared = SharedData.shared();
        Path rules = Files.createTempFile("falcoc-cdir", ".yaml");
        try {
            Files.writeString(rules, "- rule: cdir\n  desc: d\n  condition: evt.num = 1136\n  output: \"%fd.containerdirectory\"\n  priority: DEBUG\n");
            String trace = shared.resolve("traces/psp_run_as_user_0_container.scap").toString();
            String falcoYaml = shared.resolve("oracle/conditions/falco.yaml").toString();
            ReplayConformanceTest.Run without = ReplayConformanceTest.falcoc("run", "--replay", trace, "-r", rules.toString(), "-c", falcoYaml, "-o", "json_output=false");
            ReplayConformanceTest.Run with = ReplayConformanceTest.falcoc("run", "--replay", trace, "-r", rules.toString(), "-c", falcoYaml,
                    "-o", "json_output=false", "-o", "load_plugins[]=container");
            assertEquals(true, without.out().contains("Debug :/dev/pts\n"), without.out() + without.err());
            assertEquals(true, with.out().contains("Debug 697956520d89:/dev/pts\n"), with.out() + with.err());
        } finally {
            Files.deleteIfExists(rules);
        }
    }

    /** A listening socket's fd.sproto is "" and its fd.cproto has no value; a unix socket's fd.cproto is "". */
    @Test
    void protocolFieldsFollowLibsinsp() throws Exception {
        assertConditionLikeFalco("c0070183", "single_ipv6_conn");
        for (String trace : List.of("sample", "curl_google", "test_ipv6_client", "connect_localhost"))
            assertFieldsLikeFalcosDump(trace, List.of("fd.cproto", "fd.sproto", "fd.lproto", "fd.rproto", "fd.cip", "fd.sip", "fd.lip", "fd.rip"));
    }

    /** fd.types lists types in the fd table's std::unordered_map iteration order (libstdc++). */
    @Test
    void fdTypesFollowLibsinspsTableOrder() throws Exception {
        for (String trace : List.of("sample", "connect_localhost", "curl_google"))
            assertFieldsLikeFalcosDump(trace, List.of("fd.types"));
    }

    /** A thread whose process libsinsp never learnt has no main thread: no open fds, no fd limit. */
    @Test
    void fdCountersOfAThreadWithoutProcess() throws Exception {
        for (String trace : List.of("syscall", "connect_localhost"))
            assertFieldsLikeFalcosDump(trace, List.of("proc.fdopencount", "proc.fdusage", "proc.fdlimit"));
    }

    /** libsinsp drops the " (deleted)" readlink adds to a removed binary's path. */
    @Test
    void exepathOfADeletedBinary() throws Exception {
        assertFieldsLikeFalcosDump("connect_localhost", List.of("proc.exepath", "proc.pexepath"));
    }

    /** evt.latency.human of an event the parser attached no thread to (scapevent) keeps the previous text. */
    @Test
    void latencyOfAnEventWithoutParserThread() throws Exception {
        assertFieldsLikeFalcosDump("sample", List.of("evt.latency.human"));
    }

    /**
     * evt.buffer of an empty read/write: libsinsp writes "NULL" into its one parameter-string
     * storage but keeps the length of the last data buffer it rendered, so Falco prints "NULL", a
     * NUL and leftovers of whatever the outputs (and the parser) rendered before. Asserted on every
     * such value of the outputs oracle (JSON and text) and of the field dump, which differ for the
     * same event because their rules render different fields.
     */
    @Test
    void emptyBufferShowsLibsinspsStorageLeftovers() throws Exception {
        for (String trace : List.of("cat_write", "curl_google", "psp_run_as_user_0_container", "single_ipv6_conn")) {
            assertAlertFieldLikeFalco(trace, "evt.buffer");
            assertTextLinesLikeFalco(trace, " buf=NUL");
        }
        for (String trace : List.of("cat_write", "curl_google", "test_ipv6_client"))
            assertDumpFieldLikeFalco(trace, "evt.buffer", "NULL.");
    }

    /**
     * falco -L names a rule's event types through ppm_sc codes too: a syscall without an event of
     * its own appears by name (not every generic syscall), and negations list every syscall.
     */
    @Test
    @SuppressWarnings("unchecked")
    void conditionsListFalcosEventTypes() throws Exception {
        Path shared = SharedData.shared();
        StringBuilder yaml = new StringBuilder();
        Map<String, List<String>> want = new TreeMap<>();
        try (BufferedReader r = Files.newBufferedReader(shared.resolve("oracle/conditions/conditions.jsonl"))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) continue;
                Map<String, Object> c = MiniJson.object(line);
                if (c.get("error") != null) continue;
                yaml.append(c.get("yaml")).append('\n');
                want.put((String) c.get("id"), ((List<Object>) c.get("evttypes")).stream().map(Object::toString).sorted().toList());
            }
        }
        Path rules = Files.createTempFile("falcoc-evttypes", ".yaml");
        try {
            Files.writeString(rules, yaml.toString());
            ReplayConformanceTest.Run r = ReplayConformanceTest.falcoc("list", "--format", "json", rules.toString());
            assertEquals(0, r.code(), r.err());
            Map<String, List<String>> got = new TreeMap<>();
            for (Object o : (List<Object>) MiniJson.object(r.out()).get("rules")) {
                Map<String, Object> rule = (Map<String, Object>) o;
                got.put((String) fields(rule, "info").get("name"),
                        ((List<Object>) fields(rule, "details").get("events")).stream().map(Object::toString).sorted().toList());
            }
            assertEquals(want, got);
        } finally {
            Files.deleteIfExists(rules);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Replays one condition of the conditions oracle alone and compares the events it fires on. */
    static void assertConditionLikeFalco(String id, String trace) throws Exception {
        Path shared = SharedData.shared();
        Map<String, Object> c = null;
        try (BufferedReader r = Files.newBufferedReader(shared.resolve("oracle/conditions/conditions.jsonl"))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.contains("\"" + id + "\"")) {
                    Map<String, Object> x = MiniJson.object(line);
                    if (id.equals(x.get("id"))) c = x;
                }
            }
        }
        if (c == null) throw new AssertionError("no condition " + id + " in the oracle");
        Path rules = Files.createTempFile("falcoc-" + id, ".yaml");
        try {
            Files.writeString(rules, (String) c.get("yaml"));
            List<Long> got = new ArrayList<>();
            for (Map<String, Object> a : alerts(trace, rules)) got.add(((Number) fields(a).get("evt.num")).longValue());
            got.sort(null);
            @SuppressWarnings("unchecked") Map<String, Object> matches = (Map<String, Object>) c.get("matches");
            List<Long> want = ((List<?>) matches.get(trace + ".scap")).stream().map(x -> ((Number) x).longValue()).toList();
            assertEquals(want, got, id + " on " + trace + ": " + c.get("condition"));
        } finally {
            Files.deleteIfExists(rules);
        }
    }

    /** One field of every alert of the outputs oracle's rules on a trace, keyed by rule and time. */
    static void assertAlertFieldLikeFalco(String trace, String field) throws Exception {
        Path shared = SharedData.shared();
        Map<String, Object> want = new TreeMap<>(), got = new TreeMap<>();
        for (String line : gunzipLines(shared.resolve("oracle/outputs/" + trace + ".jsonl.gz"))) {
            Map<String, Object> a = MiniJson.object(line);
            if (fields(a).containsKey(field)) want.put(a.get("rule") + " " + a.get("time"), fields(a).get(field));
        }
        for (Map<String, Object> a : alerts(trace, shared.resolve("oracle/outputs/rules.yaml"))) {
            if (fields(a).containsKey(field)) got.put(a.get("rule") + " " + a.get("time"), fields(a).get(field));
        }
        assertFalse(want.isEmpty(), "the oracle has no " + field);
        assertEquals(want, got, field + " of the alerts on " + trace);
    }

    /** The text-mode alert lines of the outputs oracle's rules that contain {@code marker}, in order. */
    static void assertTextLinesLikeFalco(String trace, String marker) throws Exception {
        Path shared = SharedData.shared();
        ReplayConformanceTest.Run r = ReplayConformanceTest.falcoc("run", "--replay", shared.resolve("traces/" + trace + ".scap").toString(),
                "-r", shared.resolve("oracle/outputs/rules.yaml").toString(), "-o", "json_output=false", "-o", "rule_matching=all");
        assertEquals(0, r.code(), r.err());
        List<String> want = ReplayConformanceTest.gunzip(shared.resolve("oracle/outputs/" + trace + ".txt.gz")).lines().filter(l -> l.contains(marker)).toList();
        assertFalse(want.isEmpty(), "the oracle has no line with " + marker);
        assertEquals(want, r.out().lines().filter(l -> l.contains(marker)).toList(), "text lines with " + marker + " on " + trace);
    }

    /**
     * One field on every event of a trace with Falco's own dump rules (for values that depend on
     * what the other fields rendered); some value must start with {@code witness}.
     */
    static void assertDumpFieldLikeFalco(String trace, String field, String witness) throws Exception {
        Path shared = SharedData.shared();
        Map<Long, Object> want = new TreeMap<>(), got = new TreeMap<>();
        for (String line : gunzipLines(shared.resolve("oracle/fields/" + trace + ".jsonl.gz"))) {
            Map<String, Object> rec = MiniJson.object(line);
            want.put(((Number) rec.get("evt.num")).longValue(), fields(rec, "fields").get(field));
        }
        assertEquals(true, want.values().stream().anyMatch(v -> v instanceof String x && x.startsWith(witness)), "no " + field + " starting with " + witness);
        for (Map<String, Object> a : alerts(trace, shared.resolve("oracle/fields/dump_rules.yaml")))
            if (fields(a).containsKey(field)) got.put(((Number) fields(a).get("evt.num")).longValue(), fields(a).get(field));
        assertEquals(want, got, field + " of the field dump on " + trace);
    }

    /** The given fields on every event of a trace, against Falco's field dump. */
    static void assertFieldsLikeFalcosDump(String trace, List<String> names) throws Exception {
        Path shared = SharedData.shared();
        Map<Long, Map<String, Object>> want = new TreeMap<>(), got = new TreeMap<>();
        for (String line : gunzipLines(shared.resolve("oracle/fields/" + trace + ".jsonl.gz"))) {
            Map<String, Object> rec = MiniJson.object(line);
            want.put(((Number) rec.get("evt.num")).longValue(), pick(fields(rec, "fields"), names));
        }
        StringBuilder out = new StringBuilder("evt_num=%evt.num");
        for (String n : names) out.append(' ').append(n.replace('.', '_')).append("=%").append(n);
        Path rules = Files.createTempFile("falcoc-fields", ".yaml");
        try {
            Files.writeString(rules, "- rule: dump\n  desc: d\n  condition: evt.num > 0\n  output: \"" + out + "\"\n  priority: DEBUG\n  warn_evttypes: false\n");
            for (Map<String, Object> a : alerts(trace, rules)) got.put(((Number) fields(a).get("evt.num")).longValue(), pick(fields(a), names));
        } finally {
            Files.deleteIfExists(rules);
        }
        assertEquals(want, got, names + " on " + trace);
    }

    static List<Map<String, Object>> alerts(String trace, Path rules) {
        Path shared = SharedData.shared();
        ReplayConformanceTest.Run r = ReplayConformanceTest.falcoc("run", "--replay", shared.resolve("traces/" + trace + ".scap").toString(),
                "-r", rules.toString(), "-o", "json_output=true", "-o", "rule_matching=all");
        assertEquals(0, r.code(), r.err());
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : r.out().split("\n")) if (line.startsWith("{")) out.add(MiniJson.object(line));
        return out;
    }

    static Map<String, Object> fields(Map<String, Object> alert) { return fields(alert, "output_fields"); }

    @SuppressWarnings("unchecked")
    static Map<String, Object> fields(Map<String, Object> o, String key) { return (Map<String, Object>) o.get(key); }

    static Map<String, Object> pick(Map<String, Object> f, List<String> names) {
        Map<String, Object> m = new TreeMap<>();
        for (String n : names) m.put(n, f.get(n) instanceof Number x ? (Object) x.longValue() : f.get(n));
        return m;
    }

    static List<String> gunzipLines(Path p) throws Exception {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(p)), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) if (line.startsWith("{")) out.add(line);
        }
        return out;
    }
}
