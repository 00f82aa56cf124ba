package dev.falcoc.compiler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.compiler.diag.Diagnostic;
import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.engine.RulesEngine;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Law: whatever the input, loading ends with diagnostics, never with an exception. */
class EngineNeverThrowsTest {

    @Property(tries = 1500)
    void arbitraryConditionsGiveDiagnostics(@ForAll("conditions") String condition) {
        String yaml = "- rule: r\n  desc: d\n  condition: " + yamlQuote(condition) + "\n  output: \"o %proc.name\"\n  priority: INFO\n";
        LoadResult r = new RulesEngine().load("p.yaml", yaml);
        for (Diagnostic d : r.all()) assertFalse(d.message() == null || d.message().isEmpty() && !d.code().equals("LOAD_UNSAFE_NA_CHECK"));
    }

    @Property(tries = 1500)
    void arbitraryTextGivesDiagnostics(@ForAll("yamlish") String text) {
        LoadResult r = new RulesEngine().load("t.yaml", text);
        assertTrue(r.successful() || !r.errors.isEmpty());
        for (Diagnostic d : r.errors) assertTrue(d.context().locations().size() >= 1);
    }

    @Provide
    Arbitrary<String> conditions() {
        return Arbitraries.strings().withChars("evt.type=openproc.name()[]\"' ,!<>andornotinexistsval(tolower(1203xX-*/\\\n")
                .ofMinLength(1).ofMaxLength(60);
    }

    @Provide
    Arbitrary<String> yamlish() {
        Arbitrary<String> piece = Arbitraries.of("- ", "rule: ", "macro: ", "list: ", "items: ", "condition: ", "output: ", "desc: ",
                "priority: ", "exceptions:", "  - name: e", "fields: [proc.name]", "values: [[a]]", "override:", "  condition: append",
                "append: true", "enabled: false", "\n", "\n  ", "evt.type = open", "%proc.name", "[a, b]", "{x: y}", "'q", "\"", "&a", "*a",
                "---\n", ": ", "\t", "WARNING", "source: k8s", "required_engine_version: 9", "tags: x");
        return piece.list().ofMaxSize(30).map(l -> String.join("", l));
    }

    private static String yamlQuote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
