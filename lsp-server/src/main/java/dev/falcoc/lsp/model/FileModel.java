package dev.falcoc.lsp.model;

import dev.falcoc.compiler.helm.HelmValues;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.compiler.yaml.ScalarMap;
import dev.falcoc.compiler.yaml.YNode;
import dev.falcoc.compiler.yaml.YamlReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What the editor features need to know about one rules file: its items and, inside their
 * scalars, classified tokens at exact file offsets. Built from the YAML alone (no compiling), so it
 * is cheap and exists even when the rules do not load.
 */
public final class FileModel {
    public final String uri;
    public final String text;
    public final LineIndex lines;
    public final List<Item> items = new ArrayList<>();
    public final List<Tok> tokens = new ArrayList<>();
    public final boolean yamlOk;

    private static final Set<String> BOOL_KEYS = Set.of("append", "enabled", "capture", "warn_evttypes", "skip-if-unknown-filter");

    private FileModel(String uri, String text, boolean yamlOk) {
        this.uri = uri;
        this.text = text;
        this.lines = new LineIndex(text);
        this.yamlOk = yamlOk;
        this.src = text;
    }

    /** Set while building from rules embedded in a Helm values file. */
    private int[] map;
    private String src;
    /** For the model of one embedded rules file: its values-file map (null otherwise). */
    private int[] hostMap;
    public boolean helm;

    /** Cheap pre-test before parsing a file as Helm values. */
    public static boolean mayBeHelm(String text) { return text.contains("customRules") || text.contains("ConfigMap"); }

    public static FileModel build(String uri, String text) {
        if (mayBeHelm(text)) {
            try {
                if (HelmValues.detect(text)) return helm(uri, text, HelmValues.extract(uri, text));
            } catch (RuntimeException e) {
                // not usable as Helm values: read it as a rules file
            }
        }
        return plain(uri, text);
    }

    /** One model for a whole values file: the items of every embedded rules file, at values-file offsets. */
    public static FileModel helm(String uri, String text, List<HelmValues.EmbeddedRules> embedded) {
        FileModel m = new FileModel(uri, text, true);
        m.helm = true;
        for (HelmValues.EmbeddedRules e : embedded) m.addEmbedded(e);
        m.tokens.sort(Comparator.comparingInt(Tok::start));
        return m;
    }

    /** The model of one embedded rules file (what the engine loads under a virtual name). */
    public static FileModel embedded(String uri, String text, HelmValues.EmbeddedRules e) {
        FileModel m = new FileModel(uri, text, true);
        m.helm = true;
        m.hostMap = e.offsets();
        m.addEmbedded(e);
        m.tokens.sort(Comparator.comparingInt(Tok::start));
        return m;
    }

    private void addEmbedded(HelmValues.EmbeddedRules e) {
        map = e.offsets();
        src = e.text();
        try {
            for (YNode doc : YamlReader.readAll(uri, e.text())) {
                if (doc == null || !doc.isSequence()) continue;
                for (YNode n : doc.items) if (n != null && n.isMap()) addItem(n);
            }
        } catch (YamlReader.SyntaxError | RuntimeException ex) {
            // the engine reports the embedded file's YAML error
        }
        map = null;
        src = text;
    }

    /** The file offset of an engine offset (for an embedded rules file, in the values file). */
    public int hostOffset(int off) {
        if (hostMap == null || off < 0) return off;
        if (hostMap.length == 0) return 0;
        return off < hostMap.length ? hostMap[off] : hostMap[hostMap.length - 1] + 1;
    }

    static FileModel plain(String uri, String text) {
        List<YNode> docs;
        try {
            docs = YamlReader.readAll(uri, text);
        } catch (YamlReader.SyntaxError | RuntimeException e) {
            return new FileModel(uri, text, false);
        }
        FileModel m = new FileModel(uri, text, true);
        try {
            for (YNode doc : docs) {
                if (doc == null || !doc.isSequence()) continue;
                for (YNode n : doc.items) if (n != null && n.isMap()) m.addItem(n);
            }
        } catch (RuntimeException e) {
            // a model of what could be read is better than none
        }
        m.tokens.sort(Comparator.comparingInt(Tok::start));
        return m;
    }

    private static String scalarValue(YNode n) { return n != null && n.isScalar() ? n.value : null; }

