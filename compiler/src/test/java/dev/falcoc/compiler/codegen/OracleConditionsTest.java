package dev.falcoc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.ir.IrNode;
import dev.falcoc.compiler.ir.Lowering;
import dev.falcoc.compiler.ir.Matcher;
import dev.falcoc.compiler.schema.FieldResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The random conditions of the Falco oracle (../shared/oracle/conditions) that Falco accepted
 * all lower and compile, and both backends agree on them over synthetic events. (Whether they
 * fire on Falco's events is checked by the runtime's replay against the same oracle.)
 */
class OracleConditionsTest {
    @Test
    void acceptedOracleConditionsCompileAndBackendsAgree() throws Exception {
        Path rules = OfficialRulesTest.rulesDir();
        Assumptions.assumeTrue(rules != null, "shared data not found");
        Path file = rules.getParent().resolve("oracle/conditions/conditions.jsonl");
        Assumptions.assumeTrue(Files.isRegularFile(file), "oracle conditions not found");
        int compiled = 0, accepted = 0;
        for (String line : Files.readAllLines(file)) {
            if (!line.contains("\"error\": null")) continue;
            accepted++;
            RulesEngine engine = new RulesEngine();
            LoadResult res = engine.load("one.yaml", jsonString(line, "yaml"));
            if (!res.successful()) { // a front-end disagreement with Falco, not this test's concern
                System.out.println("front end rejects " + jsonString(line, "id") + ": " + res.errors.get(0).message());
                continue;
            }
            Compiled.CRule rule = engine.output().rules().values().iterator().next();
            Lowering low = new Lowering(FieldResolver.get(), Conditions.MAP_BINDER);
            IrNode n = low.lower(rule.ast);
            Matcher bc = MatcherCompiler.compile(List.of(n), List.of(rule.name), low, Backend.BYTECODE).get(0);
            Matcher in = MatcherCompiler.compile(List.of(n), List.of(rule.name), low, Backend.INTERPRETER).get(0);
            for (Map<String, Object> e : SyntheticEvents.generate(List.of(n), low, new Random(compiled), 50)) {
                assertEquals(in.matches(e), bc.matches(e), () -> rule.conditionText + " on " + e);
            }
            compiled++;
        }
        assertTrue(compiled > 100, "only " + compiled + " conditions");
        System.out.printf("oracle conditions: %d accepted by Falco, %d compiled, backends agree%n", accepted, compiled);
    }

    /** The value of a top-level string member of a one-line JSON object. */
    static String jsonString(String json, String key) {
        Object v = ((java.util.Map<?, ?>) MiniJson.parse(json)).get(key);
        if (!(v instanceof String str)) throw new IllegalArgumentException("no " + key);
        return str;
    }
}
