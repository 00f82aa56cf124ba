package dev.falcoc.lsp;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

/** Symbols, semantic tokens, folding and code actions. */
class StructureTest {
    static final String U = "file:///tmp/falcoc-test/s.yaml";
    static final String TEXT = """
            - list: shell_binaries
              items: [bash, sh]
            - macro: spawned_process
              condition: evt.type = execve
            - rule: Shell
              desc: a shell
              condition: >
                spawned_process and
                proc.name in (shell_binaries) and not proc.pname = "x y"
              output: "shell %proc.name (%user.name)"
              priority: WARNING
              exceptions:
                - name: known
                  fields: [proc.pname]
                  values: [[cron]]
            """;

    record Tok(int line, int col, int len, String type, int mods) {}

    static List<Tok> decode(SemanticTokens st, List<String> types) {
        List<Tok> out = new ArrayList<>();
        List<Integer> d = st.getData();
        int line = 0, col = 0;
        for (int i = 0; i < d.size(); i += 5) {
            line += d.get(i);
            col = d.get(i) == 0 ? col + d.get(i + 1) : d.get(i + 1);
            out.add(new Tok(line, col, d.get(i + 2), types.get(d.get(i + 3)), d.get(i + 4)));
        }
        return out;
    }

    static String text(Tok t) {
        String l = TEXT.split("\n")[t.line()];
        return l.substring(t.col(), t.col() + t.len());
    }

    @Test
    void semanticTokensInsideYamlScalars() throws Exception {
        try (LspClient c = new LspClient(LspClient.chain(List.of(), List.of()), null)) {
            c.open(U, TEXT);
            List<String> types = c.init.getCapabilities().getSemanticTokensProvider().getLegend().getTokenTypes();
            List<Tok> toks = decode(c.semanticTokens(U), types);
            Map<String, String> byText = new java.util.HashMap<>();
            for (Tok t : toks) byText.putIfAbsent(text(t), t.type());
            assertEquals("macro", byText.get("spawned_process"));
            assertEquals("variable", byText.get("shell_binaries"));
            assertEquals("property", byText.get("proc.name"));
            assertEquals("property", byText.get("user.name"));
            assertEquals("operator", byText.get("in"));
            assertEquals("keyword", byText.get("not"));
            assertEquals("string", byText.get("\"x y\""));
            assertEquals("enumMember", byText.get("execve"));
            assertEquals("class", byText.get("Shell"));
            // the folded condition's second line: positions are in the file, not in the decoded text
            Tok pn = toks.stream().filter(t -> text(t).equals("proc.pname") && t.line() == 8).findFirst().orElseThrow();
            assertEquals(TEXT.split("\n")[8].indexOf("proc.pname"), pn.col());
            assertTrue(toks.stream().anyMatch(t -> text(t).equals("proc.pname") && t.line() == 13), "exception fields");
        }
    }

    @Test
    void documentAndWorkspaceSymbols() throws Exception {
        try (LspClient c = new LspClient(LspClient.chain(List.of(), List.of()), null)) {
            c.open(U, TEXT);
            List<DocumentSymbol> s = c.symbols(U);
            assertEquals(List.of("shell_binaries", "spawned_process", "Shell"), s.stream().map(DocumentSymbol::getName).toList());
            assertEquals(List.of(SymbolKind.Array, SymbolKind.Function, SymbolKind.Event), s.stream().map(DocumentSymbol::getKind).toList());
            assertEquals(4, s.get(2).getRange().getStart().getLine());
            assertEquals(14, s.get(2).getRange().getEnd().getLine());
            assertEquals("known", s.get(2).getChildren().getFirst().getName());
            assertEquals(List.of("spawned_process"), c.workspaceSymbols("spawn").stream().map(x -> x.getName()).toList());
        }
    }

    @Test
    void foldingRanges() throws Exception {
        try (LspClient c = new LspClient(LspClient.chain(List.of(), List.of()), null)) {
            c.open(U, TEXT);
            List<FoldingRange> f = c.folding(U);
            assertTrue(f.stream().anyMatch(r -> r.getStartLine() == 4 && r.getEndLine() == 14), f.toString());
            assertTrue(f.stream().anyMatch(r -> r.getStartLine() == 6 && r.getEndLine() == 8), "the folded condition");
            assertTrue(f.stream().anyMatch(r -> r.getStartLine() == 0 && r.getEndLine() == 1));
        }
    }

    static CodeAction titled(List<CodeAction> as, String prefix) {
        return as.stream().filter(a -> a.getTitle().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError(prefix + " not in " + as.stream().map(CodeAction::getTitle).toList()));
    }

