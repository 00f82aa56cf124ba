package dev.falcoc.testrules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.compiler.check.OutputChecker;
import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.grammar.antlr.AntlrOutputs;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ANTLR output grammar finds the same %field references as Falco's formatter (OutputChecker)
 * in every output of the official rules: same places, widths and transformers, and the field the
 * catalogue settles on is a prefix of the grammar's candidate.
 */
class OutputGrammarAgreementTest {
    @Test
    void officialOutputsAgree() throws Exception {
        RulesEngine engine = new RulesEngine();
        for (String f : List.of("falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml")) {
            engine.load(f, Files.readString(SharedData.shared().resolve("rules/" + f)));
        }
        int checked = 0;
        for (Compiled.CRule r : engine.output().rules().values()) {
            List<OutputChecker.Token> falco = OutputChecker.parse(r.outputCompiled, engine.resolver());
            List<AntlrOutputs.Reference> antlr = AntlrOutputs.references(r.outputCompiled);
            assertEquals(falco.size(), antlr.size(), () -> "references in " + r.name);
            for (int i = 0; i < falco.size(); i++) {
                OutputChecker.Token t = falco.get(i);
                AntlrOutputs.Reference a = antlr.get(i);
                assertEquals(t.offset(), a.offset(), "offset in " + r.name);
                assertEquals(t.width(), a.width(), "width in " + r.name);
                assertEquals(t.transformers(), a.transformers(), "transformers in " + r.name);
                assertTrue(a.fieldCandidate().startsWith(t.field()), () -> t.field() + " vs " + a.fieldCandidate());
                checked++;
            }
        }
        assertTrue(checked > 1000, "only " + checked + " references checked");
    }
}
