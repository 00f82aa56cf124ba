package dev.falcoc.runtime.explain;

import dev.falcoc.compiler.report.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Text (a tree) and JSON (for the editor) forms of an {@link Explanation}. */
public final class ExplainReports {
    private ExplainReports() {}

    public static String text(Explanation e) {
        StringBuilder sb = new StringBuilder();
        sb.append("rule '").append(e.rule()).append("' on evt.type ").append(e.evtType());
        if (e.evtNum() > 0) sb.append(" (evt.num ").append(e.evtNum()).append(')');
        sb.append(", rule_matching: ").append(e.matching()).append('\n');
        sb.append("verdict: ").append(summary(e)).append("\n\n");
        node(e.tree(), "", "", sb);
        if (e.verdict() != e.matcherVerdict()) {
            sb.append("\nwarning: the compiled matcher says ").append(e.matcherVerdict()).append(", the interpreter ").append(e.verdict())
                    .append(" (please report this falcoc bug)\n");
        }
        return sb.toString();
    }

    static String summary(Explanation e) {
        if (!e.enabled()) return "not evaluated: the rule is disabled";
        if (!e.indexed()) return "not evaluated: the rule does not apply to evt.type " + e.evtType();
        if (e.shadowedBy() != null) {
            return "no alert: rule '" + e.shadowedBy() + "' matched this event first (rule_matching: first); this rule's condition is "
                    + e.verdict();
        }
        if (e.fired()) return "FIRES: the condition is true";
        if (e.suppressedBy() != null) return "no alert: the condition held but exception '" + e.suppressedBy() + "' suppressed the alert";
        return "no alert: the condition is false";
    }

    private static void node(Explanation.Node n, String first, String rest, StringBuilder sb) {
        sb.append(first);
        switch (n.kind()) {
            case "macro" -> sb.append("macro ").append(n.label());
            case "exception" -> sb.append("exception '").append(n.label()).append("'").append(n.result() ? " matched (suppresses the alert)" : " did not match");
            case "and", "or", "not" -> sb.append(n.kind());
            default -> sb.append(n.label());
        }
        if (!n.kind().equals("exception")) sb.append(" -> ").append(n.result());
        if (!n.evaluated()) sb.append("  (not reached: short-circuit)");
        if (!n.values().isEmpty()) {
            List<String> vs = new ArrayList<>();
            n.values().forEach((k, v) -> vs.add(k + "=" + v));
            sb.append("   [").append(String.join(", ", vs)).append(']');
        }
        sb.append('\n');
        for (Map.Entry<String, List<String>> l : n.lists().entrySet()) {
            sb.append(rest).append(n.children().isEmpty() ? "   " : "│  ").append("list ").append(l.getKey()).append(": (").append(String.join(", ", l.getValue())).append(")\n");
        }
        for (int i = 0; i < n.children().size(); i++) {
            boolean last = i == n.children().size() - 1;
            node(n.children().get(i), rest + (last ? "└─ " : "├─ "), rest + (last ? "   " : "│  "), sb);
        }
    }

    public static String json(Explanation e) {
        Map<String, Object> o = Json.obj();
        o.put("rule", e.rule());
        o.put("evt.type", e.evtType());
        if (e.evtNum() > 0) o.put("evt.num", e.evtNum());
        o.put("rule_matching", e.matching());
        o.put("enabled", e.enabled());
        o.put("applies_to_event_type", e.indexed());
        o.put("condition", e.verdict());
        o.put("matcher_condition", e.matcherVerdict());
        o.put("fires", e.fired());
        o.put("shadowed_by", e.shadowedBy());
        o.put("suppressed_by_exception", e.suppressedBy());
        o.put("summary", summary(e));
        o.put("tree", tree(e.tree()));
        return Json.write(o) + "\n";
    }

    private static Map<String, Object> tree(Explanation.Node n) {
        Map<String, Object> o = Json.obj();
        o.put("kind", n.kind());
        o.put("label", n.label());
        o.put("result", n.result());
        o.put("evaluated", n.evaluated());
        if (!n.values().isEmpty()) o.put("values", new java.util.LinkedHashMap<String, Object>(n.values()));
        if (!n.lists().isEmpty()) o.put("lists", new java.util.LinkedHashMap<String, Object>(n.lists()));
        if (!n.children().isEmpty()) o.put("children", n.children().stream().map(ExplainReports::tree).toList());
        return o;
    }
}
