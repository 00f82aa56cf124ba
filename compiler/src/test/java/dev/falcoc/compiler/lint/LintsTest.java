package dev.falcoc.compiler.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.falcoc.compiler.chain.ChainCheck;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.load.Version;
import dev.falcoc.compiler.report.Finding;
import dev.falcoc.compiler.report.SourceFile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every lint on a positive case (exact position and message) and on a near miss that must stay silent. */
class LintsTest {
    /** Checks name/content pairs as one chain; returns "file:line:col CODE message" for each lint. */
    static List<String> lints(Version target, String... nameContent) {
        List<ChainCheck.Input> inputs = new ArrayList<>();
        for (int i = 0; i < nameContent.length; i += 2) {
            inputs.add(new ChainCheck.Input(SourceFile.plain(nameContent[i], nameContent[i], nameContent[i + 1]), true));
        }
        ChainCheck.Result r = ChainCheck.run(inputs, List.of(), new ChainCheck.Options(RulesEngine.Options.defaults(), false, true, target));
        List<String> out = new ArrayList<>();
        for (Finding f : r.findings()) {
            if (f.severity() == dev.falcoc.compiler.diag.Severity.ERROR && !f.lint()) throw new AssertionError("test rules do not load: " + f.oneLine());
            if (f.lint()) out.add(f.path() + ":" + f.line() + ":" + f.column() + " " + f.code() + " " + f.message());
        }
        return out;
    }

    static List<String> lints(String... nameContent) { return lints(null, nameContent); }

    static String rule(String name, String condition, String output) {
        return "- rule: " + name + "\n  desc: d\n  condition: " + condition + "\n  output: \"" + output + "\"\n  priority: INFO\n";
    }

    @Test
    void neverFires() {
        String rules = """
                - macro: never_true
                  condition: (evt.num=0)
                - list: empty_list
                  items: []
                """
                + rule("Two types", "evt.type = open and evt.type = execve", "o")
                + rule("Placeholder", "evt.type = execve and never_true", "o")
                + rule("Empty", "evt.type = execve and proc.name in (empty_list)", "o")
                + rule("Names", "evt.type = execve and proc.name = a and proc.name in (b, c)", "o")
                + rule("Fine", "evt.type = execve and not never_true and proc.name in (a, b) and proc.name = a", "o")
                + rule("Ancestors", "evt.type = execve and proc.aname = a and proc.aname = b", "o");
        assertEquals(List.of(
                "r.yaml:7:14 FALCOC_NEVER_FIRES rule 'Two types' can never fire: its evt.type checks leave no event type",
                "r.yaml:12:14 FALCOC_NEVER_FIRES rule 'Placeholder' can never fire: 'evt.num = 0' is always false (events are numbered from 1; this is the never_true idiom)",
                "r.yaml:17:14 FALCOC_NEVER_FIRES rule 'Empty' can never fire: 'proc.name in ()' compares with an empty list, which is always false",
                "r.yaml:22:54 FALCOC_NEVER_FIRES rule 'Names' can never fire: 'proc.name = a' and 'proc.name in (b, c)' cannot both be true"),
                lints("r.yaml", rules));
    }

    @Test
    void shadowedRule() {
        String rules = rule("Any shell", "evt.type = execve and proc.name = bash", "o")
                + rule("Shell with args", "evt.type = execve and proc.name = bash and proc.args contains x", "o")
                + rule("Open shell", "evt.type in (open, execve) and proc.name = bash and proc.args contains x", "o")
                + rule("Other shell", "evt.type = execve and proc.name = zsh and proc.args contains x", "o");
        assertEquals(List.of("r.yaml:6:3 FALCOC_SHADOWED_RULE rule 'Shell with args' never fires under rule_matching: first: the earlier rule 'Any shell' "
                        + "matches every event it matches (its conditions are a subset of this rule's)"),
                lints("r.yaml", rules), "'Open shell' also matches open events, which 'Any shell' does not");
        // order decides: the specific rule first is fine, a disabled general rule shadows nothing
        assertEquals(List.of(), lints("r.yaml", rule("Shell with args", "evt.type = execve and proc.name = bash and proc.args contains x", "o")
                + rule("Any shell", "evt.type = execve and proc.name = bash", "o")));
        assertEquals(List.of(), lints("r.yaml", rule("Any shell", "evt.type = execve and proc.name = bash", "o") + "  enabled: false\n"
                + rule("Shell with args", "evt.type = execve and proc.name = bash and proc.args contains x", "o")));
    }

