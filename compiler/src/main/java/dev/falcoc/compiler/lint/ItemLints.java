package dev.falcoc.compiler.lint;

import dev.falcoc.compiler.yaml.YNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lints over the items as written, replayed in load order: FALCOC_OVERRIDE_NO_TARGET,
 * FALCOC_APPEND_DEPRECATED and FALCOC_DUPLICATE_LIST_ITEM.
 */
final class ItemLints {
    private ItemLints() {}

    private static final Set<String> TRUE = Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");

    static void run(LintContext cx, Usage usage) {
        Set<String> lists = new HashSet<>(), macros = new HashSet<>();
        Map<String, Map<String, YNode>> listItems = new HashMap<>();
        record Change(String kind, String name, String content, YNode at) {}
        List<Change> changes = new ArrayList<>();
        for (LintContext.Doc d : cx.docs) {
            for (YNode doc : d.docs()) {
                if (doc == null || !doc.isSequence()) continue;
                for (YNode item : doc.items) {
                    if (!item.isMap()) continue;
                    boolean legacyAppend = item.get("append") != null && item.get("append").isScalar() && TRUE.contains(item.get("append").value);
                    YNode override = item.get("override");
                    if (item.has("list") && scalar(item.get("list"))) {
                        String name = item.get("list").value;
                        String op = overrideOp(override, "items");
                        boolean append = legacyAppend || "append".equals(op);
                        if ("replace".equals(op) && !lists.contains(name)) {
                            cx.report(LintCode.FALCOC_OVERRIDE_NO_TARGET, "'override: items: replace' on list '" + name
                                    + "', but no list by that name is defined before: this defines a new list (misspelled name?)",
                                    LintContext.at(d.name(), override.keyNode("items") != null ? override.keyNode("items") : item, "list", name));
                        }
                        if (legacyAppend) deprecated(cx, d, item, "list", name, "override: {items: append}");
                        if (append) changes.add(new Change("list", name, d.name(), item));
                        Map<String, YNode> seen = append ? listItems.computeIfAbsent(name, k -> new HashMap<>()) : new HashMap<>();
                        listItems.put(name, seen);
                        YNode items = item.get("items");
                        if (items != null && items.isSequence()) {
                            for (YNode i : items.items) {
                                if (!i.isScalar()) continue;
                                if (seen.containsKey(i.value)) {
                                    cx.report(LintCode.FALCOC_DUPLICATE_LIST_ITEM, "item '" + i.value + "' is already in list '" + name + "'",
                                            LintContext.at(d.name(), i, "list", name));
                                } else {
                                    seen.put(i.value, i);
                                }
                            }
                        }
                        lists.add(name);
                    } else if (item.has("macro") && scalar(item.get("macro"))) {
                        String name = item.get("macro").value;
                        String op = overrideOp(override, "condition");
                        if ("replace".equals(op) && !macros.contains(name)) {
                            cx.report(LintCode.FALCOC_OVERRIDE_NO_TARGET, "'override: condition: replace' on macro '" + name
                                    + "', but no macro by that name is defined before: this defines a new macro (misspelled name?)",
                                    LintContext.at(d.name(), override.keyNode("condition") != null ? override.keyNode("condition") : item, "macro", name));
                        }
                        if (legacyAppend) deprecated(cx, d, item, "macro", name, "override: {condition: append}");
                        if (legacyAppend || "append".equals(op)) changes.add(new Change("macro", name, d.name(), item));
                        macros.add(name);
                    } else if (item.has("rule") && scalar(item.get("rule"))) {
                        String name = item.get("rule").value;
                        if (legacyAppend) {
                            List<String> keys = new ArrayList<>();
                            for (String k : List.of("condition", "exceptions")) if (item.has(k)) keys.add(k);
                            List<String> parts = new ArrayList<>();
                            for (String k : keys) parts.add(k + ": append");
                            deprecated(cx, d, item, "rule", name, "override: {" + String.join(", ", parts) + "}");
                        } else if (override == null && item.has("enabled") && !item.has("condition") && !item.has("output")
                                && !item.has("desc") && !item.has("priority")) {
                            YNode en = item.get("enabled");
                            cx.report(LintCode.FALCOC_APPEND_DEPRECATED, "the standalone 'enabled' key is deprecated; add 'override: {enabled: replace}' next to 'enabled: "
                                    + (en.isScalar() ? en.value : "false") + "'",
                                    LintContext.at(d.name(), item.keyNode("enabled"), "rule", name));
                        }
                    }
                }
            }
        }
        // appends to macros and lists that no rule uses change nothing
        for (Change c : changes) {
            boolean used = c.kind().equals("list") ? usage.lists.contains(c.name()) : usage.macros.contains(c.name());
            boolean exists = c.kind().equals("list") ? cx.collector.lists().get(c.name()) != null : cx.collector.macros().get(c.name()) != null;
            if (!used && exists) {
                cx.report(LintCode.FALCOC_OVERRIDE_NO_TARGET, "append to " + c.kind() + " '" + c.name() + "' has no effect: no rule of the chain uses it",
                        LintContext.at(c.content(), c.at(), c.kind(), c.name()));
            }
        }
    }

    private static boolean scalar(YNode n) { return n != null && n.isScalar(); }

    private static String overrideOp(YNode override, String key) {
        if (override == null || !override.isMap()) return null;
        YNode v = override.get(key);
        return v != null && v.isScalar() ? v.value : null;
    }

    private static void deprecated(LintContext cx, LintContext.Doc d, YNode item, String kind, String name, String fix) {
        cx.report(LintCode.FALCOC_APPEND_DEPRECATED, "'append: true' is deprecated; replace it with '" + fix + "'",
                LintContext.at(d.name(), item.keyNode("append"), kind, name));
    }
}
