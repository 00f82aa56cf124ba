package dev.falcoc.lsp.features;

import dev.falcoc.compiler.check.FilterChecker;
import dev.falcoc.compiler.load.Priority;
import dev.falcoc.compiler.schema.EventTable;
import dev.falcoc.compiler.schema.FieldCatalog;
import dev.falcoc.compiler.schema.FieldInfo;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.grammar.ConditionParser;
import dev.falcoc.lsp.model.CondLexer;
import dev.falcoc.lsp.model.FileModel;
import dev.falcoc.lsp.model.Item;
import dev.falcoc.lsp.model.Scalar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Completion by context: item keys and key values from the line being typed, and inside
 * conditions the grammar position (check, operator, value, list) from {@link CondLexer}.
 */
final class Completion {
    static final List<String> RULE_KEYS = List.of("rule", "desc", "condition", "output", "priority", "source", "enabled", "tags",
            "exceptions", "override", "append", "capture", "capture_duration", "warn_evttypes", "skip-if-unknown-filter");
    static final List<String> MACRO_KEYS = List.of("macro", "condition", "override", "append");
    static final List<String> LIST_KEYS = List.of("list", "items", "override", "append");
    static final List<String> EXCEPTION_KEYS = List.of("name", "fields", "comps", "values");
    static final List<String> TOP_KEYS = List.of("rule", "macro", "list", "required_engine_version", "required_plugin_versions");
    static final Map<String, List<String>> OVERRIDE_KEYS = Map.of(
            "rule", List.of("condition", "output", "desc", "priority", "tags", "exceptions", "enabled", "capture", "capture_duration",
                    "warn_evttypes", "skip-if-unknown-filter"),
            "macro", List.of("condition"), "list", List.of("items"));
    static final List<String> SOURCES = List.of("syscall", "k8s_audit", "aws_cloudtrail", "okta", "github", "gcp_auditlog", "k8smeta");
    static final Map<String, String> KEY_DOCS = Map.ofEntries(
            Map.entry("rule", "name of the rule"), Map.entry("desc", "what the rule detects"),
            Map.entry("condition", "filter expression on events"), Map.entry("output", "message with %fields, printed when the rule fires"),
            Map.entry("priority", "severity: EMERGENCY … DEBUG"), Map.entry("source", "event source (default syscall)"),
            Map.entry("enabled", "false disables the rule"), Map.entry("tags", "labels for filtering rules"),
            Map.entry("exceptions", "named tuples of field values that suppress the rule"),
            Map.entry("override", "append to or replace keys of an earlier definition"), Map.entry("append", "deprecated: use override"),
            Map.entry("items", "the list's values"), Map.entry("macro", "name of the macro"), Map.entry("list", "name of the list"));

    private static final Pattern KEY_LINE = Pattern.compile("^(\\s*)(-\\s+)?([A-Za-z_-]*)$");
    private static final Pattern VALUE_LINE = Pattern.compile("^(\\s*)(-\\s+)?([A-Za-z_-]+):\\s*(.*)$");

    private final Features f;

    Completion(Features f) { this.f = f; }

    CompletionList complete(String key, Position pos) {
        FileModel m = f.files.model(key);
        if (m == null) return new CompletionList(false, List.of());
        int offset = m.lines.offset(pos);
        int lineStart = m.lines.lineStart(m.lines.line(offset));
        String before = m.text.substring(lineStart, offset);
        List<CompletionItem> items = new ArrayList<>();
        Scalar s = m.yamlOk ? scalarAt(m, offset) : null;
        Matcher km = KEY_LINE.matcher(before);
        Matcher vm = VALUE_LINE.matcher(before);
        if ((s == null || s.role == Scalar.Role.OTHER) && km.matches()) {
            keys(m, offset, km, items);
        } else if (s != null && s.role != Scalar.Role.OTHER && s.role != Scalar.Role.NAME) {
            inScalar(m, s, offset, items);
        } else if (vm.matches()) {
            value(m, offset, vm, items);
        }
        return new CompletionList(false, items);
    }

