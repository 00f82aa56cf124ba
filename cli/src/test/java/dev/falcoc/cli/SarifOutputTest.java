package dev.falcoc.cli;

import static dev.falcoc.cli.MiniJson.arr;
import static dev.falcoc.cli.MiniJson.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SARIF output passes the checks GitHub code scanning applies to an upload. */
class SarifOutputTest {
    static final String RULES = """
            - macro: my_shell
              condition: proc.name in (bash, sh)
            - rule: Shell with a typo
              desc: a shell
              condition: >
                evt.type = execve and
                my_shell and
                proc.nmae = bash
              output: "shell %proc.name"
              priority: WARNING
            - rule: Bad output
              desc: x
              condition: evt.type = open
              output: "open %fd.nope"
              priority: INFO
            """;

    @TempDir
    Path dir;

    private Map<String, Object> sarif(Path file) {
        CliRun r = CliRun.of("check", "--format", "sarif", "--source-root", dir.toString(), file.toString());
        assertEquals(1, r.code(), r.err());
        return obj(MiniJson.parse(r.out()));
    }

    @Test
    void uploadRequirements() throws Exception {
        Path file = Files.createDirectories(dir.resolve("rules")).resolve("custom_rules.yaml");
        Files.writeString(file, RULES);
        Map<String, Object> log = sarif(file);
        assertEquals("2.1.0", log.get("version"));
        assertTrue(((String) log.get("$schema")).contains("sarif-2.1.0"));
        List<Object> runs = arr(log.get("runs"));
        assertEquals(1, runs.size());
        Map<String, Object> run = obj(runs.getFirst());
        Map<String, Object> driver = obj(obj(run.get("tool")).get("driver"));
        assertEquals("falcoc", driver.get("name"));
        List<String> ids = new ArrayList<>();
        for (Object o : arr(driver.get("rules"))) {
            Map<String, Object> rule = obj(o);
            ids.add((String) rule.get("id"));
            assertFalse(((String) obj(rule.get("shortDescription")).get("text")).isBlank());
            assertFalse(((String) obj(rule.get("help")).get("text")).isBlank());
            assertTrue(Set.of("error", "warning", "note").contains(obj(rule.get("defaultConfiguration")).get("level")));
        }
        assertEquals(ids.size(), new HashSet<>(ids).size(), "rule ids are unique");
        List<Object> results = arr(run.get("results"));
        assertEquals(2, results.size(), "the condition error and the additional output error");
        List<String> where = new ArrayList<>();
        for (Object o : results) {
            Map<String, Object> res = obj(o);
            String id = (String) res.get("ruleId");
            assertTrue(ids.contains(id), id + " declared in tool.driver.rules");
            assertEquals(id, ids.get(((Long) res.get("ruleIndex")).intValue()));
            assertTrue(Set.of("error", "warning", "note", "none").contains(res.get("level")));
            assertFalse(((String) obj(res.get("message")).get("text")).isBlank());
            Map<String, Object> phys = obj(obj(arr(res.get("locations")).getFirst()).get("physicalLocation"));
            Map<String, Object> art = obj(phys.get("artifactLocation"));
            String uri = (String) art.get("uri");
            assertEquals("rules/custom_rules.yaml", uri, "repository-relative, forward slashes");
            assertEquals("%SRCROOT%", art.get("uriBaseId"));
            Map<String, Object> region = obj(phys.get("region"));
            long line = (Long) region.get("startLine"), col = (Long) region.get("startColumn");
            assertTrue(line >= 1 && col >= 1, "1-based region");
            assertEquals(line, region.get("endLine"), "GitHub requires an end; findings are on one line");
            assertTrue((Long) region.get("endColumn") > col);
            where.add(id + "@" + line + ":" + col + "-" + region.get("endColumn"));
            Map<String, Object> fp = obj(res.get("partialFingerprints"));
            assertTrue(((String) fp.get("primaryLocationLineHash")).matches("[0-9a-f]{32}:[1-9][0-9]*"), "the key code scanning reads");
        }
        // proc.nmae is on line 8, column 5; the unknown field of %fd.nope on line 14, column 18
        assertEquals(List.of("LOAD_ERR_COMPILE_CONDITION@8:5-14", "LOAD_ERR_COMPILE_OUTPUT@14:18-25"), where, "regions span the bad token");
    }

    @Test
    void fingerprintsStableAcrossRunsAndEditsAbove() throws Exception {
        Path file = dir.resolve("custom_rules.yaml");
        Files.writeString(file, RULES);
        Map<String, String> first = fingerprints(sarif(file));
        assertEquals(first, fingerprints(sarif(file)), "same input, same fingerprints");
        Map<String, Long> lines = startLines(sarif(file));

        Files.writeString(file, """
                # Local rules, maintained by the platform team.
                - list: unrelated_list
                  items: [a, b, c]

                """ + RULES + """
                - rule: Unrelated rule below
                  desc: y
                  condition: evt.type = open and proc.name in (unrelated_list)
                  output: "x %proc.name"
                  priority: INFO
                """);
        Map<String, Object> edited = sarif(file);
        assertEquals(first, fingerprints(edited), "edits above a finding keep its fingerprint");
        Map<String, Long> moved = startLines(edited);
        for (String k : lines.keySet()) assertEquals(lines.get(k) + 4, moved.get(k), "the findings did move down");

        // a change to the finding's own line is a different finding
        Files.writeString(file, RULES.replace("proc.nmae = bash", "proc.nmae = zsh"));
        assertNotEquals(first, fingerprints(sarif(file)));
    }

    private static Map<String, String> fingerprints(Map<String, Object> log) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Object o : arr(obj(arr(log.get("runs")).getFirst()).get("results"))) {
            Map<String, Object> r = obj(o);
            out.put(r.get("ruleId") + " " + obj(r.get("message")).get("text"), (String) obj(r.get("partialFingerprints")).get("primaryLocationLineHash"));
        }
        return out;
    }

    private static Map<String, Long> startLines(Map<String, Object> log) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Object o : arr(obj(arr(log.get("runs")).getFirst()).get("results"))) {
            Map<String, Object> r = obj(o);
            Map<String, Object> region = obj(obj(obj(arr(r.get("locations")).getFirst()).get("physicalLocation")).get("region"));
            out.put(r.get("ruleId") + " " + obj(r.get("message")).get("text"), (Long) region.get("startLine"));
        }
        return out;
    }
}