    private void addItem(YNode n) {
        Item.Kind kind = Item.Kind.OTHER;
        String key = null;
        if (n.has("required_engine_version")) kind = Item.Kind.ENGINE_VERSION;
        else if (n.has("required_plugin_versions")) kind = Item.Kind.PLUGIN_VERSIONS;
        else if (n.has("list")) { kind = Item.Kind.LIST; key = "list"; }
        else if (n.has("macro")) { kind = Item.Kind.MACRO; key = "macro"; }
        else if (n.has("rule")) { kind = Item.Kind.RULE; key = "rule"; }
        String name = key == null ? "" : String.valueOf(scalarValue(n.get(key)));
        String append = scalarValue(n.get("append"));
        boolean appendFlag = append != null && Set.of("true", "True", "TRUE", "yes", "Yes", "on", "y").contains(append);
        boolean modifies = appendFlag || n.has("override")
                || (kind == Item.Kind.RULE && !n.has("condition") && !n.has("output") && !n.has("desc") && !n.has("priority"));
        Item item = new Item(kind, n, name, modifies, appendFlag, map);
        items.add(item);
        if (key != null && n.get(key) != null && n.get(key).isScalar()) {
            Scalar s = scalar(Scalar.Role.NAME, n.get(key), item, key);
            item.nameScalar = s;
            Sym sym = kind == Item.Kind.RULE ? Sym.RULE_DEF : kind == Item.Kind.MACRO ? Sym.MACRO_DEF : Sym.LIST_DEF;
            addTok(sym, s, 0, s.value.length(), null, false);
        }
        for (YNode.Entry e : n.entries) {
            if (!e.key().isScalar()) continue;
            String k = e.key().value;
            YNode v = e.value();
            switch (k) {
                case "condition" -> { if (v.isScalar()) condition(scalar(Scalar.Role.CONDITION, v, item, k)); }
                case "output" -> { if (v.isScalar()) output(scalar(Scalar.Role.OUTPUT, v, item, k)); }
                case "priority" -> { if (v.isScalar()) { Scalar s = scalar(Scalar.Role.PRIORITY, v, item, k); addTok(Sym.VALUE, s, 0, s.value.length(), null, false); } }
                case "source" -> { if (v.isScalar()) scalar(Scalar.Role.SOURCE, v, item, k); }
                case "items" -> {
                    if (v.isSequence()) {
                        for (YNode i : v.items) {
                            if (!i.isScalar()) continue;
                            Scalar s = scalar(Scalar.Role.LIST_ITEM, i, item, k);
                            addTok(Sym.VALUE, s, 0, s.value.length(), null, true);
                        }
                    }
                }
                case "exceptions" -> { if (v.isSequence()) exceptions(v, item); }
                default -> {
                    if (v.isScalar() && !BOOL_KEYS.contains(k)) scalar(Scalar.Role.OTHER, v, item, k);
                }
            }
        }
    }

    private void exceptions(YNode seq, Item item) {
        for (YNode ex : seq.items) {
            if (!ex.isMap()) continue;
            YNode fields = ex.get("fields"), comps = ex.get("comps"), values = ex.get("values");
            for (YNode f : leaves(fields)) {
                Scalar s = scalar(Scalar.Role.EXCEPTION_FIELD, f, item, "fields");
                addTok(Sym.FIELD, s, 0, s.value.length(), s.value, false);
            }
            for (YNode c : leaves(comps)) {
                Scalar s = scalar(Scalar.Role.EXCEPTION_COMP, c, item, "comps");
                addTok(Sym.OPERATOR, s, 0, s.value.length(), null, false);
            }
            for (YNode v : leaves(values)) {
                Scalar s = scalar(Scalar.Role.EXCEPTION_VALUE, v, item, "values");
                String t = s.value;
                // a value "(name)" or "name" is substituted like a list reference
                if (t.startsWith("(") && t.endsWith(")") && t.length() > 2) addTok(Sym.VALUE, s, 1, t.length() - 1, null, true);
                else addTok(Sym.STRING, s, 0, t.length(), null, true);
            }
        }
    }

    private static List<YNode> leaves(YNode n) {
        List<YNode> out = new ArrayList<>();
        if (n == null) return out;
        if (n.isScalar()) out.add(n);
        else if (n.isSequence()) for (YNode c : n.items) out.addAll(leaves(c));
        return out;
    }

