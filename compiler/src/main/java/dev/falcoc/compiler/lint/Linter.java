package dev.falcoc.compiler.lint;

import dev.falcoc.compiler.chain.ChainCheck;
import dev.falcoc.compiler.diag.Diagnostic;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.load.Version;
import java.util.ArrayList;
import java.util.List;

/** Runs falcoc's lints over a chain that loaded without errors. */
public final class Linter {
    private Linter() {}

    public static List<Diagnostic> run(RulesEngine engine, List<ChainCheck.Input> inputs, Version targetFalco) {
        List<Diagnostic> out = new ArrayList<>();
        return out;
    }
}