    private static Scalar scalarAt(FileModel m, int offset) {
        Item i = m.itemAt(offset);
        if (i == null) return null;
        for (Scalar s : i.scalars) {
            if (offset >= s.start() && offset <= s.end() && !(s.node.style == dev.falcoc.compiler.yaml.YNode.Style.DOUBLE_QUOTED && offset == s.end() + 1)) return s;
        }
        return null;
    }

    // ------------------------------------------------------------------ keys and values

    private void keys(FileModel m, int offset, Matcher km, List<CompletionItem> items) {
        int indent = km.group(1).length() + (km.group(2) == null ? 0 : km.group(2).length());
        String prefix = km.group(3);
        Range r = m.lines.range(offset - prefix.length(), offset);
        List<String> ancestors = ancestors(m.text, m.lines, m.lines.line(offset), indent, km.group(2) == null ? -1 : km.group(1).length());
        List<String> keys;
        String kind = ancestors.isEmpty() ? null : ancestors.getLast();
        if (!ancestors.isEmpty() && ancestors.getFirst().equals("override")) {
            keys = OVERRIDE_KEYS.getOrDefault(kind, List.of());
            for (String k : keys) items.add(item(k, CompletionItemKind.Property, "override " + k, r, k + ": "));
            return;
        }
        if (ancestors.contains("exceptions")) keys = EXCEPTION_KEYS;
        else if (kind == null) keys = km.group(2) != null || indent == 0 ? TOP_KEYS : List.of();
        else keys = switch (kind) {
            case "rule" -> RULE_KEYS;
            case "macro" -> MACRO_KEYS;
            case "list" -> LIST_KEYS;
            default -> List.of();
        };
        Set<String> present = km.group(2) == null ? siblingKeys(m.text, m.lines, m.lines.line(offset), indent) : Set.of();
        boolean newItem = kind == null && km.group(2) == null && indent == 0;
        for (String k : keys) {
            if (present.contains(k)) continue;
            CompletionItem ci = item(k, CompletionItemKind.Property, KEY_DOCS.getOrDefault(k, k), r, (newItem ? "- " : "") + k + ": ");
            items.add(ci);
        }
    }

    /**
     * The keys of the enclosing mappings, nearest first, ending with the item kind (rule, macro,
     * list) when inside an item; found from indentation, so it works on half-typed YAML too.
     * {@code indent} is the column of the key being typed; {@code dashCol} that of its "- ", or -1.
     */
    static List<String> ancestors(String text, dev.falcoc.lsp.model.LineIndex lines, int line, int indent, int dashCol) {
        List<String> out = new ArrayList<>();
        // a "- " starts a new mapping: its parent is whatever holds the sequence
        int limit = dashCol >= 0 ? dashCol : indent;
        for (int l = line - 1; l >= 0 && limit > 0; l--) {
            String s = text.substring(lines.lineStart(l), lines.lineEnd(text, l));
            String t = s.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            int ind = s.length() - s.stripLeading().length();
            boolean dash = t.startsWith("- ") || t.equals("-");
            String body = dash ? t.substring(1).strip() : t;
            int keyInd = dash ? ind + (t.length() - body.length()) : ind;
            int colon = body.indexOf(':');
            String k = colon > 0 ? body.substring(0, colon).strip() : "";
            boolean itemKey = (k.equals("rule") || k.equals("macro") || k.equals("list")) && !out.contains("exceptions");
            if (dash && keyInd <= limit) {
                // the first key of the mapping we are in (or of an enclosing one)
                if (itemKey) {
                    out.add(k);
                    return out;
                }
                limit = ind;
            } else if (!dash && keyInd < limit) {
                if (!k.isEmpty()) out.add(k);
                limit = keyInd;
            }
        }
        return out;
    }