    private Scalar scalar(Scalar.Role role, YNode node, Item item, String key) {
        int[] offsets;
        try {
            offsets = ScalarMap.offsets(src, node);
            if (map != null) for (int i = 0; i < offsets.length; i++) offsets[i] = item.at(offsets[i]);
        } catch (RuntimeException e) {
            offsets = new int[0];
        }
        Scalar s = new Scalar(role, node, offsets, item, key);
        item.scalars.add(s);
        return s;
    }

    private void addTok(Sym sym, Scalar s, int a, int b, String field, boolean listCandidate) {
        if (b <= a || b > s.offsets.length) return;
        tokens.add(new Tok(sym, s.value.substring(a, b), s.fileStart(a), s.fileEnd(b), field, s.item, s, listCandidate));
    }

    private void condition(Scalar s) {
        for (CondLexer.Token t : CondLexer.scan(s.value).tokens()) {
            Sym sym = switch (t.kind()) {
                case FIELD -> Sym.FIELD;
                case MACRO -> Sym.MACRO;
                case VALUE -> isEventTypeField(t.field()) ? Sym.EVENT_TYPE : Sym.VALUE;
                case STRING -> Sym.STRING;
                case NUMBER -> Sym.NUMBER;
                case OPERATOR -> Sym.OPERATOR;
                case KEYWORD -> Sym.KEYWORD;
                case TRANSFORMER -> Sym.TRANSFORMER;
                case PUNCT -> Sym.PUNCT;
            };
            boolean candidate = t.kind() == CondLexer.Kind.VALUE || t.kind() == CondLexer.Kind.MACRO;
            addTok(sym, s, t.start(), t.end(), t.field(), candidate);
        }
    }

    public static boolean isEventTypeField(String f) { return "evt.type".equals(f) || "syscall.type".equals(f); }

    private void output(Scalar s) {
        String v = s.value;
        FieldResolver resolver = FieldResolver.get();
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) != '%') continue;
            int j = i + 1;
            while (j < v.length() && Character.isDigit(v.charAt(j))) j++;
            // transformers written directly after % (e.g. %tolower(proc.name))
            boolean more = true;
            while (more) {
                more = false;
                for (String t : CondLexer.TRANSFORMERS) {
                    if (v.startsWith(t + "(", j)) {
                        addTok(Sym.TRANSFORMER, s, j, j + t.length(), null, false);
                        j += t.length() + 1;
                        more = true;
                    }
                }
            }
            int end = j;
            try {
                FieldResolver.Resolved r = resolver.resolvePrefix(v.substring(j));
                if (r != null) end = j + r.consumed();
            } catch (FieldResolver.FieldSyntaxException e) {
                // not a field: fall back to the word
            }
            if (end == j) {
                while (end < v.length() && (Character.isLetterOrDigit(v.charAt(end)) || v.charAt(end) == '.' || v.charAt(end) == '_')) end++;
            }
            if (end > j) addTok(Sym.OUTPUT_FIELD, s, j, end, v.substring(j, end), false);
            i = Math.max(i, end - 1);
        }
    }

    /** The token at a file offset (a cursor just after a token still touches it). */
    public Tok tokenAt(int offset) {
        Tok best = null;
        for (Tok t : tokens) {
            if (t.start() > offset) break;
            if (t.contains(offset) && t.sym() != Sym.PUNCT) best = t;
        }
        return best;
    }

    public Item itemAt(int offset) {
        for (Item i : items) if (offset >= i.start() && offset <= i.end()) return i;
        return null;
    }

    public Scalar scalarAt(int offset) {
        Item i = itemAt(offset);
        if (i == null) return null;
        for (Scalar s : i.scalars) if (s.covers(offset)) return s;
        return null;
    }

    /** The symbol a token stands for, given the workspace's list names. */
    public static Sym symOf(Tok t, Set<String> listNames) {
        if (t.listCandidate() && listNames.contains(t.text())) return Sym.LIST;
        if (t.sym() == Sym.VALUE && t.scalar() != null && t.scalar().role == Scalar.Role.LIST_ITEM) return Sym.STRING;
        return t.sym();
    }
}
