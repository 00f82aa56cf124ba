package dev.falcoc.cli;

import dev.falcoc.compiler.codegen.Backend;
import dev.falcoc.compiler.codegen.MatcherCompiler;
import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.ir.FieldBinder;
import dev.falcoc.compiler.ir.Matcher;
import java.util.List;

/** Compiles the enabled rules' conditions into matchers, one per rule in the same order. */
final class MatcherSupport {
    private MatcherSupport() {}

    static List<Matcher> compile(List<Compiled.CRule> rules, FieldBinder binder, boolean interpreter) {
        return MatcherCompiler.compile(rules, binder, interpreter ? Backend.INTERPRETER : Backend.BYTECODE);
    }

    /** As {@link #compile}, generating each rule's class on its first evaluation (replays). */
    static List<Matcher> compileLazily(List<Compiled.CRule> rules, FieldBinder binder, boolean interpreter) {
        return MatcherCompiler.compileLazily(rules, binder, interpreter ? Backend.INTERPRETER : Backend.BYTECODE);
    }
}