    @Test
    void fieldNeverSet() {
        String rules = rule("Exec", "evt.type in (execve, execveat) and proc.name = bash", "exec %proc.name file=%fd.name arg=%evt.arg.name")
                + "  exceptions:\n    - name: by_file\n      fields: [fd.directory]\n      values: [[/tmp]]\n"
                + rule("Open", "evt.type = openat and proc.name = bash", "open %fd.name %evt.arg.name %proc.name")
                + rule("Any", "proc.name = bash and evt.type != open", "x %fd.name");
        assertEquals(List.of(
                "r.yaml:4:33 FALCOC_FIELD_NEVER_SET output field 'fd.name' never has a value for the rule's event types (execve, execveat): none of them has a file descriptor; the output prints <NA>",
                "r.yaml:4:46 FALCOC_FIELD_NEVER_SET output field 'evt.arg.name' never has a value for the rule's event types (execve, execveat): none of them has a parameter 'name'; the output prints <NA>",
                "r.yaml:7:7 FALCOC_FIELD_NEVER_SET exception field 'fd.directory' never has a value for the rule's event types (execve, execveat): none of them has a file descriptor; exception 'by_file' never matches"),
                lints("r.yaml", rules));
    }

    @Test
    void overrideNoTarget() {
        String upstream = """
                - list: shell_binaries
                  items: [bash, sh]
                - macro: spawned_process
                  condition: evt.type = execve
                - macro: unused_hook
                  condition: proc.name = x
                - macro: uses_unused_hook
                  condition: unused_hook
                """ + rule("Shell", "spawned_process and proc.name in (shell_binaries)", "o");
        String local = """
                - list: shell_binarys
                  items: [zsh]
                  override:
                    items: replace
                - list: shell_binaries
                  items: [fish]
                  override:
                    items: append
                - macro: unused_hook
                  condition: or proc.name = y
                  override:
                    condition: append
                """;
        assertEquals(List.of(
                "local.yaml:4:5 FALCOC_OVERRIDE_NO_TARGET 'override: items: replace' on list 'shell_binarys', but no list by that name is defined before: this defines a new list (misspelled name?)",
                "local.yaml:9:3 FALCOC_OVERRIDE_NO_TARGET append to macro 'unused_hook' has no effect: no rule of the chain uses it"),
                lints("upstream.yaml", upstream, "local.yaml", local).stream().filter(l -> l.startsWith("local.yaml")).toList());
    }

    @Test
    void appendDeprecatedWithEquivalentOverride() {
        String rules = rule("Shell", "evt.type = execve and proc.name in (shells)", "o") + """
                - list: shells
                  items: [bash]
                - list: shells
                  items: [zsh]
                  append: true
                - rule: Shell
                  condition: and proc.pname = x
                  exceptions:
                    - name: e
                      fields: [proc.cmdline]
                      values: [[x]]
                  append: true
                - rule: Shell
                  enabled: false
                """;
        assertEquals(List.of(
                "r.yaml:10:3 FALCOC_APPEND_DEPRECATED 'append: true' is deprecated; replace it with 'override: {items: append}'",
                "r.yaml:17:3 FALCOC_APPEND_DEPRECATED 'append: true' is deprecated; replace it with 'override: {condition: append, exceptions: append}'",
                "r.yaml:19:3 FALCOC_APPEND_DEPRECATED the standalone 'enabled' key is deprecated; add 'override: {enabled: replace}' next to 'enabled: false'"),
                lints("r.yaml", rules));
    }

