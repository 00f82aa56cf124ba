package dev.falcoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Helm values, load chains, project files, output formats and fail levels of falcoc check. */
class CheckChainTest {
    @TempDir
    Path dir;

    static final String VALUES = """
            driver:
              kind: modern_ebpf
            customRules:
              a-network.yaml: |-
                - list: allowed_ports
                  items: [80, 443]
              b-shell.yaml: |-
                - rule: Shell in container
                  desc: shell
                  condition: >
                    evt.type = execve and
                    proc.name in (bash, sh) and
                    proc.pname = 1 and proc.nmae = sh
                  output: "shell %proc.name"
                  priority: WARNING
              c-files.yaml: |
                - rule: Etc write
                  desc: w
                  condition: evt.type = openat and fd.name startswith /etc and fd.sport in (allowed_ports)
                  output: "write %fd.name"
                  priority: ERROR
            """;

    private Path write(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    private List<String> lines(CliRun r) { return r.out().lines().toList(); }

    @Test
    void helmErrorAtValuesLineAndColumnInFoldedCondition() throws Exception {
        Path values = write("values.yaml", VALUES);
        CliRun r = CliRun.of("check", "--no-snippet", values.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        // third line of the folded condition: "proc.pname = 1 and proc.nmae = sh", proc.nmae at column 28
        assertEquals(List.of(values + ":13:28: error: filter_check called with nonexistent field proc.nmae (rule 'Shell in container') [LOAD_ERR_COMPILE_CONDITION]"),
                lines(r).stream().filter(l -> l.contains(" error: ")).toList());
        assertEquals("3 files: 1 error, 1 warning", lines(r).getLast());
        CliRun text = CliRun.of("check", values.toString());
        assertTrue(text.out().contains("""
                            proc.pname = 1 and proc.nmae = sh
                                               ^
                """), text.out());
    }

    @Test
    void helmFilesLoadInMountOrderAndIgnoredKeysAreWarned() throws Exception {
        Path values = write("values.yaml", """
                customRules:
                  z-rules.yaml: |
                    - macro: late
                      condition: proc.name = a
                  a-rules.yaml: |
                    - rule: Uses late
                      desc: d
                      condition: evt.type = execve and late
                      output: o
                      priority: INFO
                  no-suffix: |
                    - rule: never loaded
                """);
        CliRun r = CliRun.of("check", "--no-snippet", "--no-lint", values.toString());
        // a-rules.yaml loads first (sorted), so the macro from z-rules.yaml is not defined yet
        assertEquals(List.of(
                values + ":11:3: warning: customRules key 'no-suffix' does not end in .yaml or .yml: Falco >= 0.41 does not load it from rules.d (rename it to 'no-suffix.yaml') [FALCOC_HELM_KEY_IGNORED]",
                values + ":8:40: error: Undefined macro 'late' used in filter. (rule 'Uses late') [LOAD_ERR_VALIDATE]",
                "2 files: 1 error, 1 warning"), lines(r));
    }

    @Test
    void baseChainReportsOnlyLocalFindings() throws Exception {
        Path upstream = write("upstream/falco_rules.yaml", """
                - macro: spawned_process
                  condition: evt.type in (execve, execveat)
                - macro: unused_upstream
                  condition: proc.name = x
                - rule: Upstream rule
                  desc: u
                  condition: evt.type = connect and evt.dir = <
                  output: o
                  priority: INFO
                """);
        Path local = write("rules.d/10-local.yaml", """
                - rule: Local shell
                  desc: d
                  condition: spawned_process and proc.name = bash
                  output: "shell %proc.name"
                  priority: NOTICE
                """);
        CliRun alone = CliRun.of("check", "--no-snippet", local.toString());
        assertEquals(1, alone.code());
        assertTrue(alone.out().contains("Undefined macro 'spawned_process'"), alone.out());

        CliRun chained = CliRun.of("check", "--no-snippet", "--base", upstream.toString(), dir.resolve("rules.d").toString());
        assertEquals(0, chained.code(), chained.out());
        assertEquals(List.of(local + ": 0 errors, 0 warnings"), lines(chained), "upstream's evt.dir and unused-macro warnings are not ours");

        CliRun withBase = CliRun.of("check", "--no-snippet", "--report-base", "--base", upstream.toString(), local.toString());
        assertTrue(withBase.out().contains(upstream + ":7:14: warning: due to the drop of enter events"), withBase.out());
        assertTrue(withBase.out().contains("(macro 'unused_upstream') [LOAD_UNUSED_MACRO]"), withBase.out());
    }

    @Test
    void projectFileNamesTheChain() throws Exception {
        write("upstream/falco_rules.yaml", "- macro: spawned_process\n  condition: evt.type = execve\n");
        write("rules/a.yaml", "- rule: A\n  desc: d\n  condition: spawned_process and proc.name = a\n  output: o\n  priority: INFO\n");
        write("rules/b.yaml", "- list: unused_l\n  items: [x]\n");
        Path project = write("falcoc.yaml", "base: upstream/falco_rules.yaml\nrules: [rules/]\nfail-level: warning\n");
        CliRun r = CliRun.of("check", "--no-snippet", "--project", project.toString());
        assertEquals(1, r.code(), "fail-level: warning from the project file");
        assertTrue(r.out().contains("b.yaml:1:3: warning: List not referred to by any other rule/macro (list 'unused_l') [LOAD_UNUSED_LIST]"), r.out());
        assertEquals(0, CliRun.of("check", "--project", project.toString(), "--fail-level", "error").code(), "the command line wins");

        Path bad = write("bad/falcoc.yaml", "rules: [x]\nfail-levle: warning\n");
        CliRun b = CliRun.of("check", "--project", bad.toString());
        assertEquals(2, b.code());
        assertTrue(b.err().contains("falcoc.yaml:2:1: unknown key 'fail-levle'"), b.err());
    }

    @Test
    void failLevelsAndStrict() throws Exception {
        Path warn = write("warn.yaml", "- list: unused_l\n  items: [x]\n");
        assertEquals(0, CliRun.of("check", warn.toString()).code());
        assertEquals(1, CliRun.of("check", "--fail-level", "warning", warn.toString()).code());
        assertEquals(1, CliRun.of("check", "--strict", warn.toString()).code());
        assertEquals(0, CliRun.of("check", "--format", "sarif", warn.toString()).code(), "formats do not change exit codes");
        assertEquals(1, CliRun.of("check", "--format", "json", "--strict", warn.toString()).code());
        CliRun usage = CliRun.of("check", "--fail-level", "fatal", warn.toString());
        assertEquals(2, usage.code());
    }

    @Test
    void githubWorkflowCommands() throws Exception {
        Path f = write("rules/bad, name.yaml", "- rule: R\n  desc: d\n  condition: evt.type = open and fd.nam = x\n  output: o\n  priority: INFO\n");
        CliRun r = CliRun.of("check", "--format", "github", "--source-root", dir.toString(), f.toString());
        assertEquals(1, r.code());
        assertEquals(List.of("::error file=rules/bad%2C name.yaml,line=3,col=34,title=LOAD_ERR_COMPILE_CONDITION::filter_check called with nonexistent field fd.nam (rule 'R')"),
                lines(r));
    }

    @Test
    void jsonKeepsFalcoShapeAndMapsHelmPositions() throws Exception {
        Path values = write("values.yaml", VALUES);
        CliRun r = CliRun.of("check", "--format", "json", values.toString());
        var o = MiniJson.obj(MiniJson.parse(r.out()));
        var results = MiniJson.arr(o.get("falco_load_results"));
        assertEquals(3, results.size());
        var shell = MiniJson.obj(results.get(1));
        assertEquals(values + "#customRules/b-shell.yaml", shell.get("name"));
        assertFalse((Boolean) shell.get("successful"));
        var err = MiniJson.obj(MiniJson.arr(shell.get("errors")).getFirst());
        assertEquals("LOAD_ERR_COMPILE_CONDITION", err.get("code"));
        var pos = MiniJson.obj(err.get("falcoc_position"));
        assertEquals(List.of(values.toString(), 13L, 28L), List.of(pos.get("file"), pos.get("line"), pos.get("column")));
        assertTrue(o.containsKey("lints"));
    }

    @Test
    void engineVersionAndLintsInJson() throws Exception {
        Path f = write("r.yaml", "- rule: R\n  desc: d\n  condition: evt.type = execve and proc.cmdline regex '[a-z]+x'\n  output: \"x %fd.name\"\n  priority: INFO\n");
        CliRun r = CliRun.of("check", "--no-snippet", "--engine-version", "0.38.0", f.toString());
        assertEquals(1, r.code(), "FALCOC_ENGINE_VERSION is an error");
        assertEquals(List.of(
                f + ":3:36: error: the 'regex' operator needs Falco 0.39 or later (target: 0.38.0) (rule 'R') [FALCOC_ENGINE_VERSION]",
                f + ":4:14: warning: output field 'fd.name' never has a value for the rule's event types (execve): none of them has a file descriptor; the output prints <NA> (rule 'R') [FALCOC_FIELD_NEVER_SET]",
                f + ": 1 error, 1 warning"), lines(r));
        assertEquals(0, CliRun.of("check", f.toString()).code(), "without --engine-version only the warning remains");
        var o = MiniJson.obj(MiniJson.parse(CliRun.of("check", "--format", "json", f.toString()).out()));
        var lint = MiniJson.obj(MiniJson.arr(o.get("lints")).getFirst());
        assertEquals(List.of("FALCOC_FIELD_NEVER_SET", "warning", 4L, 14L), List.of(lint.get("code"), lint.get("severity"), lint.get("line"), lint.get("column")));
        assertEquals(2, CliRun.of("check", "--engine-version", "latest", f.toString()).code());
    }

    @Test
    void rulesDConfigMapsFromHelmTemplate() throws Exception {
        Path manifests = write("rendered.yaml", """
                apiVersion: v1
                kind: ServiceAccount
                metadata:
                  name: falco
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: falco-rules
                data:
                  10-macros.yaml: |-
                    - macro: my_shell
                      condition: proc.name = bash
                  20-rules.yaml: |-
                    - rule: Shell
                      desc: d
                      condition: evt.type = execve and my_shell and fd.nam = x
                      output: o
                      priority: INFO
                """);
        CliRun r = CliRun.of("check", "--no-snippet", manifests.toString());
        // each data key is a rules.d file, loaded in name order (Falco warns about the macro after the first one)
        assertEquals(List.of(manifests + ":12:7: warning: Macro not referred to by any other rule/macro (macro 'my_shell') [LOAD_UNUSED_MACRO]",
                manifests + ":17:53: error: filter_check called with nonexistent field fd.nam (rule 'Shell') [LOAD_ERR_COMPILE_CONDITION]",
                "2 files: 1 error, 1 warning"), lines(r));
    }

    @Test
    void emptyDirectoryIsAUsageError() throws Exception {
        Files.createDirectories(dir.resolve("empty.d"));
        CliRun r = CliRun.of("check", dir.resolve("empty.d").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no rules files to check"), r.err());
    }
}
