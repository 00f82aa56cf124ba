package dev.falcoc.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.compiler.load.Priority;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FalcoConfigTest {
    @TempDir Path dir;

    @Test
    void defaultsAreFalcoShippedSettings() throws Exception {
        FalcoConfig c = FalcoConfig.load(null, List.of());
        assertFalse(c.jsonOutput);
        assertEquals(Priority.DEBUG, c.priority);
        assertEquals(FalcoConfig.RuleMatching.FIRST, c.ruleMatching);
        assertEquals(List.of("stdout"), c.outputs.stream().map(FalcoConfig.OutputConfig::name).toList());
        assertEquals(null, c.loadPlugins);
    }

    @Test
    void appendOutputEntriesAndUnappliedSettings() throws Exception {
        Path f = dir.resolve("falco.yaml");
        // Falco's shipped append_output (container fields) is what falcoc does anyway
        Files.writeString(f, "append_output:\n  - suggested_output: true\n");
        FalcoConfig shipped = FalcoConfig.load(f, List.of());
        assertEquals(List.of(), shipped.appendOutput);
        assertEquals(List.of(), shipped.notApplied);
        Files.writeString(f, """
                append_output:
                  - suggested_output: true
                  - match:
                      rule: r
                      tags: [a, b]
                      source: syscall
                    extra_output: "pid=%proc.pid"
                    extra_fields:
                      - proc.name
                      - home: "%proc.env[HOME]"
                grpc_output:
                  enabled: true
                """);
        FalcoConfig c = FalcoConfig.load(f, List.of());
        assertEquals(List.of(new FalcoConfig.AppendOutput("syscall", List.of("a", "b"), "r", "pid=%proc.pid",
                List.of(new FalcoConfig.ExtraField("proc.name", "%proc.name", true), new FalcoConfig.ExtraField("home", "%proc.env[HOME]", false)))),
                c.appendOutput);
        FalcoConfig.AppendOutput a = c.appendOutput.get(0);
        assertTrue(a.matches("syscall", List.of("b", "a", "c"), "r"));
        assertFalse(a.matches("syscall", List.of("a"), "r"));
        assertFalse(a.matches("k8s_audit", List.of("a", "b"), "r"));
        assertFalse(a.matches("syscall", List.of("a", "b"), "other"));
        assertEquals(1, c.notApplied.size(), c.notApplied::toString);
        assertTrue(c.notApplied.get(0).startsWith("grpc_output:"), c.notApplied::toString);
        assertThrows(ConfigException.class, () -> FalcoConfig.load(null, List.of("append_output[]=x")));
        ConfigException bad = assertThrows(ConfigException.class,
                () -> FalcoConfig.load(null, List.of("append_output[].extra_output=%nosuch.field")));
        assertEquals("Error reading config file (default): append_output: extra_output \"%nosuch.field\": invalid formatting token nosuch.field",
                bad.getMessage());
    }

    @Test
    void loadPluginsSaysWhichPluginsFalcoLoads() throws Exception {
        Path f = dir.resolve("falco.yaml");
        Files.writeString(f, "load_plugins: []\n");
        assertEquals(List.of(), FalcoConfig.load(f, List.of()).loadPlugins);
        // Falco's -o appends to a sequence with key[]=value
        assertEquals(List.of("container"), FalcoConfig.load(f, List.of("load_plugins[]=container")).loadPlugins);
    }

    @Test
    void overridesApplyAfterTheFile() throws Exception {
        Path f = dir.resolve("falco.yaml");
        Files.writeString(f, """
                rules_files: [a.yaml, b.yaml]
                json_output: false
                priority: warning
                stdout_output: {enabled: true}
                file_output: {enabled: true, filename: /tmp/x, keep_alive: true}
                rules:
                  - disable: {rule: "*"}
                  - enable: {tag: network}
                """);
        FalcoConfig c = FalcoConfig.load(f, List.of("json_output=true", "rule_matching=ALL", "priority=info",
                "rules[].enable.rule=Read sensitive*", "http_output.enabled=true", "http_output.url=http://localhost:1/x"));
        assertTrue(c.jsonOutput);
        assertEquals(FalcoConfig.RuleMatching.ALL, c.ruleMatching);
        assertEquals(Priority.INFORMATIONAL, c.priority);
        assertEquals(List.of("a.yaml", "b.yaml"), c.rulesFiles);
        assertEquals(List.of(new FalcoConfig.Selection(false, "*", ""), new FalcoConfig.Selection(true, "", "network"),
                new FalcoConfig.Selection(true, "Read sensitive*", "")), c.rulesSelection);
        assertEquals(List.of("file", "stdout", "http"), c.outputs.stream().map(FalcoConfig.OutputConfig::name).toList());
        assertEquals("true", c.outputs.getFirst().options().get("keep_alive"));
    }

    @Test
    void objectValuesAndIndexes() throws Exception {
        ConfigTree t = ConfigTree.parse("x", "rules: [{disable: {rule: a}}]\n");
        FalcoConfig.applyOverride(t, "rules[0].disable.rule=b");
        FalcoConfig.applyOverride(t, "stdout_output={enabled: false}");
        assertEquals("b", t.get("rules[0].disable.rule"));
        assertFalse(t.bool("stdout_output.enabled", true));
    }

    @Test
    void badInputIsAConfigException() {
        assertThrows(ConfigException.class, () -> FalcoConfig.load(null, List.of("novalue")));
        assertThrows(ConfigException.class, () -> FalcoConfig.load(null, List.of("priority=loud")));
        assertThrows(ConfigException.class, () -> FalcoConfig.load(null, List.of("rule_matching=some")));
        assertThrows(ConfigException.class, () -> FalcoConfig.load(null, List.of("json_output=maybe")));
        assertThrows(ConfigException.class, () -> FalcoConfig.load(null, List.of("file_output.enabled=true", "file_output.filename=")));
        assertThrows(ConfigException.class, () -> FalcoConfig.load(dir.resolve("missing.yaml"), List.of()));
        assertThrows(ConfigException.class, () -> FalcoConfig.load(null, List.of("a..b=1")));
    }

    @Test
    void brokenYamlIsAConfigException() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "json_output: [\n");
        assertThrows(ConfigException.class, () -> FalcoConfig.load(f, List.of()));
    }
}