    @Test
    void costlyPattern() {
        String rules = rule("Regex on opens", "evt.type = openat and fd.name regex '.*[.]key'", "o")
                + rule("Guarded glob", "evt.type = openat and fd.name startswith /proc/ and fd.name glob '/proc/*/environ'", "o")
                + rule("Ancestors on opens", "evt.type = openat and evt.is_open_read = true and proc.aname = sshd", "o")
                + rule("Indexed ancestor", "evt.type = openat and proc.aname[2] = sshd", "o")
                + rule("Regex on execs", "evt.type = execve and proc.cmdline regex 'x.*'", "o");
        assertEquals(List.of(
                "r.yaml:3:36 FALCOC_COSTLY_PATTERN rule 'Regex on opens' runs 'regex' on fd.name on hot event types (openat)",
                "r.yaml:13:64 FALCOC_COSTLY_PATTERN rule 'Ancestors on opens' runs proc.aname (every ancestor) on hot event types (openat)"),
                lints("r.yaml", rules));
    }

    @Test
    void duplicateListItem() {
        String rules = """
                - list: a
                  items: [x, y, x]
                - list: a
                  items: [y]
                  override:
                    items: append
                - list: b
                  items: [x]
                - list: b
                  items: [x]
                """ + rule("R", "evt.type = execve and proc.name in (a, b)", "o");
        assertEquals(List.of(
                "r.yaml:2:17 FALCOC_DUPLICATE_LIST_ITEM item 'x' is already in list 'a'",
                "r.yaml:4:11 FALCOC_DUPLICATE_LIST_ITEM item 'y' is already in list 'a'"),
                lints("r.yaml", rules), "a redefinition replaces the items, so b has no duplicate");
    }

    @Test
    void unusedAcrossTheChain() {
        String rules = """
                - list: only_for_dead_macro
                  items: [x]
                - macro: dead_helper
                  condition: proc.name in (only_for_dead_macro)
                - macro: dead_macro
                  condition: dead_helper
                - macro: live
                  condition: evt.type = execve
                """ + rule("R", "live", "o");
        List<String> l = lints("r.yaml", rules);
        assertEquals(List.of(
                "r.yaml:1:3 FALCOC_UNUSED_ITEM list 'only_for_dead_macro' is not used by any rule of the chain, only by macros or lists no rule uses",
                "r.yaml:3:3 FALCOC_UNUSED_ITEM macro 'dead_helper' is not used by any rule of the chain, only by macros or lists no rule uses"),
                l, "dead_macro itself is Falco's LOAD_UNUSED_MACRO");
    }

    @Test
    void engineVersion() {
        String rules = """
                - required_engine_version: 0.50.0
                """ + rule("R", "evt.type = execve and basename(proc.exepath) = sh and proc.cmdline regex 'x' and len(proc.args) > 2", "o")
                + "  capture: true\n";
        assertEquals(List.of(
                "r.yaml:1:28 FALCOC_ENGINE_VERSION the rules require engine version 0.50.0, but Falco 0.38.1 has engine version 0.40.0",
                "r.yaml:4:36 FALCOC_ENGINE_VERSION the basename() transformer needs Falco 0.39 or later (target: 0.38.1)",
                "r.yaml:4:68 FALCOC_ENGINE_VERSION the 'regex' operator needs Falco 0.39 or later (target: 0.38.1)",
                "r.yaml:4:95 FALCOC_ENGINE_VERSION the len() transformer needs Falco 0.40 or later (target: 0.38.1)",
                "r.yaml:7:3 FALCOC_ENGINE_VERSION the 'capture' key needs Falco 0.42 or later (target: 0.38.1)"),
                lints(new Version(0, 38, 1), "r.yaml", rules));
        assertEquals(List.of(), lints(new Version(0, 42, 0), "r.yaml", rules));
    }
}
