package dev.falcoc.testrules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.compiler.codegen.Backend;
import dev.falcoc.compiler.codegen.MatcherCompiler;
import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.ir.Matcher;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.runtime.config.FalcoConfig;
import dev.falcoc.runtime.engine.Engine;
import dev.falcoc.runtime.engine.RuleSelection;
import dev.falcoc.runtime.engine.RuleTable;
import dev.falcoc.runtime.engine.Stats;
import dev.falcoc.runtime.explain.Explainer;
import dev.falcoc.runtime.explain.Explanation;
import dev.falcoc.runtime.output.AlertFormatter;
import dev.falcoc.runtime.testing.RuleChain;
import dev.falcoc.runtime.testing.RuleTestRunner;
import dev.falcoc.runtime.testing.SyntheticEvent;
import dev.falcoc.runtime.testing.SyntheticFields;
import dev.falcoc.runtime.testing.TestFile;
import dev.falcoc.runtime.testing.TestFileReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The test runner, the runtime and explain agree: every synthetic event of the bundled tests is
 * replayed through an engine assembled independently the way `falcoc run` assembles it (rules
 * engine, rule table and selection, MatcherCompiler with bytecode and with the interpreter,
 * AlertFormatter), and explained for every rule; verdicts must be the same everywhere.
 */
class RunnerRuntimeAgreementTest {
    record Case(TestFile file, TestFile.TestCase test, List<RuleTestRunner.Alert> alerts) {}

    static List<Case> bundledCases() throws Exception {
        List<Case> out = new ArrayList<>();
        RuleTestRunner runner = new RuleTestRunner();
        for (Path f : RuleTestRunner.discover(List.of(BundledRuleTestsTest.MODULE.resolve("tests")))) {
            TestFile tf = TestFileReader.read(f, Files.readString(f));
            RuleTestRunner.FileResult r = runner.run(tf);
            assertEquals(tf.tests().size(), r.cases().size(), f.toString());
            for (int i = 0; i < tf.tests().size(); i++) out.add(new Case(tf, tf.tests().get(i), r.cases().get(i).alerts()));
        }
        return out;
    }

    /** falcoc run's assembly over synthetic events: the alerts' rule names, in order. */
    static List<String> runtimeAlerts(Map<String, Compiled.CRule> compiled, SyntheticEvent ev, FalcoConfig.RuleMatching m,
                                      Backend backend) throws Exception {
        FalcoConfig cfg = FalcoConfig.load(null, List.of("json_output=true"));
        cfg.ruleMatching = m;
        RuleTable table = new RuleTable(compiled.values(), cfg.priority);
        RuleSelection.apply(table, List.of(), List.of(), List.of(), cfg.rulesSelection);
        List<RuleTable.Entry> enabled = table.enabled();
        List<Matcher> ms = MatcherCompiler.compile(enabled.stream().map(RuleTable.Entry::rule).toList(), SyntheticFields.INSTANCE, backend);
        Map<Integer, Matcher> matchers = new HashMap<>();
        Map<Integer, AlertFormatter.RuleOutput> outs = new HashMap<>();
        for (int i = 0; i < enabled.size(); i++) {
            matchers.put(enabled.get(i).id(), ms.get(i));
            outs.put(enabled.get(i).id(), AlertFormatter.compile(enabled.get(i).rule(), FieldResolver.get()));
        }
        AlertFormatter formatter = new AlertFormatter(cfg, SyntheticFields.INSTANCE, "host", FieldResolver.get());
        List<String> alerts = new ArrayList<>();
        Engine engine = new Engine(table, matchers, outs, cfg.ruleMatching, new Stats(new ArrayList<>(compiled.keySet())),
                (rule, ctx, ts) -> {
                    String json = formatter.format(rule, ctx, ts).message();
                    assertTrue(json.contains("\"rule\":\"" + rule.rule() + "\""), json);
                    alerts.add(rule.rule());
                });
        engine.process(ev, ev.code(), ev.ts());
        assertEquals(0, engine.evaluationErrors());
        return alerts;
    }

