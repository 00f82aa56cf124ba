package dev.falcoc.compiler.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.compiler.chain.ChainCheck;
import dev.falcoc.compiler.chain.ChainInputs;
import dev.falcoc.compiler.diag.Diagnostic;
import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.report.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile rules files: each loads or gives a diagnostic with a position, within a generous
 * time limit (a safety net against hangs, not a performance claim), never an exception.
 */
class HostileRulesTest {
    static final Duration LIMIT = Duration.ofSeconds(60);

    /** Loads through the engine and the whole `falcoc check` chain; returns the engine's result. */
    static LoadResult load(String text) {
        return assertTimeoutPreemptively(LIMIT, () -> {
            LoadResult r = new RulesEngine().load("h.yaml", text);
            for (Diagnostic d : r.errors) {
                assertFalse(d.context().locations().isEmpty(), d.message());
                assertFalse(d.message() == null || d.message().isBlank(), "empty message for " + d.code());
            }
            List<ChainCheck.Input> inputs = new ArrayList<>();
            List<Finding> extra = new ArrayList<>();
            ChainInputs.add("h.yaml", "h.yaml", text, true, inputs, extra);
            ChainCheck.Result c = ChainCheck.run(inputs, extra, ChainCheck.Options.defaults());
            for (Finding f : c.findings()) assertTrue(f.line() >= 1 && f.column() >= 1, f.oneLine());
            return r;
        });
    }

    static Diagnostic firstError(LoadResult r) {
        assertFalse(r.errors.isEmpty(), "expected an error");
        return r.errors.getFirst();
    }

    static int line(Diagnostic d) { return d.context().last().position().line(); }

    @Test
    void billionLaughsIsRejected() {
        StringBuilder sb = new StringBuilder("- list: l0\n  items: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 12; i++) {
            sb.append("- list: l").append(i).append("\n  items: &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) sb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            sb.append("]\n");
        }
        sb.append("- rule: r\n  desc: d\n  condition: proc.name in (l12)\n  output: o\n  priority: INFO\n");
        LoadResult r = load(sb.toString());
        assertFalse(r.successful());
    }

    @Test
    void billionLaughsWhereTheReaderWalksValues() {
        // exception values are decoded recursively: expanding the aliases ran out of heap
        StringBuilder sb = new StringBuilder("- a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 12; i++) {
            sb.append("- a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) sb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            sb.append("]\n");
        }
        sb.append("- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n"
                + "      fields: [proc.name]\n      values: *a12\n");
        Diagnostic d = firstError(load(sb.toString()));
        assertTrue(d.message().contains("aliases expand"), d.message());
        assertTrue(line(d) > 0, d.message());
    }

    @Test
    void aliasFloodIsRejectedWithPosition() {
        StringBuilder sb = new StringBuilder("- list: l\n  items: &a [x]\n- list: m\n  items: [");
        for (int i = 0; i < 5000; i++) sb.append(i == 0 ? "" : ", ").append("*a");
        sb.append("]\n");
        Diagnostic d = firstError(load(sb.toString()));
        assertTrue(line(d) == 3 && d.message().contains("aliases"), d.message());
    }

