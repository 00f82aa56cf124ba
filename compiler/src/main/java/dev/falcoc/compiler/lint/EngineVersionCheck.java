package dev.falcoc.compiler.lint;

import dev.falcoc.compiler.load.Version;
import dev.falcoc.compiler.yaml.ScalarMap;
import dev.falcoc.compiler.yaml.YNode;
import dev.falcoc.grammar.ConditionParser;
import dev.falcoc.grammar.ParseException;
import dev.falcoc.grammar.ast.Expr;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * FALCOC_ENGINE_VERSION: constructs an older Falco does not load, from the version table of the
 * rules-language reference (section 0): transformers (0.38), regex and basename() (0.39), len()
 * (0.40), capture keys (0.42), and required_engine_version above the target's engine.
 */
final class EngineVersionCheck {
    private EngineVersionCheck() {}

    /** Falco release (major.minor) to its rules engine version. */
    static final Map<Version, Version> ENGINE = new TreeMap<>(Map.of(
            new Version(0, 38, 0), new Version(0, 40, 0),
            new Version(0, 39, 0), new Version(0, 43, 0),
            new Version(0, 40, 0), new Version(0, 46, 0),
            new Version(0, 41, 0), new Version(0, 50, 0),
            new Version(0, 42, 0), new Version(0, 57, 0),
            new Version(0, 43, 0), new Version(0, 58, 0),
            new Version(0, 44, 0), new Version(0, 62, 0)));

    private static final Version V37 = new Version(0, 37, 0), V38 = new Version(0, 38, 0), V39 = new Version(0, 39, 0),
            V40 = new Version(0, 40, 0), V42 = new Version(0, 42, 0);

    static Version engineOf(Version falco) {
        Version best = null;
        for (Map.Entry<Version, Version> e : ENGINE.entrySet()) if (e.getKey().compareTo(falco) <= 0) best = e.getValue();
        return best;
    }

    static void run(LintContext cx, Version target, java.util.Set<String> local) {
        Version engine = engineOf(new Version(target.major(), target.minor(), 0));
        for (LintContext.Doc d : cx.docs) {
            if (!local.contains(d.name())) continue;
            for (YNode doc : d.docs()) {
                if (doc == null || !doc.isSequence()) continue;
                for (YNode item : doc.items) {
                    if (!item.isMap()) continue;
                    String kind = item.has("rule") ? "rule" : item.has("macro") ? "macro" : item.has("list") ? "list" : "";
                    YNode nameNode = kind.isEmpty() ? null : item.get(kind);
                    String name = nameNode != null && nameNode.isScalar() ? nameNode.value : "";
                    YNode req = item.get("required_engine_version");
                    if (req != null && req.isScalar() && engine != null) {
                        Version v = Version.parse(req.value);
                        if (v == null && req.value.matches("\\d+")) v = new Version(0, Long.parseLong(req.value), 0);
                        if (v != null && engine.compareTo(v) < 0) {
                            report(cx, d, req, "required_engine_version", "", "the rules require engine version " + v + ", but Falco "
                                    + target + " has engine version " + engine);
                        }
                    }
                    if (kind.isEmpty()) continue;
                    for (String key : List.of("capture", "capture_duration")) {
                        if (item.keyNode(key) != null && target.compareTo(V42) < 0) {
                            report(cx, d, item.keyNode(key), kind, name, "the '" + key + "' key needs Falco 0.42 or later (target: " + target + ")");
                        }
                    }
                    if (item.keyNode("override") != null && target.compareTo(V37) < 0) {
                        report(cx, d, item.keyNode("override"), kind, name, "the 'override' key needs Falco 0.37 or later (target: " + target + ")");
                    }
                    YNode cond = item.get("condition");
                    if (cond != null && cond.isScalar() && !cond.value.isEmpty()) condition(cx, d, cond, kind, name, target);
                    YNode exs = item.get("exceptions");
                    if (exs != null && exs.isSequence()) {
                        for (YNode ex : exs.items) {
                            YNode comps = ex.isMap() ? ex.get("comps") : null;
                            if (comps == null) continue;
                            for (YNode c : comps.isSequence() ? comps.items : List.of(comps)) {
                                if (c.isScalar() && c.value.equals("regex") && target.compareTo(V39) < 0) {
                                    report(cx, d, c, kind, name, "the 'regex' operator needs Falco 0.39 or later (target: " + target + ")");
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static void condition(LintContext cx, LintContext.Doc d, YNode cond, String kind, String name, Version target) {
        Expr ast;
        try {
            ast = ConditionParser.parse(cond.value);
        } catch (ParseException | StackOverflowError e) {
            return;
        }
        int[] offsets = ScalarMap.offsets(d.content(), cond);
        Conditions.walk(ast, e -> {
            String what = null;
            Version needs = null;
            if (e instanceof Expr.BinaryCheck b && b.op().equals("regex")) { what = "the 'regex' operator"; needs = V39; }
            if (e instanceof Expr.Transformer t) {
                needs = switch (t.name()) {
                    case "basename" -> V39;
                    case "len" -> V40;
                    default -> V38;
                };
                what = "the " + t.name() + "() transformer";
            }
            if (what != null && target.compareTo(needs) < 0) {
                int idx = Math.clamp(e.pos().idx(), 0, Math.max(0, offsets.length - 1));
                YNode at = cond;
                int off = offsets.length == 0 ? cond.offset : offsets[idx];
                cx.out.add(new dev.falcoc.compiler.diag.Diagnostic(LintCode.FALCOC_ENGINE_VERSION.severity(), LintCode.FALCOC_ENGINE_VERSION.name(),
                        what + " needs Falco " + needs.major() + "." + needs.minor() + " or later (target: " + target + ")",
                        LintContext.at(d.name(), at, kind, name).withExact(d.name(), off), null, false));
            }
        });
    }

    private static void report(LintContext cx, LintContext.Doc d, YNode at, String kind, String name, String message) {
        cx.report(LintCode.FALCOC_ENGINE_VERSION, message, LintContext.at(d.name(), at, kind, name));
    }
}