    @Test
    void didYouMeanForFieldsMacrosAndLists() throws Exception {
        String t = TEXT.replace("proc.name in (shell_binaries)", "proc.nmae in (shell_binaris)").replace("spawned_process and", "spawned_proces and");
        try (LspClient c = new LspClient(LspClient.chain(List.of(), List.of()), null)) {
            c.open(U, t);
            List<Diagnostic> ds = c.diagnostics(U);
            Diagnostic macro = ds.stream().filter(d -> d.getMessage().contains("Undefined macro")).findFirst().orElseThrow(() -> new AssertionError(ds.toString()));
            CodeAction fix = titled(c.codeActions(U, macro.getRange(), List.of(macro)), "Did you mean macro 'spawned_process'");
            String fixed = Texts.apply(t, fix.getEdit().getChanges().get(U));
            assertTrue(fixed.contains("  spawned_process and"));
            Diagnostic list = ds.stream().filter(d -> "FALCOC_UNKNOWN_LIST".equals(d.getCode().getLeft())).findFirst().orElseThrow(() -> new AssertionError(ds.toString()));
            assertEquals("shell_binaris", Texts.at(t, list.getRange()));
            fix = titled(c.codeActions(U, list.getRange(), List.of(list)), "Did you mean list 'shell_binaries'");
            assertTrue(Texts.apply(t, fix.getEdit().getChanges().get(U)).contains("(shell_binaries)"));
            // fix the macro, then the field error shows and has its own fix
            c.replaceAll(U, fixed);
            List<Diagnostic> ds2 = c.diagnostics(U);
            Diagnostic field = ds2.stream().filter(d -> d.getMessage().contains("nonexistent field")).findFirst().orElseThrow(() -> new AssertionError(ds2.toString()));
            fix = titled(c.codeActions(U, field.getRange(), List.of(field)), "Did you mean field 'proc.name'");
            assertTrue(Texts.apply(fixed, fix.getEdit().getChanges().get(U)).contains("proc.name in"));
        }
    }

    @Test
    void convertAppendToOverride() throws Exception {
        String t = TEXT + "- rule: Shell\n  condition: and proc.pid > 1\n  exceptions:\n    - name: known\n      values: [[anacron]]\n  append: true\n"
                + "- list: shell_binaries\n  items: [zsh]\n  append: true\n";
        try (LspClient c = new LspClient(LspClient.chain(List.of(), List.of()), null)) {
            c.open(U, t);
            List<Diagnostic> ds = c.diagnostics(U);
            assertTrue(ds.stream().anyMatch(d -> d.getMessage().startsWith("'append' key is deprecated")));
            Position p = new Position(16, 4);
            CodeAction a = titled(c.codeActions(U, new Range(p, p), ds), "Replace 'append: true' with 'override:'");
            String out = Texts.apply(t, a.getEdit().getChanges().get(U));
            assertTrue(out.contains("  override:\n    condition: append\n    exceptions: append\n"), out);
            Position lp = new Position(22, 3);
            CodeAction b = titled(c.codeActions(U, new Range(lp, lp), ds), "Replace 'append: true'");
            List<TextEdit> both = new ArrayList<>(a.getEdit().getChanges().get(U));
            both.addAll(b.getEdit().getChanges().get(U));
            out = Texts.apply(t, both);
            assertTrue(out.endsWith("  override:\n    items: append\n"), out);
            c.replaceAll(U, out);
            List<Diagnostic> after = c.diagnostics(U);
            assertTrue(after.stream().noneMatch(d -> d.getMessage().startsWith("'append' key is deprecated")), after.toString());
            assertTrue(after.stream().noneMatch(d -> d.getSeverity() == org.eclipse.lsp4j.DiagnosticSeverity.Error), after.toString());
        }
    }

    @Test
    void addMissingEventTypeRestriction() throws Exception {
        String t = "- rule: r\n  desc: d\n  condition: >\n    fd.name startswith /etc\n    and proc.name = cat\n  output: x\n  priority: INFO\n";
        try (LspClient c = new LspClient(LspClient.chain(List.of(), List.of()), null)) {
            c.open(U, t);
            Diagnostic d = c.diagnostics(U).stream().filter(x -> "LOAD_NO_EVTTYPE".equals(x.getCode().getLeft())).findFirst().orElseThrow();
            CodeAction a = titled(c.codeActions(U, d.getRange(), List.of(d)), "Restrict 'r' to file opens");
            List<TextEdit> edits = a.getEdit().getChanges().get(U);
            String out = Texts.apply(t, edits);
            assertTrue(out.contains("evt.type in (open, openat, openat2) and (fd.name startswith /etc\n    and proc.name = cat)"), out);
            c.replaceAll(U, out);
            assertTrue(c.diagnostics(U).stream().noneMatch(x -> "LOAD_NO_EVTTYPE".equals(x.getCode().getLeft())));
        }
    }
}