    /** Runs {@code work} on a thread with a small stack (256 KiB): the engine must not depend on its caller's stack. */
    static <T> T onSmallStack(java.util.function.Supplier<T> work) throws Exception {
        Object[] out = new Object[1];
        Throwable[] err = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                out[0] = work.get();
            } catch (Throwable e) {
                err[0] = e;
            }
        }, "small-stack", 256 << 10);
        t.start();
        t.join();
        if (err[0] != null) throw new AssertionError("failed on a small stack", err[0]);
        @SuppressWarnings("unchecked") T r = (T) out[0];
        return r;
    }

    /** Conditions nested 10^4 deep (Falco 0.42.1 segfaults there) load, compile and lower on any thread. */
    @Test
    void tenThousandNestedConditionsLoadAndCompileOnASmallStack() throws Exception {
        int n = 10_000;
        String[] conds = {
            "(".repeat(n) + "evt.type = open" + ")".repeat(n),
            "(proc.name = x or ".repeat(n) + "evt.type = open" + ")".repeat(n),
            "not (".repeat(n) + "evt.type = open" + ")".repeat(n),
        };
        for (String cond : conds) {
            String label = cond.substring(0, 20);
            RulesEngine e = new RulesEngine();
            LoadResult r = onSmallStack(() -> e.load("deep.yaml", "- rule: r\n  desc: d\n  condition: " + cond + "\n  output: o %proc.name\n  priority: INFO\n"));
            assertTrue(r.successful(), label + ": " + r.all());
            var rule = e.output().rules().get("r");
            assertTrue(rule != null && rule.ast != null, label);
            for (var backend : dev.falcoc.compiler.codegen.Backend.values()) {
                var ms = onSmallStack(() -> dev.falcoc.compiler.codegen.MatcherCompiler.compile(java.util.List.of(rule), (dev.falcoc.compiler.ir.FieldBinder) f -> ctx -> null, backend));
                assertEquals(1, ms.size(), label + " " + backend);
            }
        }
    }

    @Test
    void fiveThousandNestedParenthesesLoadOrAreRejected() {
        String cond = "(".repeat(5_000) + "evt.type = open" + ")".repeat(5_000);
        load("- rule: r\n  desc: d\n  condition: " + cond + "\n  output: o\n  priority: INFO\n");
    }

    @Test
    void deeplyNestedNotAndMacros() {
        load("- rule: r\n  desc: d\n  condition: " + "not ".repeat(20_000) + "evt.type = open\n  output: o\n  priority: INFO\n");
        StringBuilder sb = new StringBuilder("- macro: m0\n  condition: evt.type = open\n");
        for (int i = 1; i < 3000; i++) sb.append("- macro: m").append(i).append("\n  condition: (m").append(i - 1).append(")\n");
        sb.append("- rule: r\n  desc: d\n  condition: m2999\n  output: o\n  priority: INFO\n");
        load(sb.toString());
    }

    @Test
    void deeplyNestedYaml() {
        LoadResult r = load("[".repeat(50_000) + "]".repeat(50_000) + "\n");
        assertFalse(r.successful());
        load("- a:\n" + "  - ".repeat(5000) + "x\n");
    }

    @Test
    void hundredThousandListItems() {
        StringBuilder sb = new StringBuilder("- list: big\n  items: [");
        for (int i = 0; i < 100_000; i++) sb.append(i == 0 ? "" : ", ").append("bin").append(i);
        sb.append("]\n- rule: r\n  desc: d\n  condition: evt.type = execve and proc.name in (big)\n  output: o %proc.name\n  priority: INFO\n");
        LoadResult r = load(sb.toString());
        assertTrue(r.successful(), () -> r.errors.toString());
    }

    @Test
    void tenMegabyteFile() {
        // 10 MB of text in few items (the per-byte paths: scanner, positions, snippets)
        String desc = ("a long description line of a rule, " + "x".repeat(60) + "\n").repeat(110_000);
        String big = "- rule: r\n  desc: |\n" + desc.indent(4) + "  condition: evt.type = open\n  output: o\n  priority: INFO\n";
        assertTrue(big.length() >= 10 << 20);
        LoadResult r = load(big);
        assertTrue(r.successful(), () -> r.errors.toString());
    }

    @Test
    void oneMegabyteOfRules() {
        // many items: the per-item paths (about 7,500 rules)
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (sb.length() < 1 << 20) {
            sb.append("- rule: r").append(i).append("\n  desc: a rule of many\n  condition: evt.type = execve and proc.name = p").append(i)
                    .append("\n  output: \"x %proc.name\"\n  priority: INFO\n");
            i++;
        }
        LoadResult r = load(sb.toString());
        assertTrue(r.successful(), () -> r.errors.toString());
    }

    @Test
    void nulBytesGiveAPosition() {
        Diagnostic d = firstError(load("- rule: r\n  desc: d\u0000x\n  condition: evt.type = open\n  output: o\n  priority: INFO\n"));
        assertTrue(line(d) == 1, d.toString());
    }

    @Test
    void crlfTabsAndBomLoad() {
        String ok = "- rule: r\r\n  desc: d\r\n  condition: evt.type = open and proc.name = x\r\n  output: \"o %proc.name\"\r\n  priority: INFO\r\n";
        assertTrue(load(ok).successful());
        assertTrue(load("\uFEFF" + ok).successful());
        LoadResult tabs = load("- rule: r\n\tdesc: d\n");
        assertFalse(tabs.successful());
        assertTrue(line(firstError(tabs)) >= 0);
        assertTrue(load("- rule: r\n  desc: d\n  condition: evt.type = open and\tproc.name = x\n  output: \"o\t%proc.name\"\n  priority: INFO\n").successful());
    }

    @Test
    void duplicateKeysLoadAsFalcoDoes() {
        LoadResult r = load("- rule: r\n  desc: d\n  desc: e\n  condition: evt.type = open\n  output: o\n  priority: INFO\n  priority: INFO\n");
        for (Diagnostic d : r.all()) assertTrue(d.context().locations().size() >= 1);
    }

    @Test
    void hugeScalarsAndKeys() {
        load("- rule: " + "r".repeat(1_000_000) + "\n  desc: d\n  condition: evt.type = open\n  output: o\n  priority: INFO\n");
        load("- " + "k".repeat(2000) + ": v\n");
    }

    @Test
    void longFlatConditions() {
        load("- rule: r\n  desc: d\n  condition: proc.name in (" + "a, ".repeat(100_000) + "b)\n  output: o\n  priority: INFO\n");
        load("- rule: r\n  desc: d\n  condition: " + "proc.name = a or ".repeat(10_000) + "evt.type = open\n  output: o\n  priority: INFO\n");
    }

    @Test
    void controlCharactersAndDeepYamlHaveRealPositions() {
        Diagnostic d = firstError(load("- rule: r\n  desc: \u0007\n"));
        assertTrue(line(d) == 1, d.message());
        String nested = "- list: l\n  items: " + "[".repeat(2000) + "]".repeat(2000) + "\n";
        Diagnostic deep = firstError(load(nested));
        assertTrue(line(deep) == 1 && deep.message().contains("nesting"), deep.message());
    }
}
