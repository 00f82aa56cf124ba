package dev.falcoc.cli;

import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.ir.FieldBinder;
import dev.falcoc.compiler.ir.Matcher;
import java.util.List;

/** Compiles the enabled rules' conditions into matchers (placeholder until codegen is merged). */
final class MatcherSupport {
    private MatcherSupport() {}

    static List<Matcher> compile(List<Compiled.CRule> rules, FieldBinder binder, boolean interpreter) {
        return rules.stream().map(r -> (Matcher) ctx -> false).toList();
    }
}
