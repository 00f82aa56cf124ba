package dev.falcoc.lsp.features;

import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.schema.EventTable;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.grammar.ast.AstPrinter;
import dev.falcoc.lsp.model.FileModel;
import dev.falcoc.lsp.model.Item;
import dev.falcoc.lsp.model.Scalar;
import dev.falcoc.lsp.model.Sym;
import dev.falcoc.lsp.model.Tok;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;

/** Hover texts: fields, macros and lists with their expansion, rules with their event types. */
final class HoverBuilder {
    private static final Map<String, String> OPERATORS = Map.ofEntries(
            Map.entry("=", "equal"), Map.entry("==", "equal"), Map.entry("!=", "not equal"),
            Map.entry("<", "less than"), Map.entry("<=", "less than or equal"), Map.entry(">", "greater than"), Map.entry(">=", "greater than or equal"),
            Map.entry("contains", "the value contains the string (case sensitive)"), Map.entry("icontains", "the value contains the string (case insensitive)"),
            Map.entry("bcontains", "the buffer contains the hex-encoded bytes"), Map.entry("startswith", "the value starts with the string"),
            Map.entry("bstartswith", "the buffer starts with the hex-encoded bytes"), Map.entry("endswith", "the value ends with the string"),
            Map.entry("glob", "the value matches the glob pattern"), Map.entry("iglob", "the value matches the glob pattern (case insensitive)"),
            Map.entry("regex", "the value matches the regular expression (RE2, whole value)"),
            Map.entry("in", "the value equals one of the list's values"), Map.entry("intersects", "a list field and the list have a value in common"),
            Map.entry("pmatch", "the path is one of the listed paths or below one of them"), Map.entry("exists", "the field has a value for this event"));
    private static final Map<String, String> TRANSFORMERS = Map.of(
            "tolower", "lower-cases a string field", "toupper", "upper-cases a string field", "b64", "decodes a base64 field",
            "basename", "the last path component of a path field", "len", "the length of a string, buffer or list field",
            "val", "compares with another field's value (right-hand side)");

    private final Features f;

    HoverBuilder(Features f) { this.f = f; }

    Hover hover(String key, Position pos) {
        FileModel m = f.files.model(key);
        if (m == null) return null;
        Tok t = m.tokenAt(m.lines.offset(pos));
        if (t == null) return null;
        Sym s = FileModel.symOf(t, f.files.listNames());
        RulesEngine engine = f.files.engineFor(key);
        RulesEngine.CompileOutput out = engine == null ? null : engine.latestOutput();
        String md = switch (s) {
            case FIELD, OUTPUT_FIELD -> field(t.text());
            case MACRO, MACRO_DEF -> macro(t.text(), out);
            case LIST, LIST_DEF -> list(t.text(), out);
            case RULE_DEF -> rule(t.text(), out, engine);
            case OPERATOR -> OPERATORS.containsKey(t.text()) ? "operator `" + t.text() + "`: " + OPERATORS.get(t.text()) : null;
            case TRANSFORMER -> TRANSFORMERS.containsKey(t.text()) ? "transformer `" + t.text() + "(…)`: " + TRANSFORMERS.get(t.text()) : null;
            case EVENT_TYPE -> event(t.text());
            default -> null;
        };
        if (md == null) return null;
        Hover h = new Hover(new MarkupContent(MarkupKind.MARKDOWN, md));
        h.setRange(m.lines.range(t.start(), t.end()));
        return h;
    }

    static String field(String text) {
        FieldResolver.Resolved r;
        try {
            r = FieldResolver.get().resolvePrefix(text);
        } catch (FieldResolver.FieldSyntaxException e) {
            return "`" + text + "`: " + e.getMessage();
        }
        if (r == null) return "`" + text + "`: unknown field";
        var info = r.info();
        StringBuilder sb = new StringBuilder();
        sb.append("**").append(info.name()).append("**").append(r.arg() != null && !r.arg().isEmpty() ? " `[" + r.arg() + "]`" : "")
                .append(" — `").append(r.type().display()).append(r.list() ? " (list)" : "").append("`");
        if (info.deprecated()) sb.append(" — *deprecated*");
        if (info.filterOnly()) sb.append(" — *filter only*");
        sb.append("\n\n").append(FieldDocs.get().description(info));
        sb.append("\n\nHas a value on: ").append(FieldDocs.valuedOn(info, r.arg()));
        return sb.toString();
    }

