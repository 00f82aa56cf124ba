package dev.falcoc.compiler.lint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.compiler.chain.ChainCheck;
import dev.falcoc.compiler.chain.ChainInputs;
import dev.falcoc.compiler.load.Version;
import dev.falcoc.compiler.report.Finding;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Law: whatever the files (rules or Helm values), checking a chain ends with findings in range, never with an exception. */
class ChainNeverThrowsTest {
    @Property(tries = 300)
    void arbitraryChainsGiveFindings(@ForAll("yamlish") String base, @ForAll("yamlish") String local) {
        List<ChainCheck.Input> inputs = new ArrayList<>();
        List<Finding> extra = new ArrayList<>();
        ChainInputs.add("base.yaml", "base.yaml", base, false, inputs, extra);
        ChainInputs.add("local.yaml", "local.yaml", local, true, inputs, extra);
        ChainCheck.Result r = ChainCheck.run(inputs, extra, new ChainCheck.Options(
                dev.falcoc.compiler.engine.RulesEngine.Options.defaults(), true, true, new Version(0, 38, 0)));
        for (Finding f : r.findings()) {
            assertTrue(f.line() >= 1 && f.column() >= 1, f.oneLine());
            assertTrue(!f.message().isEmpty() || f.code().equals("LOAD_UNSAFE_NA_CHECK"), f.oneLine());
        }
    }

    @Provide
    Arbitrary<String> yamlish() {
        Arbitrary<String> piece = Arbitraries.of("- ", "rule: ", "macro: ", "list: ", "items: ", "condition: ", "output: ", "desc: ",
                "priority: ", "exceptions:", "  - name: e", "fields: [fd.name]", "values: [[a]]", "override:", "  condition: append",
                "  items: replace", "append: true", "enabled: false", "\n", "\n  ", "evt.type = open", "evt.type = execve", "%fd.name",
                "[a, b]", "[a, a]", "{x: y}", "'q", "\"", "---\n", ": ", "WARNING", "required_engine_version: 9",
                "customRules:\n", "  a.yaml: |\n    ", "  b: >-\n    ", "kind: ConfigMap\n", "data:\n", "proc.name regex x",
                "basename(proc.exe) = a", "never_true", "evt.num = 0", "capture: true");
        return piece.list().ofMaxSize(30).map(l -> String.join("", l));
    }

    /** Well-formed chains, so that the lints run too: items built from small pools of names and conditions. */
    @Property(tries = 200)
    void loadableChainsGiveFindings(@ForAll("items") List<String> items) {
        int half = items.size() / 2;
        String base = String.join("", items.subList(0, half)), local = String.join("", items.subList(half, items.size()));
        List<ChainCheck.Input> inputs = new ArrayList<>();
        List<Finding> extra = new ArrayList<>();
        ChainInputs.add("base.yaml", "base.yaml", base, false, inputs, extra);
        ChainInputs.add("local.yaml", "local.yaml", "customRules:\n  r.yaml: |\n" + local.indent(4), true, inputs, extra);
        ChainCheck.Result r = ChainCheck.run(inputs, extra, ChainCheck.Options.defaults());
        for (Finding f : r.findings()) {
            assertTrue(f.line() >= 1 && f.column() >= 1, f.oneLine());
            assertTrue(!f.lint() || !f.message().contains("\n"), "one line per finding: " + f.oneLine());
        }
    }

    @Provide
    Arbitrary<List<String>> items() {
        Arbitrary<String> name = Arbitraries.of("a", "b", "c", "never_true", "shells");
        Arbitrary<String> cond = Arbitraries.of("evt.type = execve", "evt.type in (open, openat) and fd.name glob /x*", "evt.num = 0",
                "proc.name in (shells)", "a", "b and not c", "proc.aname = x", "proc.name = a and proc.name = b", "evt.type = open and evt.type = execve",
                "fd.name regex 'a+b'", "proc.name in ()");
        Arbitrary<String> list = Arbitraries.of("[a, b, a]", "[]", "[shells, x]");
        Arbitrary<String> item = Arbitraries.oneOf(
                net.jqwik.api.Combinators.combine(name, list).as((n, l) -> "- list: " + n + "\n  items: " + l + "\n"),
                net.jqwik.api.Combinators.combine(name, cond).as((n, c) -> "- macro: " + n + "\n  condition: " + c + "\n"),
                net.jqwik.api.Combinators.combine(name, cond).as((n, c) -> "- macro: " + n + "\n  condition: or " + c + "\n  override:\n    condition: append\n"),
                net.jqwik.api.Combinators.combine(name, list).as((n, l) -> "- list: " + n + "\n  items: " + l + "\n  append: true\n"),
                net.jqwik.api.Combinators.combine(name, cond).as((n, c) -> "- rule: R" + n + "\n  desc: d\n  condition: " + c
                        + "\n  output: \"o %fd.name %evt.arg.name\"\n  priority: INFO\n  exceptions:\n    - name: x\n      fields: [fd.name]\n      values: [[a]]\n"));
        return item.list().ofMaxSize(12);
    }
}
