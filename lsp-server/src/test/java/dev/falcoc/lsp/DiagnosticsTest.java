package dev.falcoc.lsp;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diagnostics as an editor receives them: codes, exact ranges in every scalar style, load chain context. */
class DiagnosticsTest {
    static final String A = "file:///tmp/falcoc-test/a.yaml";

    static Path rules() {
        String shared = System.getProperty("falcoc.shared", "../../shared");
        Path p = Path.of(shared, "rules");
        Assumptions.assumeTrue(Files.isRegularFile(p.resolve("falco_rules.yaml")), "shared rules missing: " + p);
        return p.toAbsolutePath().normalize();
    }

    private static List<Diagnostic> check(String text) throws Exception {
        try (LspClient c = new LspClient(LspClient.chain(List.of(), List.of()), null)) {
            c.open(A, text);
            return c.diagnostics(A);
        }
    }

    private static Diagnostic only(List<Diagnostic> ds, String code) {
        List<Diagnostic> m = ds.stream().filter(d -> code.equals(d.getCode().getLeft())).toList();
        assertEquals(1, m.size(), "expected one " + code + " in " + ds);
        return m.getFirst();
    }

    private static String rule(String conditionLine) {
        return "- rule: r\n  desc: d\n" + conditionLine + "  output: \"%proc.name\"\n  priority: WARNING\n";
    }

    @Test
    void unknownFieldInEveryScalarStyleIsUnderlinedExactly() throws Exception {
        List<String> conditions = List.of(
                "  condition: evt.type = execve and proc.nme = bash\n",
                "  condition: >\n    evt.type = execve and\n    proc.nme = bash\n",
                "  condition: |\n    evt.type = execve and\n      proc.nme = bash\n",
                "  condition: 'evt.type = execve and proc.nme = ''bash'''\n",
                "  condition: \"evt.type = execve and \\\n    proc.nme = \\\"bash\\\"\"\n",
                "  condition: evt.type = execve and\n    proc.nme = bash\n");
        for (String cond : conditions) {
            String text = rule(cond);
            Diagnostic d = only(check(text), "LOAD_ERR_COMPILE_CONDITION");
            assertEquals("proc.nme", Texts.at(text, d.getRange()), cond);
            assertEquals(DiagnosticSeverity.Error, d.getSeverity());
            assertEquals("falcoc", d.getSource());
        }
    }

    @Test
    void columnsAreUtf16() throws Exception {
        // two astral characters (surrogate pairs) before the field on the same line
        String text = rule("  condition: \"evt.type = execve and proc.name = '\uD83D\uDE00\uD83D\uDE00' and proc.nme = x\"\n");
        Diagnostic d = only(check(text), "LOAD_ERR_COMPILE_CONDITION");
        assertEquals("proc.nme", Texts.at(text, d.getRange()));
        int line = d.getRange().getStart().getLine();
        String l = text.split("\n")[line];
        assertEquals(l.indexOf("proc.nme"), d.getRange().getStart().getCharacter());
    }

    @Test
    void undefinedMacroHasRelatedItemLocation() throws Exception {
        String text = rule("  condition: evt.type = execve and spawned_proces\n");
        Diagnostic d = only(check(text), "LOAD_ERR_VALIDATE");
        assertEquals("spawned_proces", Texts.at(text, d.getRange()));
        assertTrue(d.getMessage().contains("Undefined macro 'spawned_proces'"), d.getMessage());
        assertTrue(d.getRelatedInformation().stream().anyMatch(r -> r.getMessage().equals("in rule 'r'")), d.getRelatedInformation().toString());
    }

    @Test
    void warningsCarryFalcoCodes() throws Exception {
        String text = "- macro: m\n  condition: proc.name = x\n- rule: r\n  desc: d\n  condition: proc.name = bash\n  output: x\n  priority: INFO\n  append: false\n";
        List<Diagnostic> ds = check(text);
        Diagnostic unused = only(ds, "LOAD_UNUSED_MACRO");
        assertEquals(DiagnosticSeverity.Warning, unused.getSeverity());
        assertEquals(0, unused.getRange().getStart().getLine());
        Diagnostic noEvt = only(ds, "LOAD_NO_EVTTYPE");
        assertEquals(2, noEvt.getRange().getStart().getLine());
    }

    @Test
    void officialRulesInTheChainResolveMacrosWithoutFalseErrors() throws Exception {
        Path rules = rules();
        String local = """
                - rule: Shell spawned by my app
                  desc: a shell below my app
                  condition: spawned_process and shell_procs and proc.pname in (shell_binaries) and container
                  output: "shell %proc.cmdline (user=%user.name)"
                  priority: WARNING
                - list: shell_binaries
                  items: [fish]
                  override:
                    items: append
                - macro: user_known_shell_spawn_activities
                  condition: (proc.pname = my_app)
                  override:
                    condition: replace
                """;
        try (LspClient c = new LspClient(LspClient.chain(List.of(rules.resolve("falco_rules.yaml").toString()), List.of()), null)) {
            c.open(A, local);
            List<Diagnostic> ds = c.diagnostics(A);
            assertTrue(ds.stream().noneMatch(d -> d.getSeverity() == DiagnosticSeverity.Error), ds.toString());
            assertTrue(ds.stream().noneMatch(d -> d.getMessage().contains("Undefined")), ds.toString());
            // now break it: the local file alone would not know the macro
            c.replaceAll(A, local.replace("shell_procs", "shell_procz"));
            ds = c.diagnostics(A);
            Diagnostic d = only(ds, "LOAD_ERR_VALIDATE");
            assertTrue(d.getMessage().contains("shell_procz"));
        }
    }

