package dev.falcoc.compiler.report;

import dev.falcoc.compiler.diag.Codes;
import dev.falcoc.compiler.diag.Context;
import dev.falcoc.compiler.diag.Diagnostic;
import dev.falcoc.compiler.diag.Location;
import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.load.Infos;
import dev.falcoc.grammar.ast.AstPrinter;
import dev.falcoc.grammar.ast.Expr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** JSON shaped like Falco's -V (falco_load_results) and -L (rules, macros, lists) output. */
public final class FalcoJson {
    private FalcoJson() {}

    public static Map<String, Object> loadResults(List<LoadResult> results) {
        List<Object> arr = new ArrayList<>();
        for (LoadResult r : results) arr.add(loadResult(r));
        Map<String, Object> o = Json.obj();
        o.put("falco_load_results", arr);
        return o;
    }

    public static Map<String, Object> loadResult(LoadResult r) {
        Map<String, Object> o = Json.obj();
        o.put("errors", diags(r.errors, r));
        o.put("name", r.name);
        o.put("schema_valid", r.schemaValid);
        o.put("schema_warnings", r.schemaWarnings);
        o.put("successful", r.successful());
        o.put("warnings", diags(r.warnings, r));
        List<Diagnostic> addErr = r.additional.stream().filter(d -> d.severity() == dev.falcoc.compiler.diag.Severity.ERROR).toList();
        List<Diagnostic> addWarn = r.additional.stream().filter(d -> d.severity() != dev.falcoc.compiler.diag.Severity.ERROR).toList();
        o.put("additional_errors", diags(addErr, r));
        o.put("additional_warnings", diags(addWarn, r));
        return o;
    }

    private static List<Object> diags(List<Diagnostic> ds, LoadResult r) {
        List<Object> out = new ArrayList<>();
        for (Diagnostic d : ds) out.add(diag(d, r));
        return out;
    }

    public static Map<String, Object> diag(Diagnostic d, LoadResult r) {
        Map<String, Object> o = Json.obj();
        o.put("code", d.code());
        o.put("codedesc", Codes.description(d.code()));
        o.put("context", context(d.context(), r.content));
        if (d.deprecatedField() != null) o.put("deprecated_field", d.deprecatedField());
        o.put("message", d.message());
        Location ex = d.context().exactLocation();
        if (ex.exactOffset() >= 0 && ex.file() != null) {
            int[] lc = lineCol(ex.file().equals(r.name) ? r.content : null, ex.exactOffset());
            if (lc != null) {
                Map<String, Object> p = Json.obj();
                p.put("file", ex.file());
                p.put("line", lc[0]);
                p.put("column", lc[1]);
                o.put("falcoc_position", p);
            }
        }
        return o;
    }

