package dev.falcoc.testrules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** `falcoc test test-rules/` passes, and the bundled ruleset loads without errors, warnings or lints. */
class BundledRuleTestsTest {
    static final Path MODULE = Files.isDirectory(Path.of("tests")) ? Path.of(".") : Path.of("test-rules");

    static int falcoc(StringWriter out, StringWriter err, String... args) {
        return Cli.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void bundledSuitePasses() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = falcoc(out, err, "test", MODULE.toString());
        assertEquals(0, code, out + "\n" + err);
        assertTrue(out.toString().contains(" 0 failed, 0 errors"), out.toString());
    }

    @Test
    void everyBundledRuleHasPositiveAndNegativeTests() throws Exception {
        var chain = dev.falcoc.runtime.testing.RuleChain.load(java.util.List.of(MODULE.resolve("rules/falcoc_rules.yaml")));
        java.util.Set<String> fire = new java.util.HashSet<>(), silent = new java.util.HashSet<>();
        for (Path f : dev.falcoc.runtime.testing.RuleTestRunner.discover(java.util.List.of(MODULE.resolve("tests")))) {
            var tf = dev.falcoc.runtime.testing.TestFileReader.read(f, Files.readString(f));
            for (var t : tf.tests()) {
                t.expect().fire().forEach(x -> fire.add(x.rule()));
                t.expect().silent().forEach(x -> silent.add(x.rule()));
            }
        }
        assertEquals(11, chain.rules().size());
        for (var r : chain.rules()) {
            assertTrue(fire.contains(r.name), "no test where '" + r.name + "' fires");
            assertTrue(silent.contains(r.name), "no test where '" + r.name + "' stays silent");
        }
    }

    @Test
    void bundledRulesetIsClean() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = falcoc(out, err, "check", MODULE.resolve("rules/falcoc_rules.yaml").toString());
        assertEquals(0, code, out + "\n" + err);
        assertTrue(out.toString().contains("0 errors, 0 warnings"), out.toString());
    }

    @Test
    void junitAndJsonFormats() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        assertEquals(0, falcoc(out, err, "test", "--format", "junit", MODULE.resolve("tests").toString()));
        assertTrue(out.toString().startsWith("<?xml") && out.toString().contains("failures=\"0\""), out.toString());
        out = new StringWriter();
        assertEquals(0, falcoc(out, err, "test", "--format", "json", MODULE.resolve("tests").toString()));
        assertTrue(out.toString().contains("\"failed\":0"), out.toString());
    }
}
