package dev.falcoc.lsp;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hover, definition, references and rename across the files of the load chain. */
class NavigationTest {
    static final String BASE = """
            - list: shell_binaries
              items: [bash, sh]
            - macro: spawned_process
              condition: evt.type in (execve, execveat) and evt.dir = <
            - macro: shell_procs
              condition: proc.name in (shell_binaries)
            - rule: Shell in container
              desc: a shell
              condition: spawned_process and shell_procs
              output: "shell %proc.name"
              priority: WARNING
            """;
    static final String LOCAL = """
            - macro: my_shell
              condition: >
                spawned_process and
                shell_procs
            - list: shell_binaries
              items: [zsh]
              append: true
            - rule: Shell in container
              condition: and not proc.pname in (shell_binaries)
              override:
                condition: append
            - rule: mine
              desc: mine
              condition: my_shell and proc.name in (shell_binaries, 'x')
              output: "%proc.name"
              priority: INFO
            """;

    record Env(LspClient c, String base, String local) {}

    static Env env(Path dir, String localWithCursor) throws Exception {
        Files.writeString(dir.resolve("base.yaml"), BASE);
        Files.writeString(dir.resolve("local.yaml"), Texts.clean(localWithCursor));
        LspClient c = new LspClient(LspClient.chain(List.of(dir.resolve("base.yaml").toString()), List.of(dir.resolve("local.yaml").toString())), null);
        String local = dir.resolve("local.yaml").toUri().toString();
        c.open(local, localWithCursor);
        c.diagnostics(local);
        return new Env(c, dir.resolve("base.yaml").toUri().toString(), local);
    }

    static String mark(String text, String before, String after) {
        int i = text.indexOf(before + after);
        assertTrue(i >= 0, before + after);
        return text.substring(0, i + before.length()) + LspClient.CURSOR + text.substring(i + before.length());
    }

    @Test
    void definitionAcrossFiles(@TempDir Path dir) throws Exception {
        String t = mark(LOCAL, "  spawned_pro", "cess and");
        Env e = env(dir, t);
        try (LspClient c = e.c()) {
            List<? extends Location> defs = c.definition(e.local(), LspClient.cursor(t));
            assertEquals(1, defs.size());
            assertEquals(e.base(), defs.getFirst().getUri());
            assertEquals(2, defs.getFirst().getRange().getStart().getLine());
            assertEquals("spawned_process", Texts.at(BASE, defs.getFirst().getRange()));
        }
    }

    @Test
    void definitionOfAListIgnoresAppends(@TempDir Path dir) throws Exception {
        String t = mark(LOCAL, "(shell_bin", "aries, 'x')");
        Env e = env(dir, t);
        try (LspClient c = e.c()) {
            List<? extends Location> defs = c.definition(e.local(), LspClient.cursor(t));
            assertEquals(1, defs.size(), defs.toString());
            assertEquals(e.base(), defs.getFirst().getUri());
            assertEquals(0, defs.getFirst().getRange().getStart().getLine());
        }
    }

    @Test
    void referencesIncludeOverridesAndListItems(@TempDir Path dir) throws Exception {
        String t = mark(LOCAL, "- list: shell_bi", "naries");
        Env e = env(dir, t);
        try (LspClient c = e.c()) {
            List<? extends Location> refs = c.references(e.local(), LspClient.cursor(t), true);
            // base: definition + use in shell_procs; local: append item + two uses
            assertEquals(2, refs.stream().filter(l -> l.getUri().equals(e.base())).count(), refs.toString());
            assertEquals(3, refs.stream().filter(l -> l.getUri().equals(e.local())).count(), refs.toString());
            assertEquals(3, c.references(e.local(), LspClient.cursor(t), false).size());
        }
    }

    @Test
    void renameMacroEditsEveryUseInBothFiles(@TempDir Path dir) throws Exception {
        String t = mark(LOCAL, "    shell_pr", "ocs\n");
        Env e = env(dir, t);
        try (LspClient c = e.c()) {
            assertEquals("shell_procs", c.prepareRename(e.local(), LspClient.cursor(t)).getPlaceholder());
            WorkspaceEdit we = c.rename(e.local(), LspClient.cursor(t), "shell_processes");
            Map<String, List<TextEdit>> ch = we.getChanges();
            String newBase = Texts.apply(BASE, ch.get(e.base()));
            String newLocal = Texts.apply(Texts.clean(t), ch.get(e.local()));
            assertFalse(newBase.contains("shell_procs"));
            assertTrue(newBase.contains("- macro: shell_processes") && newBase.contains("spawned_process and shell_processes"));
            assertTrue(newLocal.contains("    shell_processes\n"));
            assertThrows(Exception.class, () -> c.rename(e.local(), LspClient.cursor(t), "not a name"));
        }
    }

    @Test
    void renameRuleIncludesOverrideItems(@TempDir Path dir) throws Exception {
        String t = mark(LOCAL, "- rule: Shell in ", "container\n  condition: and");
        Env e = env(dir, t);
        try (LspClient c = e.c()) {
            WorkspaceEdit we = c.rename(e.local(), LspClient.cursor(t), "Shell: in a container");
            String newBase = Texts.apply(BASE, we.getChanges().get(e.base()));
            String newLocal = Texts.apply(Texts.clean(t), we.getChanges().get(e.local()));
            assertTrue(newBase.contains("- rule: \"Shell: in a container\""), newBase);
            assertTrue(newLocal.contains("- rule: \"Shell: in a container\""), newLocal);
        }
    }