    /** 1-based line and column of a character offset; null when the text is unknown. */
    public static int[] lineCol(String text, int offset) {
        if (text == null) return null;
        int line = 1, col = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') { line++; col = 1; } else col++;
        }
        return new int[] {line, col};
    }

    private static Map<String, Object> context(Context ctx, String content) {
        Map<String, Object> o = Json.obj();
        List<Object> locs = new ArrayList<>();
        for (Location l : ctx.locations()) {
            Map<String, Object> lo = Json.obj();
            lo.put("item_name", l.itemName());
            lo.put("item_type", l.itemType());
            Map<String, Object> p = Json.obj();
            p.put("column", l.position().column());
            p.put("line", l.position().line());
            p.put("name", l.position().name());
            p.put("offset", l.position().offset());
            lo.put("position", p);
            locs.add(lo);
        }
        o.put("locations", locs);
        o.put("snippet", Snippets.falco(ctx, content));
        return o;
    }

    // ------------------------------------------------------------------ -L

    public static Map<String, Object> describe(RulesEngine engine) {
        RulesEngine.CompileOutput out = engine.output();
        Map<String, Object> o = Json.obj();
        List<Object> lists = new ArrayList<>(), macros = new ArrayList<>(), rules = new ArrayList<>();
        if (out != null) {
            for (Compiled.CList l : out.lists().values()) lists.add(list(l));
            for (Compiled.CMacro m : out.macros().values()) macros.add(macro(m, engine, out));
            for (Compiled.CRule r : out.rules().values()) rules.add(rule(r, engine, out));
        }
        o.put("lists", lists);
        o.put("macros", macros);
        o.put("required_engine_version", out == null || out.requiredEngineVersion() == null ? "0.0.0" : out.requiredEngineVersion().toString());
        List<Object> plugins = new ArrayList<>();
        if (out != null) {
            for (List<Infos.PluginRequirement> g : out.pluginRequirements()) {
                Map<String, Object> p = Json.obj();
                List<Object> alts = new ArrayList<>();
                for (int i = 1; i < g.size(); i++) {
                    Map<String, Object> a = Json.obj();
                    a.put("name", g.get(i).name());
                    a.put("version", g.get(i).version());
                    alts.add(a);
                }
                p.put("alternatives", alts);
                p.put("name", g.getFirst().name());
                p.put("version", g.getFirst().version());
                plugins.add(p);
            }
        }
        o.put("required_plugin_versions", plugins);
        o.put("rules", rules);
        return o;
    }

    private static Map<String, Object> list(Compiled.CList l) {
        Map<String, Object> d = Json.obj();
        d.put("items_compiled", l.items);
        d.put("lists", l.lists);
        d.put("plugins", List.of());
        d.put("used", l.used);
        Map<String, Object> info = Json.obj();
        info.put("items", l.rawItems);
        info.put("name", l.name);
        Map<String, Object> o = Json.obj();
        o.put("details", d);
        o.put("info", info);
        return o;
    }

    private static Map<String, Object> macro(Compiled.CMacro m, RulesEngine engine, RulesEngine.CompileOutput out) {
        Details det = Details.of(m.condition, out);
        Map<String, Object> d = Json.obj();
        d.put("condition_compiled", AstPrinter.print(m.ast));
        d.put("condition_fields", det.fields);
        d.put("condition_operators", det.operators);
        d.put("events", engine.listedEventNames(engine.macroEvents(m.ast), m.ast));
        d.put("lists", det.lists);
        d.put("macros", det.macros);
        d.put("plugins", List.of());
        d.put("used", m.used);
        Map<String, Object> info = Json.obj();
        info.put("condition", m.condition);
        info.put("name", m.name);
        Map<String, Object> o = Json.obj();
        o.put("details", d);
        o.put("info", info);
        return o;
    }

    private static Map<String, Object> rule(Compiled.CRule r, RulesEngine engine, RulesEngine.CompileOutput out) {
        Details det = Details.of(r.conditionText, out);
        Details compiled = Details.ofAst(r.ast);
        Map<String, Object> d = Json.obj();
        d.put("condition_compiled", AstPrinter.print(r.ast));
        d.put("condition_fields", compiled.fields);
        d.put("condition_operators", compiled.operators);
        d.put("events", r.source.equals("syscall") ? engine.listedEventNames(r.events, r.ast) : engine.eventNames(r.events));
        d.put("exception_fields", r.exceptionFields);
        d.put("exception_names", r.exceptionNames);
        d.put("exception_operators", r.exceptionOperators);
        d.put("lists", det.lists);
        d.put("macros", det.macros);
        d.put("output_compiled", r.outputCompiled);
        Set<String> of = new LinkedHashSet<>();
        for (var t : r.outputTokens) of.add(t.field());
        d.put("output_fields", of);
        boolean container = of.stream().anyMatch(f -> f.startsWith("container.") || f.startsWith("k8s."))
                || compiled.fields.stream().anyMatch(f -> f.startsWith("container.") || f.startsWith("k8s."));
        d.put("plugins", container ? List.of("container") : List.of());
        Map<String, Object> info = Json.obj();
        info.put("capture", r.capture);
        info.put("capture_duration", r.captureDuration);
        info.put("condition", r.conditionText);
        info.put("description", r.description);
        info.put("enabled", r.enabled);
        info.put("name", r.name);
        info.put("output", r.output);
        info.put("priority", r.priority.display());
        info.put("source", r.source);
        info.put("tags", r.tags);
        Map<String, Object> o = Json.obj();
        o.put("details", d);
        o.put("info", info);
        return o;
    }

    /** Falco's filter_details: macros and lists named in a condition, fields and operators used. */
    static final class Details {
        final Set<String> macros = new LinkedHashSet<>(), lists = new LinkedHashSet<>();
        final Set<String> fields = new LinkedHashSet<>(), operators = new LinkedHashSet<>();

        static Details of(String condition, RulesEngine.CompileOutput out) {
            Details d = new Details();
            try {
                d.visit(dev.falcoc.grammar.ConditionParser.parse(condition), out, false);
            } catch (dev.falcoc.grammar.ParseException e) {
                // the raw condition may only parse after list substitution
            }
            return d;
        }

        static Details ofAst(Expr e) {
            Details d = new Details();
            d.visit(e, null, false);
            return d;
        }

        private void visit(Expr e, RulesEngine.CompileOutput out, boolean expectList) {
            switch (e) {
                case Expr.And a -> a.children().forEach(c -> visit(c, out, false));
                case Expr.Or o -> o.children().forEach(c -> visit(c, out, false));
                case Expr.Not n -> visit(n.child(), out, false);
                case Expr.Identifier i -> { if (out != null && out.macros().containsKey(i.name())) macros.add(i.name()); }
                case Expr.ListValue l -> {
                    if (expectList && out != null) for (String v : l.values()) if (out.lists().containsKey(v)) lists.add(v);
                }
                case Expr.UnaryCheck u -> { visit(u.left(), out, false); operators.add(u.op()); }
                case Expr.BinaryCheck b -> { visit(b.left(), out, false); operators.add(b.op()); visit(b.right(), out, true); }
                case Expr.Field f -> fields.add(f.fullName());
                case Expr.Transformer t -> visit(t.child(), out, false);
                default -> { }
            }
        }
    }
}
