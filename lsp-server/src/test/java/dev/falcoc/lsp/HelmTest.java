package dev.falcoc.lsp;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules embedded in Helm values (customRules): checked in the chain, every feature works inside. */
class HelmTest {
    static final String BASE = """
            - macro: spawned_process
              condition: evt.type in (execve, execveat)
            - list: shell_binaries
              items: [bash, sh]
            """;
    static final String VALUES = """
            driver:
              kind: modern_ebpf
            customRules:
              rules-b.yaml: |-
                - rule: B uses A
                  desc: b
                  condition: spawned_process and my_shell and proc.nme = x
                  output: "%proc.name"
                  priority: INFO
              rules-a.yaml: |-
                - macro: my_shell
                  condition: proc.name in (shell_binaries) and proc.nm = x
              notes.txt: |-
                - rule: ignored
            """;

    static Position at(String text, String needle, int plus) {
        int i = text.indexOf(needle);
        assertTrue(i >= 0, needle);
        var li = new dev.falcoc.lsp.model.LineIndex(text);
        return li.position(i + plus);
    }

    @Test
    void customRulesAreCheckedInLoadOrderWithExactPositions(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("base.yaml"), BASE);
        Path values = dir.resolve("values.yaml");
        Files.writeString(values, VALUES);
        try (LspClient c = new LspClient(LspClient.chain(List.of(dir.resolve("base.yaml").toString()), List.of(values.toString())), null)) {
            String u = values.toUri().toString();
            c.open(u, VALUES);
            List<Diagnostic> ds = c.diagnostics(u);
            // rules-a.yaml loads before rules-b.yaml (sorted, as rules.d): my_shell is defined when B uses it
            assertTrue(ds.stream().noneMatch(d -> d.getMessage().contains("Undefined macro")), ds.toString());
            Diagnostic field = ds.stream().filter(d -> d.getMessage().contains("nonexistent field")).findFirst().orElseThrow(() -> new AssertionError(ds.toString()));
            // the rule's first error lies in the macro it uses: shown where the macro is written (rules-a.yaml)
            assertEquals("proc.nm", Texts.at(VALUES, field.getRange()));
            assertEquals(11, field.getRange().getStart().getLine());
            Diagnostic key = ds.stream().filter(d -> "FALCOC_HELM_KEY_IGNORED".equals(d.getCode().getLeft())).findFirst().orElseThrow(() -> new AssertionError(ds.toString()));
            assertEquals("notes.txt", Texts.at(VALUES, key.getRange()));

            // hover and definition inside the block scalar, across to the base file
            String hover = c.hover(u, at(VALUES, "spawned_process and my_shell", 3)).getContents().getRight().getValue();
            assertTrue(hover.contains("evt.type in (execve, execveat)"), hover);
            var def = c.definition(u, at(VALUES, "my_shell\n", 2));
            assertEquals(u, def.getFirst().getUri());
            assertEquals("my_shell", Texts.at(VALUES, def.getFirst().getRange()));
            var def2 = c.definition(u, at(VALUES, "spawned_process and", 2));
            assertEquals(dir.resolve("base.yaml").toUri().toString(), def2.getFirst().getUri());

            // completion inside the embedded condition
            var items = c.completion(u, at(VALUES, "(shell_binaries)", 1));
            assertTrue(items.stream().anyMatch(i -> i.getLabel().equals("shell_binaries")));
            var fields = c.completion(u, at(VALUES, "proc.nm =", 7));
            assertTrue(fields.stream().anyMatch(i -> i.getLabel().equals("proc.name")));
            assertEquals("proc.nm", Texts.at(VALUES, fields.stream().filter(i -> i.getLabel().equals("proc.name")).findFirst().get().getTextEdit().getLeft().getRange()));

            // rename inside values.yaml edits both embedded files
            WorkspaceEdit we = c.rename(u, at(VALUES, "- macro: my_shell", 10), "my_shells");
            String renamed = Texts.apply(VALUES, we.getChanges().get(u));
            assertTrue(renamed.contains("spawned_process and my_shells and") && renamed.contains("- macro: my_shells\n"), renamed);

            // symbols and semantic tokens point into values.yaml
            var syms = c.symbols(u);
            assertTrue(syms.stream().anyMatch(s -> s.getName().equals("B uses A") && s.getRange().getStart().getLine() == 4), syms.toString());
            assertFalse(c.semanticTokens(u).getData().isEmpty());

            // an edit inside the embedded rules is re-checked
            c.replaceAll(u, VALUES.replace("proc.nme", "proc.name").replace("proc.nm =", "proc.name ="));
            assertTrue(c.diagnostics(u).stream().noneMatch(d -> d.getMessage().contains("nonexistent field")));
        }
    }

    @Test
    void openValuesFileOutsideTheChainIsCheckedOnTopOfIt() throws Exception {
        try (LspClient c = new LspClient(LspClient.chain(List.of(), List.of()), null)) {
            String u = "file:///tmp/falcoc-test/values.yaml";
            String text = VALUES.replace("notes.txt", "rules-c.yaml").replace("- rule: ignored", "- rule: c\n    condition: nope");
            c.open(u, text);
            List<Diagnostic> ds = c.diagnostics(u);
            assertTrue(ds.stream().anyMatch(d -> d.getMessage().contains("Undefined macro 'spawned_process'")), ds.toString());
            assertTrue(ds.stream().anyMatch(d -> d.getRange().getStart().getLine() >= 13), "the third embedded file is checked too: " + ds);
        }
    }
}