    /** Keys already written in the mapping being typed in (read from the text: it may not parse). */
    static Set<String> siblingKeys(String text, dev.falcoc.lsp.model.LineIndex lines, int line, int indent) {
        Set<String> out = new LinkedHashSet<>();
        for (int dir = -1; dir <= 1; dir += 2) {
            for (int l = line + dir; l >= 0 && l < lines.lineCount(); l += dir) {
                String s = text.substring(lines.lineStart(l), lines.lineEnd(text, l));
                String t = s.strip();
                if (t.isEmpty() || t.startsWith("#")) continue;
                int ind = s.length() - s.stripLeading().length();
                boolean dash = t.startsWith("- ");
                String body = dash ? t.substring(1).strip() : t;
                int keyInd = dash ? ind + (t.length() - body.length()) : ind;
                if (keyInd < indent || (dash && ind < indent && keyInd != indent)) break;
                if (keyInd == indent) {
                    int colon = body.indexOf(':');
                    if (colon > 0) out.add(body.substring(0, colon).strip());
                    if (dash) break;   // the first key of this mapping
                }
                if (dir == 1 && dash && keyInd == indent) break;
            }
        }
        return out;
    }

    private void value(FileModel m, int offset, Matcher vm, List<CompletionItem> items) {
        String k = vm.group(3), typed = vm.group(4);
        int wordStart = offset;
        while (wordStart > 0 && !Character.isWhitespace(m.text.charAt(wordStart - 1)) && m.text.charAt(wordStart - 1) != ':') wordStart--;
        Range r = m.lines.range(wordStart, offset);
        int indent = vm.group(1).length() + (vm.group(2) == null ? 0 : vm.group(2).length());
        List<String> anc = ancestors(m.text, m.lines, m.lines.line(offset), indent, vm.group(2) == null ? -1 : vm.group(1).length());
        if (!anc.isEmpty() && anc.getFirst().equals("override")) {
            for (String op : List.of("append", "replace")) items.add(item(op, CompletionItemKind.EnumMember, op + " the earlier " + k, r, op));
            return;
        }
        switch (k) {
            case "priority" -> {
                for (Priority p : Priority.values()) items.add(item(p.name(), CompletionItemKind.EnumMember, "priority " + p.display(), r, p.name()));
            }
            case "source" -> { for (String s : SOURCES) items.add(item(s, CompletionItemKind.EnumMember, "event source", r, s)); }
            case "enabled", "append", "capture", "warn_evttypes", "skip-if-unknown-filter" -> {
                items.add(item("true", CompletionItemKind.Keyword, k, r, "true"));
                items.add(item("false", CompletionItemKind.Keyword, k, r, "false"));
            }
            case "condition" -> condition(m, typed, offset, items);
            case "fields" -> fields(items, m.lines.range(wordStart, offset), false);
            case "items" -> lists(items, m.lines.range(wordStart, offset));
            case "comps" -> { for (String op : ConditionParser.allOperators()) items.add(item(op, CompletionItemKind.Operator, "comparison", r, op)); }
            default -> { }
        }
    }

    // ------------------------------------------------------------------ scalars

    private void inScalar(FileModel m, Scalar s, int offset, List<CompletionItem> items) {
        int idx = Math.min(s.decodedIndex(offset), s.value.length());
        String upTo = s.value.substring(0, idx);
        switch (s.role) {
            case CONDITION -> condition(m, upTo, offset, items);
            case OUTPUT -> output(m, upTo, offset, items);
            case LIST_ITEM, EXCEPTION_VALUE -> lists(items, m.lines.range(offset - wordLen(upTo), offset));
            case EXCEPTION_FIELD -> fields(items, m.lines.range(offset - wordLen(upTo), offset), false);
            case EXCEPTION_COMP -> {
                Range r = m.lines.range(offset - wordLen(upTo), offset);
                for (String op : ConditionParser.allOperators()) items.add(item(op, CompletionItemKind.Operator, "comparison", r, op));
            }
            case PRIORITY -> {
                Range r = m.lines.range(offset - wordLen(upTo), offset);
                for (Priority p : Priority.values()) items.add(item(p.name(), CompletionItemKind.EnumMember, "priority " + p.display(), r, p.name()));
            }
            case SOURCE -> {
                Range r = m.lines.range(offset - wordLen(upTo), offset);
                for (String src : SOURCES) items.add(item(src, CompletionItemKind.EnumMember, "event source", r, src));
            }
            default -> { }
        }
    }

