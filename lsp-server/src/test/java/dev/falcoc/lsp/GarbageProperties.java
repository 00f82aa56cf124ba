package dev.falcoc.lsp;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;

/**
 * Random edits never kill the server or leave stale diagnostics: after any sequence of edits the
 * published diagnostics are those a fresh server gives for the final text, and every feature still
 * answers.
 */
class GarbageProperties {
    static final String SEED = """
            - list: shell_binaries
              items: [bash, sh, "z sh"]
            - macro: spawned_process
              condition: evt.type in (execve, execveat) and evt.dir = <
            - rule: Shell "spawned"
              desc: a shell
              condition: >
                spawned_process and proc.name in (shell_binaries)
                and not tolower(proc.pname) = 'x ''y'''
              output: "shell %proc.name %tolower(user.name) ✓ %evt.arg.flags"
              priority: WARNING
              exceptions:
                - name: known
                  fields: [proc.pname, fd.name]
                  comps: [=, startswith]
                  values: [[cron, /tmp]]
            """;
    static LspClient client;
    static LspClient fresh;
    static int doc;

    record Edit(double at, int len, String text) {}

    @BeforeContainer
    static void start() throws Exception {
        client = new LspClient(LspClient.chain(List.of(), List.of()), null);
        fresh = new LspClient(LspClient.chain(List.of(), List.of()), null);
    }

    @AfterContainer
    static void stop() throws Exception {
        client.close();
        fresh.close();
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().withChars("-: \n\t'\"[]{}()%#&*!|>,=<\\.aeprocnmtl_").ofMaxLength(6),
                Arbitraries.of("condition: ", "\n- rule: x\n", "proc.name", " and ", "(", ")", "%", "- macro: m\n", "\uD83D\uDE00", "\r\n", "override:\n  condition: append\n"),
                Arbitraries.strings().ofMaxLength(4));
        return Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 8), pieces)
                .as(Edit::new).list().ofMinSize(1).ofMaxSize(12);
    }

    /** Lints arrive in a second publish, whenever they are done: compare Falco's diagnostics. */
    static List<Diagnostic> withoutLints(List<Diagnostic> ds) {
        return ds.stream().filter(d -> d.getCode() == null || !isLint(d.getCode().getLeft())).toList();
    }

    static boolean isLint(String code) {
        try {
            dev.falcoc.compiler.lint.LintCode.valueOf(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Property(tries = 60)
    void randomEditsNeverKillTheServerNorLeaveStaleDiagnostics(@ForAll("edits") List<Edit> edits) throws Exception {
        String uri = "file:///tmp/falcoc-garbage/g" + (doc++) + ".yaml";
        client.open(uri, SEED);
        String text = SEED;
        for (Edit e : edits) {
            int a = (int) (e.at() * text.length());
            int b = Math.min(text.length(), a + e.len());
            var li = new dev.falcoc.lsp.model.LineIndex(text);
            client.change(uri, List.of(LspClient.edit(li.position(a).getLine(), li.position(a).getCharacter(),
                    li.position(b).getLine(), li.position(b).getCharacter(), e.text())));
            text = text.substring(0, a) + e.text() + text.substring(b);
            // features on half-edited text must answer, not fail
            Position p = li.position(Math.min(a, text.length()));
            client.completion(uri, p);
            client.hover(uri, p);
        }
        client.semanticTokens(uri);
        client.symbols(uri);
        client.folding(uri);
        List<Diagnostic> after = withoutLints(client.diagnostics(uri));
        String freshUri = uri.replace("garbage/", "garbage-fresh/");
        fresh.open(freshUri, text);
        List<Diagnostic> expected = withoutLints(fresh.diagnostics(freshUri));
        assertEquals(expected.toString().replace(freshUri, uri), after.toString(), "diagnostics after edits must be those of the final text");
        client.server().getTextDocumentService().didClose(new org.eclipse.lsp4j.DidCloseTextDocumentParams(new org.eclipse.lsp4j.TextDocumentIdentifier(uri)));
        fresh.server().getTextDocumentService().didClose(new org.eclipse.lsp4j.DidCloseTextDocumentParams(new org.eclipse.lsp4j.TextDocumentIdentifier(freshUri)));
    }
}
