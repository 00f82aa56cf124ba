package dev.falcoc.lsp;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.Position;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Completion in every context, with the cursor marked § in the text. */
class CompletionTest {
    static LspClient c;
    static final String U = "file:///tmp/falcoc-test/complete.yaml";
    static final String DEFS = """
            - list: shell_binaries
              items: [bash, sh]
            - macro: spawned_process
              condition: evt.type = execve and evt.dir = <
            """;

    @BeforeAll
    static void start() throws Exception { c = new LspClient(LspClient.chain(List.of(), List.of()), null); }

    @AfterAll
    static void stop() throws Exception { c.close(); }

    static List<CompletionItem> complete(String text) throws Exception {
        Position p = c.open(U, text);
        return c.completion(U, p);
    }

    static Set<String> labels(List<CompletionItem> items) { return items.stream().map(CompletionItem::getLabel).collect(Collectors.toSet()); }

    static CompletionItem find(List<CompletionItem> items, String label) {
        return items.stream().filter(i -> i.getLabel().equals(label)).findFirst().orElseThrow(() -> new AssertionError(label + " not in " + labels(items)));
    }

    @Test
    void ruleKeysExceptThosePresent() throws Exception {
        Set<String> l = labels(complete("- rule: r\n  desc: d\n  pri§\n"));
        assertTrue(l.containsAll(Set.of("priority", "condition", "output", "exceptions", "override", "tags")), l.toString());
        assertFalse(l.contains("desc"));
        assertFalse(l.contains("items"));
    }

    @Test
    void macroListExceptionAndOverrideKeys() throws Exception {
        assertEquals(Set.of("condition", "override", "append"), labels(complete("- macro: m\n  §\n")));
        assertEquals(Set.of("items", "override", "append"), labels(complete("- list: l\n  §\n")));
        assertEquals(Set.of("name", "fields", "comps", "values"), labels(complete("- rule: r\n  exceptions:\n    - §\n")));
        Set<String> ov = labels(complete("- rule: r\n  condition: x\n  override:\n    con§\n"));
        assertTrue(ov.contains("condition") && ov.contains("priority") && ov.contains("enabled"), ov.toString());
        assertEquals(Set.of("append", "replace"), labels(complete("- rule: r\n  condition: x\n  override:\n    condition: §\n")));
        assertTrue(labels(complete("- rule: r\n  desc: x\n- §\n")).containsAll(Set.of("rule", "macro", "list", "required_engine_version")));
    }

    @Test
    void fieldsWithTypeAndDescription() throws Exception {
        List<CompletionItem> items = complete(DEFS + "- rule: r\n  condition: evt.type = execve and proc.na§\n");
        CompletionItem f = find(items, "proc.name");
        assertEquals("CHARBUF", f.getDetail());
        assertNull(f.getDocumentation(), "documentation comes with resolve");
        String doc = c.server().getTextDocumentService().resolveCompletionItem(f).get().getDocumentation().getRight().getValue();
        assertTrue(doc.contains("executable") && doc.contains("Has a value on:"), doc);
        // the edit replaces the dotted prefix, not only the last word part
        assertEquals("proc.na", Texts.at(Texts.clean(DEFS + "- rule: r\n  condition: evt.type = execve and proc.na§\n"), f.getTextEdit().getLeft().getRange()));
        assertTrue(labels(items).contains("spawned_process"), "macros at a check position");
        assertTrue(labels(items).contains("tolower()"), "transformers");
        assertEquals("fd.types (list)".substring(9), "(list)");
    }

    @Test
    void fieldArguments() throws Exception {
        Set<String> l = labels(complete("- rule: r\n  condition: proc.aname[§\n"));
        assertTrue(l.containsAll(Set.of("1", "2")), l.toString());
        assertTrue(labels(complete("- rule: r\n  condition: proc.env[§\n")).contains("HOME"));
    }

    @Test
    void operatorsValidForTheFieldType() throws Exception {
        Set<String> str = labels(complete("- rule: r\n  condition: proc.name §\n"));
        assertTrue(str.containsAll(Set.of("=", "in", "startswith", "glob", "contains", "exists", "pmatch")), str.toString());
        assertFalse(str.contains("bcontains"));
        Set<String> num = labels(complete("- rule: r\n  condition: proc.pid §\n"));
        assertTrue(num.containsAll(Set.of("=", "<", ">=", "in", "exists")), num.toString());
        assertFalse(num.contains("startswith"));
        assertFalse(num.contains("glob"));
    }

    @Test
    void listsAndEventTypes() throws Exception {
        Set<String> in = labels(complete(DEFS + "- rule: r\n  condition: proc.name in (§\n"));
        assertTrue(in.contains("shell_binaries"), in.toString());
        Set<String> ev = labels(complete(DEFS + "- rule: r\n  condition: evt.type in (open, §\n"));
        assertTrue(ev.containsAll(Set.of("openat", "execve", "connect", "shell_binaries")), ev.size() + "");
        assertTrue(labels(complete("- rule: r\n  condition: evt.type = exe§\n")).contains("execve"));
        assertTrue(labels(complete(DEFS + "- list: l2\n  items: [shell_binaries, §]\n")).contains("shell_binaries"));
    }

    @Test
    void afterACheckComeAndOr() throws Exception {
        assertEquals(Set.of("and", "or"), labels(complete(DEFS + "- rule: r\n  condition: spawned_process §\n")));
    }

    @Test
    void prioritiesSourcesAndBooleans() throws Exception {
        assertTrue(labels(complete("- rule: r\n  priority: §\n")).containsAll(Set.of("WARNING", "CRITICAL", "INFORMATIONAL")));
        assertTrue(labels(complete("- rule: r\n  priority: WAR§\n")).contains("WARNING"));
        assertTrue(labels(complete("- rule: r\n  source: §\n")).contains("syscall"));
        assertEquals(Set.of("true", "false"), labels(complete("- rule: r\n  enabled: §\n")));
    }

    @Test
    void outputFields() throws Exception {
        List<CompletionItem> items = complete("- rule: r\n  output: \"shell %proc.cm§ x\"\n");
        CompletionItem f = find(items, "proc.cmdline");
        assertEquals("proc.cm", Texts.at(Texts.clean("- rule: r\n  output: \"shell %proc.cm§ x\"\n"), f.getTextEdit().getLeft().getRange()));
        assertFalse(labels(items).contains("evt.around"), "filter-only fields cannot be printed");
        assertTrue(labels(complete("- rule: r\n  output: a %§\n")).contains("user.name"));
    }

    @Test
    void multiLineBlockCondition() throws Exception {
        Set<String> l = labels(complete(DEFS + "- rule: r\n  condition: >\n    spawned_process and\n    proc.name in (§)\n  output: x\n"));
        assertTrue(l.contains("shell_binaries"), l.toString());
    }

    @Test
    void exceptionFieldsAndComps() throws Exception {
        assertTrue(labels(complete("- rule: r\n  exceptions:\n    - name: e\n      fields: [proc.na§]\n")).contains("proc.name"));
        assertTrue(labels(complete("- rule: r\n  exceptions:\n    - name: e\n      fields: proc.name\n      comps: §\n")).contains("pmatch"));
    }
}