    private static int wordLen(String s) {
        int i = s.length();
        while (i > 0 && !Character.isWhitespace(s.charAt(i - 1)) && s.charAt(i - 1) != '(' && s.charAt(i - 1) != ',' && s.charAt(i - 1) != '%') i--;
        return s.length() - i;
    }

    private void condition(FileModel m, String upTo, int offset, List<CompletionItem> items) {
        CondLexer.Result res = CondLexer.scan(upTo);
        String prefix = upTo.substring(Math.min(res.wordStart(), upTo.length()));
        Range r = m.lines.range(offset - prefix.length(), offset);
        switch (res.state()) {
            case CHECK -> {
                fields(items, r, true);
                macros(items, r);
                items.add(item("not", CompletionItemKind.Keyword, "negation", r, "not "));
                for (String t : ConditionParser.TRANSFORMERS) items.add(item(t + "()", CompletionItemKind.Function, "field transformer", r, t + "("));
            }
            case FIELD_ARG -> fieldArgs(res.field(), items, r);
            case OPERATOR -> operators(res.field(), items, r);
            case VALUE -> {
                if (FileModel.isEventTypeField(res.field())) events(items, r);
            }
            case LIST_START, LIST_ITEM -> {
                lists(items, r);
                if (FileModel.isEventTypeField(res.field())) events(items, r);
            }
            case BOOL -> {
                items.add(item("and", CompletionItemKind.Keyword, "conjunction", r, "and "));
                items.add(item("or", CompletionItemKind.Keyword, "disjunction", r, "or "));
            }
        }
    }

