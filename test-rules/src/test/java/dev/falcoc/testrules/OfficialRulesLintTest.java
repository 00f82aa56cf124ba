package dev.falcoc.testrules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.falcoc.compiler.chain.ChainCheck;
import dev.falcoc.compiler.report.Finding;
import dev.falcoc.compiler.report.SourceFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * falcoc's lints on the four official rules files: they stay silent except for the findings
 * below, each checked by hand to be real (see docs/lints.md, "Findings on the official rules").
 */
class OfficialRulesLintTest {
    private static List<String> lints(List<String> base, List<String> local) throws Exception {
        Path rules = SharedData.shared().resolve("rules");
        List<ChainCheck.Input> inputs = new ArrayList<>();
        for (String b : base) inputs.add(new ChainCheck.Input(SourceFile.plain(b, b, Files.readString(rules.resolve(b))), false));
        for (String l : local) inputs.add(new ChainCheck.Input(SourceFile.plain(l, l, Files.readString(rules.resolve(l))), true));
        ChainCheck.Result r = ChainCheck.run(inputs, List.of(), ChainCheck.Options.defaults());
        assertEquals(0, r.count(dev.falcoc.compiler.diag.Severity.ERROR), "the official rules load");
        List<String> out = new ArrayList<>();
        for (Finding f : r.findings()) if (f.lint()) out.add(f.path() + ":" + f.line() + " " + f.code() + " " + f.item());
        return out;
    }

    static final List<String> FIELD_NEVER_SET = List.of(
            "falco_rules.yaml:968 FALCOC_FIELD_NEVER_SET rule 'Remove Bulk Data from Disk'",
            "falco_rules.yaml:1174 FALCOC_FIELD_NEVER_SET rule 'Execution from /dev/shm'");
    static final String NEVER_FIRES = "falco-incubating_rules.yaml:1100 FALCOC_NEVER_FIRES rule 'Network Connection outside Local Subnet'";
    static final String COSTLY = "falco-incubating_rules.yaml:1196 FALCOC_COSTLY_PATTERN rule 'Read environment variable from /proc files'";
    static final String DUPLICATE = "falco-incubating_rules.yaml:108 FALCOC_DUPLICATE_LIST_ITEM list 'coreutils_binaries'";
    static final String SHADOWED = "falco-sandbox_rules.yaml:1788 FALCOC_SHADOWED_RULE rule 'Network Tool Executed During NPM Package Install'";

    @Test
    void eachFileOnTopOfFalcoRules() throws Exception {
        assertEquals(FIELD_NEVER_SET, lints(List.of(), List.of("falco_rules.yaml")));
        assertEquals(List.of(DUPLICATE, NEVER_FIRES, COSTLY), lints(List.of("falco_rules.yaml"), List.of("falco-incubating_rules.yaml")));
        assertEquals(List.of(), lints(List.of("falco_rules.yaml"), List.of("falco-sandbox_rules.yaml")));
        assertEquals(List.of(), lints(List.of("falco_rules.yaml"), List.of("falco-deprecated_rules.yaml")));
    }

    @Test
    void wholeChain() throws Exception {
        List<String> expected = new ArrayList<>(FIELD_NEVER_SET);
        expected.addAll(List.of(DUPLICATE, NEVER_FIRES, COSTLY, SHADOWED));
        assertEquals(expected, lints(List.of(),
                List.of("falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml", "falco-deprecated_rules.yaml")));
    }
}