    @Test
    void runnerAndRuntimeGiveTheSameVerdicts() throws Exception {
        RulesEngine re = new RulesEngine();
        Path rules = BundledRuleTestsTest.MODULE.resolve("rules/falcoc_rules.yaml");
        assertTrue(re.load(rules.toString(), Files.readString(rules)).successful());
        int n = 0;
        for (Case c : bundledCases()) {
            if (!(c.test().source() instanceof TestFile.Synthetic s)) continue;
            List<String> runner = c.alerts().stream().map(RuleTestRunner.Alert::rule).toList();
            for (Backend b : Backend.values()) {
                assertEquals(runner, runtimeAlerts(re.output().rules(), s.event(), c.file().matching(), b), c.test().name() + " (" + b + ")");
            }
            n++;
        }
        assertTrue(n >= 70, "compared " + n + " events");
    }

    @Test
    void explainAgreesWithTheMatchers() throws Exception {
        RuleChain chain = RuleChain.load(List.of(BundledRuleTestsTest.MODULE.resolve("rules/falcoc_rules.yaml")));
        Explainer ex = new Explainer(chain, SyntheticFields.INSTANCE);
        int n = 0;
        for (Case c : bundledCases()) {
            if (!(c.test().source() instanceof TestFile.Synthetic s)) continue;
            List<String> fired = c.alerts().stream().map(RuleTestRunner.Alert::rule).toList();
            for (Compiled.CRule r : chain.rules()) {
                Explanation e = ex.explain(r.name, s.event(), s.event().code(), 0, c.file().matching());
                String where = c.test().name() + " / " + r.name;
                assertEquals(e.matcherVerdict(), e.verdict(), where + ": interpreter tree vs compiled matcher");
                assertEquals(fired.contains(r.name), e.fired(), where + ": explain's verdict vs the alerts");
                n++;
            }
        }
        assertTrue(n > 700, "explained " + n);
    }

    static Explanation explain(String file, String test, String rule) throws Exception {
        Path f = BundledRuleTestsTest.MODULE.resolve("tests").resolve(file);
        TestFile tf = TestFileReader.read(f, Files.readString(f));
        RuleChain chain = RuleChain.load(tf.rules());
        TestFile.TestCase tc = tf.tests().stream().filter(t -> t.name().equals(test)).findFirst().orElseThrow();
        SyntheticEvent ev = ((TestFile.Synthetic) tc.source()).event();
        return new Explainer(chain, SyntheticFields.INSTANCE).explain(rule, ev, ev.code(), 0, tf.matching());
    }

    @Test
    void explainNamesTheShadowingRule() throws Exception {
        Explanation e = explain("matching.test.yaml", "shell from /tmp in a container, first match", "Execution from tmp or shm");
        assertTrue(e.verdict());
        assertEquals("Shell spawned in a container", e.shadowedBy());
        assertTrue(!e.fired());
        Explanation all = explain("matching-all.test.yaml", "shell from /tmp in a container, all matches", "Execution from tmp or shm");
        assertEquals(null, all.shadowedBy());
        assertTrue(all.fired());
    }

    @Test
    void explainNamesTheSuppressingException() throws Exception {
        assertEquals("editors_on_hosts", explain("files.test.yaml", "vim edits /etc/hosts (exception editors_on_hosts)", "Write below etc").suppressedBy());
        assertEquals("package_scripts", explain("files.test.yaml", "dpkg scripts may read shadow (exception package_scripts)",
                "Sensitive file read by untrusted program").suppressedBy());
        // an exception appended by an override
        assertEquals("fuse_helpers", explain("system.test.yaml", "fuse helpers (appended exception fuse_helpers)", "Unauthorized mount").suppressedBy());
        assertEquals(null, explain("system.test.yaml", "mount helper", "Unauthorized mount").suppressedBy());
    }

    @Test
    void explainTreeNamesMacrosAndLists() throws Exception {
        Explanation e = explain("process.test.yaml", "shell in a container", "Shell spawned in a container");
        String text = dev.falcoc.runtime.explain.ExplainReports.text(e);
        assertTrue(text.contains("macro falcoc_spawned_process -> true"), text);
        assertTrue(text.contains("macro falcoc_in_container -> true"), text);
        assertTrue(text.contains("proc.name in (falcoc_shell_binaries) -> true"), text);
        assertTrue(text.contains("list falcoc_shell_binaries: (ash, bash"), text);
        assertTrue(text.contains("exception 'known_entrypoints' did not match"), text);
        String json = dev.falcoc.runtime.explain.ExplainReports.json(e);
        assertTrue(json.contains("\"fires\":true") && json.contains("\"kind\":\"macro\""), json);
    }
}
