package dev.falcoc.lsp;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.junit.jupiter.api.Test;

/** Incremental sync: every change of a batch applies, in order; the last version wins. */
class SyncTest {
    static final String U = "file:///tmp/falcoc-test/sync.yaml";

    @Test
    void batchOfIncrementalChanges() throws Exception {
        String text = "- rule: r\n  desc: d\n  condition: evt.type = execve and proc.name = bash\n  output: \"%proc.name\"\n  priority: INFO\n";
        try (LspClient c = new LspClient(LspClient.chain(List.of(), List.of()), null)) {
            c.open(U, text);
            assertEquals(List.of(), c.diagnostics(U));
            // two edits in one batch; the second's range refers to the text after the first
            c.change(U, List.of(
                    LspClient.edit(2, 40, 2, 44, "nme"),        // proc.name -> proc.nme
                    LspClient.edit(2, 13, 2, 21, "evt.type")));  // no-op rewrite of evt.type
            List<Diagnostic> d = c.diagnostics(U);
            assertEquals(1, d.size(), d.toString());
            assertEquals(2, d.getFirst().getRange().getStart().getLine());
            assertEquals(35, d.getFirst().getRange().getStart().getCharacter());
            assertEquals(43, d.getFirst().getRange().getEnd().getCharacter());
        }
    }

    @Test
    void rapidEditsEndWithTheDiagnosticsOfTheLastVersion() throws Exception {
        String good = "- rule: r\n  desc: d\n  condition: evt.type = execve and proc.name = bash\n  output: \"%proc.name\"\n  priority: INFO\n";
        try (LspClient c = new LspClient(LspClient.chain(List.of(), List.of()), null)) {
            c.open(U, good);
            c.diagnostics(U);
            // type a bad field character by character, then fix it
            String typed = "";
            for (char ch : "proc.nmae".toCharArray()) {
                typed += ch;
                c.replaceAll(U, good.replace("proc.name = bash", typed + " = bash"));
            }
            List<Diagnostic> bad = c.diagnostics(U);
            assertEquals(1, bad.size(), bad.toString());
            assertTrue(bad.getFirst().getMessage().contains("proc.nmae"));
            c.replaceAll(U, good);
            assertEquals(List.of(), c.diagnostics(U));
            assertEquals(11, c.lastPublished(U).getVersion());
        }
    }

    @Test
    void closingClearsDiagnostics() throws Exception {
        try (LspClient c = new LspClient(LspClient.chain(List.of(), List.of()), null)) {
            c.open(U, "- rule: r\n  condition: nope\n");
            assertFalse(c.diagnostics(U).isEmpty());
            c.server().getTextDocumentService().didClose(new org.eclipse.lsp4j.DidCloseTextDocumentParams(new org.eclipse.lsp4j.TextDocumentIdentifier(U)));
            long end = System.currentTimeMillis() + 10_000;
            while (!c.lastPublished(U).getDiagnostics().isEmpty() && System.currentTimeMillis() < end) Thread.sleep(20);
            assertEquals(List.of(), c.lastPublished(U).getDiagnostics());
        }
    }
}
