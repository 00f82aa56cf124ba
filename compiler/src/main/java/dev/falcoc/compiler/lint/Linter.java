package dev.falcoc.compiler.lint;

import dev.falcoc.compiler.chain.ChainCheck;
import dev.falcoc.compiler.diag.Diagnostic;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.load.Version;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Runs falcoc's lints over a chain that loaded without errors. */
public final class Linter {
    private Linter() {}

    /** @param targetFalco the oldest Falco the rules must load on (--engine-version), or null */
    public static List<Diagnostic> run(RulesEngine engine, List<ChainCheck.Input> inputs, Version targetFalco) {
        if (engine.output() == null) return List.of();
        LintContext cx = new LintContext(engine, inputs);
        Usage usage = Usage.of(cx);
        NeverFires.run(cx);
        Shadowing.run(cx);
        FieldNeverSet.run(cx);
        CostlyPatterns.run(cx);
        ItemLints.run(cx, usage);
        UnusedItems.run(cx, usage);
        if (targetFalco != null) {
            Set<String> local = new HashSet<>();
            for (ChainCheck.Input in : inputs) if (in.local()) local.add(in.source().name());
            EngineVersionCheck.run(cx, targetFalco, local);
        }
        return cx.out;
    }
}
