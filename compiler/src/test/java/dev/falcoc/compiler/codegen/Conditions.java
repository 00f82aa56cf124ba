package dev.falcoc.compiler.codegen;

import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.ir.FieldBinder;
import dev.falcoc.compiler.ir.Matcher;
import java.util.List;
import java.util.Map;

/** Test helpers: compile one condition through the real front end; events are maps keyed by field text. */
final class Conditions {
    private Conditions() {}

    /** Reads the field from a Map context by its resolved text ("proc.aname[2]", "fd.name"). */
    static final FieldBinder MAP_BINDER = field -> {
        String key = field.text();
        return ctx -> ((Map<?, ?>) ctx).get(key);
    };

    static Compiled.CRule rule(String condition) {
        RulesEngine engine = new RulesEngine();
        String yaml = "- rule: r\n  desc: d\n  output: o\n  priority: INFO\n  condition: |-\n    "
                + condition.replace("\n", "\n    ") + "\n";
        LoadResult res = engine.load("test.yaml", yaml);
        if (!res.successful()) throw new IllegalArgumentException(condition + ": " + res.errors);
        return engine.output().rules().get("r");
    }

    static Matcher compile(String condition, Backend backend) {
        return MatcherCompiler.compile(List.of(rule(condition)), MAP_BINDER, backend).get(0);
    }
}