    @Test
    void hoverFieldMacroListRule(@TempDir Path dir) throws Exception {
        String t = mark(LOCAL, "my_shell and proc.na", "me in");
        Env e = env(dir, t);
        try (LspClient c = e.c()) {
            String field = c.hover(e.local(), LspClient.cursor(t)).getContents().getRight().getValue();
            assertTrue(field.contains("**proc.name**") && field.contains("CHARBUF") && field.contains("Has a value on:"), field);
            String m = mark(LOCAL, "  condition: my_sh", "ell and");
            String macro = c.hover(e.local(), LspClient.cursor(m)).getContents().getRight().getValue();
            assertTrue(macro.contains("spawned_process and") && macro.contains("expands to:"), macro);
            assertTrue(macro.contains("evt.type in (execve, execveat)"), "expanded condition: " + macro);
            String l = mark(LOCAL, "(shell_bin", "aries, 'x')");
            String list = c.hover(e.local(), LspClient.cursor(l)).getContents().getRight().getValue();
            assertTrue(list.contains("bash, sh, zsh"), list);
            String r = mark(LOCAL, "- rule: mi", "ne");
            String rule = c.hover(e.local(), LspClient.cursor(r)).getContents().getRight().getValue();
            assertTrue(rule.contains("execve, execveat") && rule.contains("Informational"), rule);
            String fd = mark(BASE, "%proc.na", "me");
            Hover none = c.hover(e.local(), new Position(0, 0));
            assertTrue(none == null || none.getContents() != null);
            assertNotNull(fd);
        }
    }

    @Test
    void hoverTellsWhichEventsGiveAValue() throws Exception {
        try (LspClient c = new LspClient(LspClient.chain(List.of(), List.of()), null)) {
            String t = "- rule: r\n  condition: evt.type = open and fd.na§me = x and evt.arg.flag§s = y\n";
            String u = "file:///tmp/falcoc-test/h.yaml";
            c.open(u, t.replaceFirst("§", ""));
            String clean = t.replace("§", "");
            int fdAt = clean.indexOf("fd.name") + 3;
            String fd = c.hover(u, new Position(1, fdAt - clean.indexOf("  condition"))).getContents().getRight().getValue();
            assertTrue(fd.contains("events with a file descriptor") && fd.contains("connect") && !fd.contains("execve,"), fd);
        }
    }

    @Test
    void invalidRenameIsRefused(@TempDir Path dir) throws Exception {
        String t = mark(LOCAL, "proc.na", "me in");
        Env e = env(dir, t);
        try (LspClient c = e.c()) {
            assertNull(c.prepareRename(e.local(), LspClient.cursor(t)));
            Exception ex = assertThrows(Exception.class, () -> c.rename(e.local(), LspClient.cursor(t), "x"));
            assertTrue(ex.getCause() instanceof ResponseErrorException, ex.toString());
        }
    }
    @Test
    void renameAnOfficialMacroEditsEveryUseInBothFiles(@TempDir Path dir) throws Exception {
        Path official = DiagnosticsTest.rules().resolve("falco_rules.yaml");
        String upstream = Files.readString(official);
        String local = "- rule: my shells\n  desc: d\n  condition: spawned_process and container and shell_procs\n"
                + "  output: \"%proc.cmdline\"\n  priority: INFO\n- macro: spawned_process\n  condition: and proc.pid > 0\n  override:\n    condition: append\n";
        Path lp = dir.resolve("local.yaml");
        Files.writeString(lp, local);
        try (LspClient c = new LspClient(LspClient.chain(List.of(official.toString()), List.of(lp.toString())), null)) {
            String lu = lp.toUri().toString();
            c.open(lu, local);
            assertTrue(c.diagnostics(lu).stream().noneMatch(d -> d.getSeverity() == org.eclipse.lsp4j.DiagnosticSeverity.Error));
            WorkspaceEdit we = c.rename(lu, new Position(2, 15), "spawned_proc");
            String ou = official.toUri().toString();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<![\\w.])spawned_process(?![\\w.])").matcher(upstream);
            int uses = 0;
            while (m.find()) uses++;
            assertTrue(uses > 10, "falco_rules.yaml uses the macro " + uses + " times");
            assertEquals(uses, we.getChanges().get(ou).size());
            assertEquals(2, we.getChanges().get(lu).size());
            String newUp = Texts.apply(upstream, we.getChanges().get(ou));
            String newLocal = Texts.apply(local, we.getChanges().get(lu));
            assertFalse(newUp.matches("(?s).*(?<![\\w.])spawned_process(?![\\w.]).*"));
            // the renamed pair still loads without errors, as Falco would load it
            dev.falcoc.compiler.engine.RulesEngine e = new dev.falcoc.compiler.engine.RulesEngine();
            assertTrue(e.load("falco_rules.yaml", newUp).successful());
            assertTrue(e.load("local.yaml", newLocal).successful(), e.results().getLast().all().toString());
        }
    }
}
