package dev.falcoc.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.compiler.ir.Candidates;
import dev.falcoc.compiler.ir.IpAddr;
import dev.falcoc.compiler.report.Finding;
import dev.falcoc.runtime.config.FalcoConfig.RuleMatching;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestFileReaderTest {
    @TempDir Path dir;

    static final String RULES = """
            - rule: shell
              desc: d
              condition: evt.type = execve and proc.name = bash and not proc.aname in (sshd)
              output: "shell %proc.name under %proc.pname"
              priority: WARNING
            - rule: sip
              desc: d
              condition: evt.type = connect and not fd.snet in ("10.0.0.0/8") and fd.sport = 443
              output: "to %fd.sip"
              priority: NOTICE
            """;

    TestFile read(String text) {
        return TestFileReader.read(dir.resolve("t.test.yaml"), text);
    }

    static List<String> lines(TestFile tf) {
        return tf.findings().stream().map(f -> f.line() + ":" + f.column() + " " + f.code()).toList();
    }

    @Test
    void typesValuesAndDerivesFields() {
        TestFile tf = read("""
                rules: [r.yaml]
                rule_matching: all
                defaults: {user.name: root}
                tests:
                  - name: a
                    event: {evt.type: connect, fd.sip: 93.184.216.34, fd.sport: https, evt.rawres: 0, proc.aname: [bash, sshd]}
                    expect: {fire: [sip]}
                """);
        assertEquals(List.of(), lines(tf));
        assertEquals(RuleMatching.ALL, tf.matching());
        assertEquals(dir.resolve("r.yaml"), tf.rules().getFirst());
        SyntheticEvent e = ((TestFile.Synthetic) tf.tests().getFirst().source()).event();
        assertInstanceOf(IpAddr.class, e.get("fd.sip"));
        assertEquals(443L, e.get("fd.sport"));
        assertEquals("SUCCESS", e.get("evt.res"));
        assertEquals(false, e.get("evt.failed"));
        assertEquals("bash", e.get("proc.pname"));
        assertEquals("sshd", e.get("proc.aname[2]"));
        assertEquals("root", e.get("user.name"));
    }

    @Test
    void diagnosticsHavePositions() {
        TestFile tf = read("""
                rules: [r.yaml]
                tests:
                  - name: a
                    event: {evt.type: execve, fd.name: /x, proc.nme: x, evt.rawres: abc, fd.snet: 10.0.0.0/8}
                    expect: {fire: [x], bogus: 1}
                  - name: b
                    event: {evt.type: openatt}
                    expect: {}
                  - name: b
                    event: {evt.type: symlinkat, evt.arg.oldpath: /etc/shadow, evt.res: 0}
                    expect: {}
                  - name: c
                    capture: x.scap
                    evt.num: 9-3
                    expect: {}
                """);
        assertTrue(tf.hasErrors());
        assertEquals(List.of("4:31 TEST_FIELD_NEVER_SET", "4:44 TEST_UNKNOWN_FIELD", "4:69 TEST_BAD_VALUE", "4:74 TEST_UNKNOWN_FIELD",
                "5:25 TEST_SCHEMA", "7:23 TEST_BAD_VALUE", "10:34 TEST_FIELD_NEVER_SET", "10:73 TEST_BAD_VALUE",
                "14:14 TEST_BAD_VALUE"), lines(tf));
        for (Finding f : tf.findings()) assertFalse(f.message().isEmpty());
    }

    @Test
    void badYamlAndShapes() {
        assertEquals("TEST_SYNTAX", read("rules: [\n").findings().getFirst().code());
        assertTrue(read("- a\n- b\n").hasErrors());
        assertTrue(read("").hasErrors());
        assertTrue(read("rules: r.yaml\ntests: {}\n").hasErrors());
        assertTrue(read("rules: r.yaml\ntests:\n  - name: x\n    event: {evt.type: open}\n    capture: c.scap\n    expect: {}\n").hasErrors());
    }

    @Test
    void runsAgainstRules() throws Exception {
        Files.writeString(dir.resolve("r.yaml"), RULES);
        TestFile tf = read("""
                rules: [r.yaml]
                tests:
                  - name: fires
                    event: {evt.type: execve, proc.name: bash, proc.aname: [zsh, init]}
                    expect: {fire: [{rule: shell, output: shell bash under zsh, output_fields: {proc.pname: zsh}}]}
                  - name: ancestor sshd
                    event: {evt.type: execve, proc.name: bash, proc.aname: [zsh, sshd]}
                    expect: {silent: [shell]}
                  - name: no ancestors at all still fires
                    event: {evt.type: execve, proc.name: bash}
                    expect: {fire: [{rule: shell, output_fields: {proc.pname: null}}]}
                  - name: private network
                    event: {evt.type: connect, fd.sip: 10.1.1.1, fd.sport: 443}
                    expect: {fire: []}
                  - name: public
                    event: {evt.type: connect, fd.sip: 8.8.8.8, fd.sport: 443}
                    expect: {fire: [sip]}
                  - name: wrong expectation
                    event: {evt.type: connect, fd.sip: 8.8.8.8, fd.sport: 443}
                    expect: {fire: [shell]}
                """);
        RuleTestRunner.FileResult r = new RuleTestRunner().run(tf);
        assertEquals(List.of(), r.findings());
        List<RuleTestRunner.Status> st = r.cases().stream().map(RuleTestRunner.CaseResult::status).toList();
        assertEquals(List.of(RuleTestRunner.Status.PASS, RuleTestRunner.Status.PASS, RuleTestRunner.Status.PASS,
                RuleTestRunner.Status.PASS, RuleTestRunner.Status.PASS, RuleTestRunner.Status.FAIL), st);
        assertEquals(2, r.cases().getLast().messages().size()); // shell did not fire; sip fired unexpectedly
        // unknown rules in expectations are diagnostics
        TestFile bad = read("rules: [r.yaml]\ntests:\n  - name: x\n    event: {evt.type: open}\n    expect: {silent: [nope]}\n");
        assertEquals(List.of("5:23 TEST_UNKNOWN_RULE"), new RuleTestRunner().run(bad).findings().stream().map(f -> f.line() + ":" + f.column() + " " + f.code()).toList());
        // a chain that does not load
        TestFile missing = read("rules: [nowhere.yaml]\ntests:\n  - name: x\n    event: {evt.type: open}\n    expect: {}\n");
        assertEquals("TEST_RULES", new RuleTestRunner().run(missing).findings().getFirst().code());
    }

    @Test
    void ancestorsAreCandidates() {
        SyntheticEvent e = new SyntheticEvent(java.util.Map.of("proc.aname", List.of("a", "b")), 0, 0);
        var r = dev.falcoc.compiler.schema.FieldResolver.get();
        try {
            Object v = SyntheticFields.INSTANCE.bind(r.resolveExact("proc.aname")).get(e);
            assertInstanceOf(Candidates.class, v);
            assertNull(SyntheticFields.INSTANCE.bind(r.resolveExact("fd.name")).get(e));
            assertEquals("<NA>", SyntheticFields.INSTANCE.text(r.resolveExact("fd.name"), e));
        } catch (dev.falcoc.compiler.schema.FieldResolver.FieldSyntaxException x) {
            throw new AssertionError(x);
        }
    }
}