    private void output(FileModel m, String upTo, int offset, List<CompletionItem> items) {
        int pct = upTo.lastIndexOf('%');
        if (pct < 0) return;
        String after = upTo.substring(pct + 1);
        for (int i = 0; i < after.length(); i++) {
            char c = after.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '(')) return;
        }
        int p = after.lastIndexOf('(') + 1;
        while (p < after.length() && Character.isDigit(after.charAt(p))) p++;
        String prefix = after.substring(p);
        Range r = m.lines.range(offset - prefix.length(), offset);
        fields(items, r, false);
        if (p == 0) for (String t : ConditionParser.TRANSFORMERS) items.add(item(t + "()", CompletionItemKind.Function, "field transformer", r, t + "("));
    }

    private static void fields(List<CompletionItem> items, Range r, boolean filter) {
        for (FieldInfo fi : FieldCatalog.get().fields()) {
            if (fi.hidden() || (!filter && fi.filterOnly())) continue;
            String label = fi.name();
            CompletionItem ci = item(label, CompletionItemKind.Field, fi.type().display() + (fi.isList() ? " (list)" : ""), r,
                    fi.argRequired() ? label + "[" : label);
            // the description comes with completionItem/resolve: it keeps the list small and fast
            com.google.gson.JsonObject data = new com.google.gson.JsonObject();
            data.addProperty("field", label);
            ci.setData(data);
            if (fi.deprecated()) ci.setTags(List.of(org.eclipse.lsp4j.CompletionItemTag.Deprecated));
            ci.setSortText("1" + label);
            items.add(ci);
        }
    }

    /** Adds the documentation left out of the list. */
    static CompletionItem resolve(CompletionItem item) {
        if (item.getData() instanceof com.google.gson.JsonObject o && o.has("field")) {
            FieldInfo fi = FieldCatalog.get().byName(o.get("field").getAsString());
            if (fi != null) {
                item.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, FieldDocs.get().description(fi)
                        + (fi.argRequired() ? "\n\nTakes an argument: `" + fi.name() + "[…]`" : fi.argAllowed() ? "\n\nAccepts an argument: `" + fi.name() + "[…]`" : "")
                        + "\n\nHas a value on: " + FieldDocs.valuedOn(fi, null)));
            }
        }
        return item;
    }

    private void macros(List<CompletionItem> items, Range r) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (String file : f.files.allFiles()) {
            FileModel fm = f.files.model(file);
            if (fm == null) continue;
            for (Item i : fm.items) {
                if (i.kind != Item.Kind.MACRO || i.modifies || seen.containsKey(i.name)) continue;
                Scalar c = i.scalar(Scalar.Role.CONDITION);
                seen.put(i.name, c == null ? "" : c.value.strip());
            }
        }
        for (var e : seen.entrySet()) {
            CompletionItem ci = item(e.getKey(), CompletionItemKind.Function, "macro", r, e.getKey());
            ci.setDocumentation(new MarkupContent(MarkupKind.MARKDOWN, "```\n" + e.getValue() + "\n```"));
            ci.setSortText("0" + e.getKey());
            items.add(ci);
        }
    }

    private void lists(List<CompletionItem> items, Range r) {
        for (String l : new TreeSet<>(f.files.listNames())) {
            CompletionItem ci = item(l, CompletionItemKind.Enum, "list", r, l);
            ci.setSortText("0" + l);
            items.add(ci);
        }
    }

    private static void events(List<CompletionItem> items, Range r) {
        EventTable t = EventTable.get();
        TreeSet<String> names = new TreeSet<>(t.eventNames());
        names.addAll(t.syscallNames());
        names.remove("NA");
        for (String n : names) {
            CompletionItem ci = item(n, CompletionItemKind.EnumMember, "event type", r, n);
            ci.setSortText("1" + n);
            items.add(ci);
        }
    }

    private static void operators(String field, List<CompletionItem> items, Range r) {
        FieldResolver.Resolved res = null;
        try {
            res = field == null ? null : FieldResolver.get().resolvePrefix(field);
        } catch (FieldResolver.FieldSyntaxException e) {
            // unknown: offer every operator
        }
        for (String op : ConditionParser.allOperators()) {
            if (res != null && !op.equals("exists") && FilterChecker.comparable(op, res.type(), res.list()) != null) continue;
            String doc = res == null ? "comparison" : "valid for " + res.type().display() + (res.list() ? " (list)" : "");
            items.add(item(op, CompletionItemKind.Operator, doc, r, op + " "));
        }
    }

    private static void fieldArgs(String field, List<CompletionItem> items, Range r) {
        List<String> args = new ArrayList<>();
        if (field == null) return;
        switch (field) {
            case "proc.aname", "proc.apid", "proc.aexe", "proc.aexepath", "proc.acmdline", "proc.aenv" -> {
                for (int i = 0; i <= 5; i++) args.add(String.valueOf(i));
            }
            case "proc.args", "proc.aargs" -> { for (int i = 0; i <= 3; i++) args.add(String.valueOf(i)); }
            case "proc.env" -> args.addAll(List.of("HOME", "PATH", "USER", "SHELL", "PWD", "LD_PRELOAD", "container"));
            case "evt.arg", "evt.rawarg" -> { for (int i = 0; i <= 5; i++) args.add(String.valueOf(i)); }
            case "fd.types" -> args.addAll(List.of("file", "ipv4", "ipv6", "unix", "pipe", "event", "signalfd", "eventpoll", "inotify", "timerfd"));
            default -> {
                if (field.startsWith("container.mount")) for (int i = 0; i <= 3; i++) args.add(String.valueOf(i));
            }
        }
        for (String a : args) items.add(item(a, CompletionItemKind.Value, field + "[" + a + "]", r, a + "]"));
    }

    private static CompletionItem item(String label, CompletionItemKind kind, String detail, Range r, String insert) {
        CompletionItem ci = new CompletionItem(label);
        ci.setKind(kind);
        ci.setDetail(detail);
        ci.setTextEdit(Either.forLeft(new TextEdit(r, insert)));
        ci.setInsertTextFormat(InsertTextFormat.PlainText);
        ci.setFilterText(label);
        return ci;
    }
}