    @Test
    void chainFromFalcocYamlAndDiagnosticsForEveryOpenFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("base.yaml"), "- macro: base_m\n  condition: proc.name = x\n");
        Files.createDirectories(dir.resolve("rules.d"));
        Files.writeString(dir.resolve("rules.d/10-a.yaml"), "- macro: a_m\n  condition: base_m\n");
        Files.writeString(dir.resolve("rules.d/20-b.yaml"), "- rule: r\n  desc: d\n  condition: evt.type = execve and a_m\n  output: o\n  priority: INFO\n");
        Files.writeString(dir.resolve("falcoc.yaml"), "base: [base.yaml]\nrules: [rules.d]\n");
        try (LspClient c = new LspClient(null, dir.toUri().toString())) {
            String b = dir.resolve("rules.d/20-b.yaml").toUri().toString();
            String a = dir.resolve("rules.d/10-a.yaml").toUri().toString();
            c.open(b, Files.readString(dir.resolve("rules.d/20-b.yaml")));
            assertEquals(List.of(), c.diagnostics(b));
            c.open(a, Files.readString(dir.resolve("rules.d/10-a.yaml")));
            assertEquals(List.of(), c.diagnostics(a));
            // renaming the macro in a.yaml breaks b.yaml, which is re-checked too
            c.replaceAll(a, "- macro: a_m2\n  condition: base_m\n");
            assertEquals(List.of(), c.diagnostics(a));
            Thread.sleep(200);
            List<Diagnostic> db = c.lastPublished(b).getDiagnostics();
            assertTrue(db.stream().anyMatch(d -> d.getMessage().contains("Undefined macro 'a_m'")), db.toString());
        }
    }

    @Test
    void brokenProjectFileIsReportedNotIgnored(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("falcoc.yaml"), "bse: [base.yaml]\nrules: [rules.d]\n");
        try (LspClient c = new LspClient(null, dir.toUri().toString())) {
            long until = System.currentTimeMillis() + 10_000;
            synchronized (c.logs) {
                while (c.shown.isEmpty() && System.currentTimeMillis() < until) c.logs.wait(200);
            }
            assertEquals(1, c.shown.size(), "messages: " + c.shown);
            assertTrue(c.shown.getFirst().startsWith("falcoc.yaml is not used: "), c.shown.getFirst());
        }
    }

    @Test
    void yamlErrorsAreReported() throws Exception {
        String text = "- rule: r\n  desc: [unclosed\n";
        Diagnostic d = only(check(text), "LOAD_ERR_YAML_PARSE");
        assertEquals(DiagnosticSeverity.Error, d.getSeverity());
    }
    @Test
    void anErrorInsideAMacroBodyPointsIntoTheMacro() throws Exception {
        String text = "- macro: m\n  condition: >\n    evt.type = execve and\n    proc.nmae = x\n" + rule("  condition: m and proc.name = y\n");
        Diagnostic d = only(check(text), "LOAD_ERR_COMPILE_CONDITION");
        assertEquals("proc.nmae", Texts.at(text, d.getRange()));
        assertEquals(3, d.getRange().getStart().getLine());
        assertTrue(d.getRelatedInformation().stream().anyMatch(r -> r.getMessage().equals("in rule 'r'")));
    }
    @Test
    void falcocLintsFollowFalcosDiagnostics() throws Exception {
        String text = "- list: l\n  items: [bash, bash]\n- rule: r\n  desc: d\n  condition: evt.type = execve and proc.name in (l)\n  output: \"%proc.name\"\n  priority: INFO\n";
        try (LspClient c = new LspClient(LspClient.chain(List.of(), List.of()), null)) {
            c.open(A, text);
            c.diagnostics(A);
            long end = System.currentTimeMillis() + 20_000;
            List<Diagnostic> ds = c.lastPublished(A).getDiagnostics();
            while (ds.stream().noneMatch(d -> "FALCOC_DUPLICATE_LIST_ITEM".equals(d.getCode().getLeft())) && System.currentTimeMillis() < end) {
                Thread.sleep(20);
                ds = c.lastPublished(A).getDiagnostics();
            }
            Diagnostic d = only(ds, "FALCOC_DUPLICATE_LIST_ITEM");
            assertEquals(DiagnosticSeverity.Information, d.getSeverity());
            assertEquals(1, d.getRange().getStart().getLine());
        }
    }
}