    private List<String> definitions(Item.Kind kind, String name) {
        List<String> out = new ArrayList<>();
        for (String file : f.files.allFiles()) {
            FileModel m = f.files.model(file);
            if (m == null) continue;
            for (Item i : m.items) {
                if (i.kind != kind || !i.name.equals(name)) continue;
                String where = file.substring(file.lastIndexOf('/') + 1) + ":" + (m.lines.line(i.start()) + 1);
                if (kind == Item.Kind.MACRO) {
                    Scalar c = i.scalar(Scalar.Role.CONDITION);
                    out.add((i.modifies ? "appended in " : "defined in ") + where + "\n```\n" + (c == null ? "" : c.value.strip()) + "\n```");
                } else {
                    List<String> items = new ArrayList<>();
                    for (Scalar sc : i.scalars) if (sc.role == Scalar.Role.LIST_ITEM) items.add(sc.value);
                    out.add((i.modifies ? "appended in " : "defined in ") + where + ": `[" + String.join(", ", items) + "]`");
                }
            }
        }
        return out;
    }

    private String macro(String name, RulesEngine.CompileOutput out) {
        StringBuilder sb = new StringBuilder("**macro** `" + name + "`\n\n");
        List<String> defs = definitions(Item.Kind.MACRO, name);
        if (defs.isEmpty()) sb.append("not defined in the load chain\n");
        for (String d : defs) sb.append(d).append("\n\n");
        Compiled.CMacro cm = out == null ? null : out.macros().get(name);
        if (cm != null && cm.ast != null) {
            sb.append("expands to:\n```\n").append(AstPrinter.print(cm.ast)).append("\n```");
            if (!cm.used) sb.append("\n\n*not used by any rule or macro*");
        }
        return sb.toString();
    }

    private String list(String name, RulesEngine.CompileOutput out) {
        StringBuilder sb = new StringBuilder("**list** `" + name + "`\n\n");
        for (String d : definitions(Item.Kind.LIST, name)) sb.append(d).append("\n\n");
        Compiled.CList cl = out == null ? null : out.lists().get(name);
        if (cl != null) {
            sb.append("values (").append(cl.items.size()).append("): `").append(String.join(", ", cl.items.subList(0, Math.min(60, cl.items.size()))))
                    .append(cl.items.size() > 60 ? ", …" : "").append("`");
        }
        return sb.toString();
    }

    private String rule(String name, RulesEngine.CompileOutput out, RulesEngine engine) {
        Compiled.CRule r = out == null ? null : out.rules().get(name);
        StringBuilder sb = new StringBuilder("**rule** `" + name + "`");
        if (r == null) return sb.append("\n\nnot compiled (see the problems of the load chain)").toString();
        sb.append("\n\n").append(r.priority.display()).append(" · source `").append(r.source).append("`").append(r.enabled ? "" : " · **disabled**");
        if (r.tags != null && !r.tags.isEmpty()) sb.append(" · tags: ").append(String.join(", ", r.tags));
        if (r.description != null && !r.description.isBlank()) sb.append("\n\n").append(r.description.strip());
        BitSet ev = (BitSet) r.events.clone();
        ev.clear(EventTable.get().asyncEventCode());
        Set<String> names = engine.eventNames(ev);
        int all = EventTable.get().all().cardinality();
        sb.append("\n\nevent types (").append(names.size()).append("): ");
        if (ev.cardinality() >= all - 1) sb.append("**all** (no evt.type restriction)");
        else sb.append("`").append(String.join(", ", names)).append("`");
        if (!r.exceptionNames.isEmpty()) sb.append("\n\nexceptions: ").append(String.join(", ", r.exceptionNames));
        sb.append("\n\ncompiled condition:\n```\n").append(AstPrinter.print(r.ast)).append("\n```");
        return sb.toString();
    }

    private static String event(String name) {
        StringBuilder sb = new StringBuilder("**event type** `" + name + "`");
        boolean found = false;
        for (EventTable.Event e : EventTable.get().events()) {
            if (!e.name().equals(name)) continue;
            found = true;
            List<String> ps = new ArrayList<>();
            for (EventTable.Param p : e.params()) ps.add(p.name() + ": " + p.type().display());
            sb.append("\n\n").append(e.enter() ? "enter" : "exit").append(" event: ").append(ps.isEmpty() ? "no parameters" : String.join(", ", ps));
        }
        if (!found) sb.append(EventTable.get().isKnownEventType(name) ? "\n\nsyscall without a dedicated event (generic `syscall` event)" : "\n\nunknown event type");
        return sb.toString();
    }
}
