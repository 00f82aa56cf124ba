package dev.falcoc.runtime.engine;

import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.load.Priority;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Falco's evttype-indexed ruleset: the rules at or above the priority threshold, and for each
 * event code the enabled rules in the order they were enabled (Falco appends a rule to each of its
 * event codes' lists when it is enabled and removes it when disabled, so re-enabling moves it last).
 */
public final class RuleTable {
    /** One loaded rule: its id (position in the compiled ruleset) and definition. */
    public record Entry(int id, Compiled.CRule rule) {
        // written out: the generated record methods are linked on first use, a measurable part of a replay's start
        @Override public boolean equals(Object o) { return o instanceof Entry x && x.id == id && x.rule == rule; }
        @Override public int hashCode() { return id; }
    }

    private final List<Entry> all = new ArrayList<>();
    private final List<List<Entry>> byCode = new ArrayList<>();
    private final java.util.LinkedHashSet<Entry> enabled = new java.util.LinkedHashSet<>();

    /**
     * Builds the table as Falco's load_rules does: every rule of {@code rules} (definition order)
     * whose priority is at least {@code minPriority} is added, then enabled unless it says
     * {@code enabled: false}.
     */
    public RuleTable(Collection<Compiled.CRule> rules, Priority minPriority) {
        int id = 0;
        for (Compiled.CRule r : rules) {
            if (r.priority.ordinal() <= minPriority.ordinal()) all.add(new Entry(id, r));
            id++;
        }
        for (Entry e : all) {
            if (e.rule().enabled) add(e);
            else remove(e);
        }
    }

    public List<Entry> loaded() { return all; }

    /** Enabled rules in enabling order. */
    public List<Entry> enabled() { return new ArrayList<>(enabled); }

    /** Candidate rules per event code, in evaluation order. */
    public List<List<Entry>> byCode() { return byCode; }

    // ------------------------------------------------------------------ selection (Falco semantics)

    /** enable_rule / -D: pattern is a substring of the name; "" matches every rule. */
    public void setBySubstring(String pattern, boolean enable) {
        apply(e -> pattern.isEmpty() || e.rule().name.contains(pattern), enable);
    }

    /** enable_rule_exact: the whole name; "" matches every rule. */
    public void setExact(String name, boolean enable) {
        apply(e -> name.isEmpty() || e.rule().name.equals(name), enable);
    }

    /** enable_rule_wildcard: the rules: section's rule entries. */
    public void setByWildcard(String pattern, boolean enable) {
        apply(e -> matchesWildcard(pattern, e.rule().name), enable);
    }

    /** enable_rule_by_tag: rules carrying any of the tags. */
    public void setByTags(Set<String> tags, boolean enable) {
        apply(e -> e.rule().tags.stream().anyMatch(tags::contains), enable);
    }

    private void apply(Predicate<Entry> p, boolean enable) {
        for (Entry e : all) {
            if (!p.test(e)) continue;
            if (enable) add(e); else remove(e);
        }
    }

    private void add(Entry e) {
        if (!enabled.add(e)) return;
        for (int code = e.rule().events.nextSetBit(0); code >= 0; code = e.rule().events.nextSetBit(code + 1)) {
            while (byCode.size() <= code) byCode.add(new ArrayList<>());
            List<Entry> l = byCode.get(code);
            if (!l.contains(e)) l.add(e);
        }
    }

    private void remove(Entry e) {
        if (!enabled.remove(e)) return;
        for (int code = e.rule().events.nextSetBit(0); code >= 0; code = e.rule().events.nextSetBit(code + 1)) {
            if (code < byCode.size()) byCode.get(code).remove(e);
        }
    }

    /** Falco's matches_wildcard: '*' matches any run of characters, everything else literally. */
    public static boolean matchesWildcard(String pattern, String s) {
        int star = pattern.indexOf('*');
        if (star < 0) return pattern.equals(s);
        if (star == 0) {
            int next = 0;
            while (next < pattern.length() && pattern.charAt(next) == '*') next++;
            if (next == pattern.length()) return true;
            String rest = pattern.substring(next);
            int nextStar = rest.indexOf('*');
            String lit = nextStar < 0 ? rest : rest.substring(0, nextStar);
            int at = s.indexOf(lit);
            if (at < 0) return false;
            return matchesWildcard(rest.substring(lit.length()), s.substring(at + lit.length()));
        }
        if (s.length() < star || !pattern.regionMatches(0, s, 0, star)) return false;
        return matchesWildcard(pattern.substring(star), s.substring(star));
    }
}
