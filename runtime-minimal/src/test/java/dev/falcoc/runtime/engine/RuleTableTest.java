package dev.falcoc.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.load.Priority;
import dev.falcoc.compiler.schema.EventTable;
import dev.falcoc.runtime.config.ConfigException;
import dev.falcoc.runtime.config.FalcoConfig;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleTableTest {
    static final String RULES = """
            - rule: open_a
              desc: d
              condition: evt.type = open and fd.name = /a
              output: o
              priority: WARNING
              tags: [filesystem, a]
            - rule: exec_b
              desc: d
              condition: evt.type = execve
              output: o
              priority: NOTICE
              tags: [process]
            - rule: open_c
              desc: d
              condition: evt.type in (open, openat)
              output: o
              priority: DEBUG
              tags: [filesystem]
            - rule: off_d
              desc: d
              condition: evt.type = open
              output: o
              priority: CRITICAL
              enabled: false
            """;

    static Collection<Compiled.CRule> rules() {
        RulesEngine e = new RulesEngine();
        LoadResult r = e.load("r.yaml", RULES);
        assertTrue(r.successful(), () -> r.errors.toString());
        return e.output().rules().values();
    }

    static List<String> names(RuleTable t) { return t.enabled().stream().map(x -> x.rule().name).toList(); }

    static List<String> openCandidates(RuleTable t) {
        int open = EventTable.get().codesFor("open").nextSetBit(0);
        for (int c = open; c >= 0; c = EventTable.get().codesFor("open").nextSetBit(c + 1)) {
            if (c < t.byCode().size() && !t.byCode().get(c).isEmpty()) return t.byCode().get(c).stream().map(x -> x.rule().name).toList();
        }
        return List.of();
    }

    @Test
    void enabledFalseAndThreshold() {
        RuleTable t = new RuleTable(rules(), Priority.DEBUG);
        assertEquals(List.of("open_a", "exec_b", "open_c"), names(t));
        RuleTable w = new RuleTable(rules(), Priority.WARNING);
        assertEquals(List.of("open_a"), names(w));
        // below the threshold a rule is not even loaded: enabling it by name has no effect
        w.setByWildcard("*", true);
        assertEquals(List.of("open_a", "off_d"), names(w));
    }

    @Test
    void reEnablingMovesARuleLastInItsEventLists() {
        RuleTable t = new RuleTable(rules(), Priority.DEBUG);
        assertEquals(List.of("open_a", "open_c"), openCandidates(t));
        t.setByWildcard("open_a", false);
        t.setByWildcard("open_a", true);
        assertEquals(List.of("open_c", "open_a"), openCandidates(t));
    }

    @Test
    void rulesSectionInOrder() throws ConfigException {
        RuleTable t = new RuleTable(rules(), Priority.DEBUG);
        RuleSelection.apply(t, List.of(), List.of(), List.of(), List.of(
                new FalcoConfig.Selection(false, "*", ""), new FalcoConfig.Selection(true, "", "filesystem"),
                new FalcoConfig.Selection(true, "off_*", ""), new FalcoConfig.Selection(false, "open_?", "")));
        assertEquals(List.of("open_a", "open_c", "off_d"), names(t));
    }

    @Test
    void legacyOptions() throws ConfigException {
        RuleTable d = new RuleTable(rules(), Priority.DEBUG);
        RuleSelection.apply(d, List.of("open"), List.of(), List.of(), List.of());
        assertEquals(List.of("exec_b"), names(d));
        RuleTable tt = new RuleTable(rules(), Priority.DEBUG);
        RuleSelection.apply(tt, List.of(), List.of("process", "a"), List.of(), List.of());
        assertEquals(List.of("open_c"), names(tt));
        RuleTable only = new RuleTable(rules(), Priority.DEBUG);
        RuleSelection.apply(only, List.of(), List.of(), List.of("filesystem"), List.of());
        assertEquals(List.of("open_a", "open_c"), names(only));
        assertThrows(ConfigException.class, () -> RuleSelection.apply(new RuleTable(rules(), Priority.DEBUG), List.of("x"), List.of(), List.of("y"), List.of()));
        assertThrows(ConfigException.class, () -> RuleSelection.apply(new RuleTable(rules(), Priority.DEBUG), List.of("x"), List.of(), List.of(),
                List.of(new FalcoConfig.Selection(true, "*", ""))));
    }

    @Test
    void falcoWildcards() {
        assertTrue(RuleTable.matchesWildcard("*", "anything"));
        assertTrue(RuleTable.matchesWildcard("Read*", "Read sensitive file"));
        assertTrue(RuleTable.matchesWildcard("*sensitive*", "Read sensitive file"));
        assertTrue(RuleTable.matchesWildcard("R*d*file", "Read sensitive file"));
        assertFalse(RuleTable.matchesWildcard("Read", "Read sensitive file"));
        assertFalse(RuleTable.matchesWildcard("Write*", "Read"));
        // Falco matches the first occurrence of a literal after a leading star, without backtracking
        assertFalse(RuleTable.matchesWildcard("*a", "aa"));
    }
}
