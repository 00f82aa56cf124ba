package dev.falcoc.compiler.load;

import dev.falcoc.compiler.diag.Codes;
import dev.falcoc.compiler.diag.Context;
import dev.falcoc.compiler.diag.Position;
import dev.falcoc.compiler.load.Infos.ExceptionInfo;
import dev.falcoc.compiler.load.Infos.ListInfo;
import dev.falcoc.compiler.load.Infos.MacroInfo;
import dev.falcoc.compiler.load.Infos.RuleInfo;
import dev.falcoc.compiler.load.Infos.RuleUpdateInfo;
import dev.falcoc.compiler.yaml.ScalarMap;
import dev.falcoc.compiler.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns the YAML items of one rules file into collector actions, with Falco's validation rules
 * and messages. Falco stops a file at its first error; the reader reports that one as Falco does,
 * then goes on with the next items so that independent problems are found in the same pass.
 */
public final class Reader {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z]+[a-zA-Z0-9_]*");
    private static final Pattern BARESTR = Pattern.compile("[^()\"' \\t\\n\\x0B\\f\\r=,]+");
    static final String WARNING_APPEND = "'append' key is deprecated. Add an 'append' entry (e.g. 'condition: append') under 'override' instead.";
    static final String WARNING_ENABLED = "The standalone 'enabled' key usage is deprecated. The correct approach requires also a 'replace' entry under the 'override' key (i.e. 'enabled: replace').";
    static final String ERROR_OVERRIDE_APPEND = "Keys 'override' and 'append: true' cannot be used together. Add an 'append' entry (e.g. 'condition: append') under 'override' instead.";

    private static final List<String> OVERRIDABLE_APPEND = List.of("condition", "output", "desc", "tags", "exceptions");
    private static final List<String> OVERRIDABLE_REPLACE = List.of("condition", "output", "desc", "priority", "capture",
            "capture_duration", "tags", "exceptions", "enabled", "warn_evttypes", "skip-if-unknown-filter");

    private final String name;
    private final String text;
    private final Collector collector;
    private final ReportSink sink;

    public Reader(String name, String text, Collector collector, ReportSink sink) {
        this.name = name;
        this.text = text;
        this.collector = collector;
        this.sink = sink;
    }

    private Position pos(YNode n) { return new Position(name, n.line, n.column, n.offset); }

    private Context ctx(YNode n, String type, String itemName, Context parent) {
        return parent.child(type, itemName, pos(n), n.offset);
    }

    private static LoadException yamlErr(String msg, Context ctx) {
        return new LoadException(Codes.ERR_YAML_VALIDATE, msg, ctx);
    }

    /** Reads one item; a thrown exception ends this item only. */
    public void readItem(YNode item, Context parent) throws LoadException {
        if (!item.isMap()) {
            throw yamlErr("Unexpected element type. Each element should be a yaml associative array.",
                    ctx(item, "rules content item", "", parent));
        }
        if (item.has("required_engine_version")) {
            readEngineVersion(item, parent);
        } else if (item.has("required_plugin_versions")) {
            readPluginVersions(item, parent);
        } else if (item.has("list")) {
            readList(item, parent);
        } else if (item.has("macro")) {
            readMacro(item, parent);
        } else if (item.has("rule")) {
            readRule(item, parent);
        } else {
            sink.warning(Codes.UNKNOWN_ITEM, "Unknown top level item", ctx(item, "rules content item", "", parent));
        }
    }

    private void readEngineVersion(YNode item, Context parent) throws LoadException {
        Context c = ctx(item, "required_engine_version", "", parent);
        String raw = decodeString(item, "required_engine_version", c, false, false);
        Long n = YamlScalars.toUint32(raw);
        Version v;
        if (n != null) {
            v = new Version(0, n, Version.ENGINE.patch());
        } else {
            v = Version.parse(raw);
            if (v == null) {
                throw yamlErr("Unable to parse engine version '" + raw + "' as a semver string. Expected \"x.y.z\" semver format.", c);
            }
        }
        collector.requireEngineVersion(v, c);
    }

    private void readPluginVersions(YNode item, Context parent) throws LoadException {
        YNode reqs = item.get("required_plugin_versions");
        Context c = ctx(reqs, "required plugin versions", "", parent);
        if (!reqs.isSequence()) throw yamlErr("Value of required_plugin_versions must be a sequence", c);
        for (YNode plugin : reqs.items) {
            Context tmp = ctx(plugin, "required plugin versions entry", "", c);
            if (!plugin.isMap()) throw yamlErr("Plugin version must be a mapping", tmp);
            String pname = decodeString(plugin, "name", tmp, false, false);
            Context pctx = ctx(plugin, "required plugin versions entry", pname, c);
            String version = decodeString(plugin, "version", pctx, false, false);
            List<Infos.PluginRequirement> alts = new ArrayList<>();
            alts.add(new Infos.PluginRequirement(pname, version));
            YNode alternatives = plugin.get("alternatives");
            if (alternatives != null) {
                if (!alternatives.isSequence()) throw yamlErr("Value of plugin version alternatives must be a sequence", pctx);
                for (YNode req : alternatives.items) {
                    Context t = ctx(req, "required plugin versions alternative", "", pctx);
                    if (!req.isMap()) throw yamlErr("Plugin version alternative must be a mapping", t);
                    String an = decodeString(req, "name", t, false, false);
                    t = ctx(req, "required plugin versions alternative", an, pctx);
                    alts.add(new Infos.PluginRequirement(an, decodeString(req, "version", t, false, false)));
                }
            }
            collector.requirePlugins(alts, pctx);
        }
    }

    private void readList(YNode item, Context parent) throws LoadException {
        String lname = decodeString(item, "list", ctx(item, "list", "", parent), false, false);
        Context c = ctx(item, "list", lname, parent);
        if (!BARESTR.matcher(lname).matches()) {
            sink.warning(Codes.INVALID_LIST_NAME,
                    "List has an invalid name. List names should match a regular expression: ([^()\"'[:space:]=,]+)", c);
        }
        ListInfo v = new ListInfo();
        v.name = lname;
        v.ctx = c;
        v.file = name;
        YNode items = item.get("items");
        if (items == null) throw yamlErr("Item has no mapping for key 'items'", c);
        Context vc = ctx(items, "value for", "items", c);
        if (!items.isSequence()) throw yamlErr("Value is not a sequence", vc);
        for (YNode i : items.items) {
            Context ic = ctx(i, "list item", "", vc);
            if (!i.isScalar()) throw yamlErr("sequence value is not scalar", ic);
            v.items.add(i.value);
            v.itemOffsets.add(i.offset);
        }
        boolean append = decodeBool(item, "append", c).orElse(false);
        if (append) sink.warning(Codes.DEPRECATED_ITEM, WARNING_APPEND, c);
        Set<String> oa = new LinkedHashSet<>(), or = new LinkedHashSet<>();
        decodeOverrides(item, List.of("items"), List.of("items"), oa, or, c);
        if (append && (!oa.isEmpty() || !or.isEmpty())) throw yamlErr(ERROR_OVERRIDE_APPEND, c);
        append |= oa.contains("items");
        if (append) collector.append(v);
        else collector.define(v);
    }

    private void readMacro(YNode item, Context parent) throws LoadException {
        String mname = decodeString(item, "macro", ctx(item, "macro", "", parent), false, false);
        Context c = ctx(item, "macro", mname, parent);
        if (!IDENTIFIER.matcher(mname).matches()) {
            sink.warning(Codes.INVALID_MACRO_NAME,
                    "Macro has an invalid name. Macro names should match a regular expression: ([a-zA-Z]+[a-zA-Z0-9_]*)", c);
        }
        MacroInfo v = new MacroInfo();
        v.name = mname;
        v.ctx = c;
        decodeString(item, "condition", c, false, false);
        YNode cond = item.get("condition");
        v.cond = scalarText(cond);
        v.condCtx = ctx(cond, "macro condition", "", c);
        boolean append = decodeBool(item, "append", c).orElse(false);
        if (append) sink.warning(Codes.DEPRECATED_ITEM, WARNING_APPEND, c);
        Set<String> oa = new LinkedHashSet<>(), or = new LinkedHashSet<>();
        decodeOverrides(item, List.of("condition"), List.of("condition"), oa, or, c);
        if (append && (!oa.isEmpty() || !or.isEmpty())) throw yamlErr(ERROR_OVERRIDE_APPEND, c);
        append |= oa.contains("condition");
        if (append) collector.append(v);
        else collector.define(v);
    }

    private void readRule(YNode item, Context parent) throws LoadException {
        String rname = decodeString(item, "rule", ctx(item, "rule", "", parent), false, false);
        Context c = ctx(item, "rule", rname, parent);
        String source = Optional.ofNullable(decodeString(item, "source", c, true, true)).orElse("");
        boolean appendFlag = decodeBool(item, "append", c).orElse(false);
        if (appendFlag) sink.warning(Codes.DEPRECATED_ITEM, WARNING_APPEND, c);
        Set<String> oa = new LinkedHashSet<>(), or = new LinkedHashSet<>();
        decodeOverrides(item, OVERRIDABLE_APPEND, OVERRIDABLE_REPLACE, oa, or, c);
        boolean hasOverrides = !oa.isEmpty() || !or.isEmpty();
        if (appendFlag && hasOverrides) throw yamlErr(ERROR_OVERRIDE_APPEND, c);
        if (hasOverrides) {
            Set<String> expected = new LinkedHashSet<>();
            for (String k : OVERRIDABLE_APPEND) if (item.has(k)) expected.add(k);
            for (String k : OVERRIDABLE_REPLACE) if (item.has(k)) expected.add(k);
            if (!oa.isEmpty()) {
                RuleUpdateInfo v = new RuleUpdateInfo();
                v.name = rname;
                v.ctx = c;
                if (checkExpected(expected, oa, "append", "condition", c)) {
                    v.source = source;
                    decodeString(item, "condition", c, false, false);
                    v.cond = Optional.of(scalarText(item.get("condition")));
                }
                if (checkExpected(expected, oa, "append", "exceptions", c)) v.exceptions = Optional.of(readExceptions(item, c, true));
                if (checkExpected(expected, oa, "append", "output", c)) v.output = Optional.of(decodeString(item, "output", c, false, false));
                if (checkExpected(expected, oa, "append", "desc", c)) v.desc = Optional.of(decodeString(item, "desc", c, false, false));
                if (checkExpected(expected, oa, "append", "tags", c)) v.tags = Optional.of(decodeTags(item, c));
                collector.append(v);
            }
            if (!or.isEmpty()) {
                RuleUpdateInfo v = new RuleUpdateInfo();
                v.name = rname;
                v.ctx = c;
                if (checkExpected(expected, or, "replace", "condition", c)) {
                    v.source = source;
                    decodeString(item, "condition", c, false, false);
                    v.cond = Optional.of(scalarText(item.get("condition")));
                }
                if (checkExpected(expected, or, "replace", "exceptions", c)) v.exceptions = Optional.of(readExceptions(item, c, false));
                if (checkExpected(expected, or, "replace", "output", c)) v.output = Optional.of(decodeString(item, "output", c, false, false));
                if (checkExpected(expected, or, "replace", "desc", c)) v.desc = Optional.of(decodeString(item, "desc", c, false, false));
                if (checkExpected(expected, or, "replace", "tags", c)) v.tags = Optional.of(decodeTags(item, c));
                if (checkExpected(expected, or, "replace", "priority", c)) {
                    String p = decodeString(item, "priority", c, false, false);
                    Priority parsed = Priority.parse(p);
                    if (parsed == null) throw yamlErr("Invalid priority", ctx(item.get("priority"), "rule priority", "", c));
                    v.priority = Optional.of(parsed);
                }
                if (checkExpected(expected, or, "replace", "capture", c)) v.capture = Optional.of(requireBool(item, "capture", c));
                if (checkExpected(expected, or, "replace", "capture_duration", c)) v.captureDuration = Optional.of(requireUint32(item, "capture_duration", c));
                if (checkExpected(expected, or, "replace", "enabled", c)) v.enabled = Optional.of(requireBool(item, "enabled", c));
                if (checkExpected(expected, or, "replace", "warn_evttypes", c)) v.warnEvttypes = Optional.of(requireBool(item, "warn_evttypes", c));
                if (checkExpected(expected, or, "replace", "skip-if-unknown-filter", c)) v.skipIfUnknownFilter = Optional.of(requireBool(item, "skip-if-unknown-filter", c));
                collector.selectiveReplace(v);
            }
            for (String k : expected) {
                YNode kn = item.get(k);
                throw yamlErr("Unexpected key '" + k + "': no corresponding entry under 'override' is defined.", ctx(kn, "overrides", k, c));
            }
        } else if (appendFlag) {
            RuleUpdateInfo v = new RuleUpdateInfo();
            v.name = rname;
            v.ctx = c;
            v.source = source;
            if (item.has("condition")) {
                v.condCtx = ctx(item.get("condition"), "rule condition", "", c);
                decodeString(item, "condition", c, false, false);
                v.cond = Optional.of(scalarText(item.get("condition")));
            }
            if (item.has("exceptions")) v.exceptions = Optional.of(readExceptions(item, c, true));
            collector.append(v);
        } else {
            RuleInfo v = new RuleInfo();
            v.name = rname;
            v.ctx = c;
            v.file = name;
            if (!item.has("condition") && !item.has("output") && !item.has("desc") && !item.has("priority")) {
                boolean enabled = requireBool(item, "enabled", c);
                sink.warning(Codes.DEPRECATED_ITEM, WARNING_ENABLED, c);
                collector.enable(rname, enabled, c);
                return;
            }
            decodeString(item, "condition", c, false, false);
            v.cond = scalarText(item.get("condition"));
            v.condCtx = ctx(item.get("condition"), "rule condition", "", c);
            String output = decodeString(item, "output", c, false, false);
            v.outputCtx = ctx(item.get("output"), "rule output", "", c);
            v.desc = decodeString(item, "desc", c, false, false);
            String priority = decodeString(item, "priority", c, false, false);
            v.output = output.strip();
            v.outputText = trimmed(scalarText(item.get("output")));
            v.source = "syscall";
            Priority p = Priority.parse(priority);
            if (p == null) throw yamlErr("Invalid priority", ctx(item.get("priority"), "rule priority", "", c));
            v.priority = p;
            String s = decodeString(item, "source", c, true, false);
            if (s != null) v.source = s;
            decodeBool(item, "enabled", c).ifPresent(b -> v.enabled = b);
            decodeBool(item, "capture", c).ifPresent(b -> v.capture = b);
            if (item.has("capture_duration")) v.captureDuration = requireUint32(item, "capture_duration", c);
            decodeBool(item, "warn_evttypes", c).ifPresent(b -> v.warnEvttypes = b);
            decodeBool(item, "skip-if-unknown-filter", c).ifPresent(b -> v.skipIfUnknownFilter = b);
            if (item.has("tags")) v.tags = decodeTags(item, c);
            v.exceptions = readExceptions(item, c, false);
            collector.define(v, sink);
        }
    }

    private static SrcText trimmed(SrcText t) {
        String s = t.text();
        int a = 0, b = s.length();
        while (a < b && Character.isWhitespace(s.charAt(a))) a++;
        while (b > a && Character.isWhitespace(s.charAt(b - 1))) b--;
        return t.substring(a, b);
    }

    private boolean checkExpected(Set<String> expected, Set<String> overrides, String type, String key, Context c) throws LoadException {
        if (!overrides.contains(key)) return false;
        if (!expected.contains(key)) {
            throw yamlErr("An " + type + " override for '" + key + "' was specified but '" + key + "' is not defined", c);
        }
        expected.remove(key);
        return true;
    }

    private void decodeOverrides(YNode item, List<String> appendable, List<String> replaceable,
                                 Set<String> outAppend, Set<String> outReplace, Context c) throws LoadException {
        YNode val = item.get("override");
        if (val == null) return;
        Context oc = ctx(item, "overrides", "", c);
        if (!val.isMap()) {
            // yaml-cpp iterates a scalar or null as empty, and a sequence's elements as keys.
            if (val.isSequence()) throw new LoadException(Codes.ERR_YAML_VALIDATE, "bad conversion", oc);
            return;
        }
        for (YNode.Entry e : val.entries) {
            if (!e.key().isScalar() || !e.value().isScalar()) {
                throw new LoadException(Codes.ERR_YAML_VALIDATE, "bad conversion", oc);
            }
            String key = e.key().value, op = e.value().value;
            boolean canAppend = appendable.contains(key), canReplace = replaceable.contains(key);
            if (op.equals("append")) {
                if (!canAppend) throw yamlErr("Key '" + key + "' cannot be appended to, use 'replace' instead", ctx(e.key(), "overrides", key, oc));
                outAppend.add(key);
            } else if (op.equals("replace")) {
                if (!canReplace) throw yamlErr("Key '" + key + "' cannot be replaced", ctx(e.key(), "overrides", key, oc));
                outReplace.add(key);
            } else {
                StringBuilder sb = new StringBuilder("Invalid override operation for key '" + key + "': '" + op + "'. Allowed values are: ");
                if (canAppend) sb.append("append ");
                if (canReplace) sb.append("replace ");
                throw yamlErr(sb.toString(), ctx(e.value(), "value for", key, oc));
            }
        }
    }

    private List<ExceptionInfo> readExceptions(YNode item, Context parent, boolean append) throws LoadException {
        List<ExceptionInfo> out = new ArrayList<>();
        YNode exs = item.get("exceptions");
        if (exs == null || exs.isNull()) return out;
        Context exesCtx = ctx(exs, "exceptions", "", parent);
        if (!exs.isSequence()) throw yamlErr("Rule exceptions must be a sequence", exesCtx);
        for (YNode ex : exs.items) {
            Context tmp = ctx(ex, "exception", "", exesCtx);
            if (!ex.isMap()) throw yamlErr("Rule exception must be a mapping", tmp);
            String exName = decodeString(ex, "name", tmp, false, false);
            Context exCtx = ctx(ex, "exception", exName, parent);
            ExceptionInfo v = new ExceptionInfo();
            v.name = exName;
            v.ctx = exCtx;
            for (ExceptionInfo prev : out) {
                if (prev.name.equals(exName)) {
                    sink.warning(Codes.EXCEPTION_NAME_NOT_UNIQUE, "Multiple definitions of exception '" + exName + "' in the same rule", exCtx);
                }
            }
            decodeEntry(ex.get("fields"), "fields", v.fields, exCtx, append);
            decodeEntry(ex.get("comps"), "comps", v.comps, exCtx, true);
            YNode vals = ex.get("values");
            if (vals != null) {
                Context valsCtx = ctx(vals, "exception values", "", exCtx);
                if (!vals.isSequence()) throw yamlErr("Rule exception values must be a sequence", valsCtx);
                for (YNode val : vals.items) {
                    Context vctx = ctx(val, "exception value", "", valsCtx);
                    Entry e = new Entry();
                    decodeEntry(val, null, e, vctx, false);
                    v.values.add(e);
                }
            } else if (append) {
                sink.warning(Codes.APPEND_NO_VALUES, "Overriding/appending exception with no values", exCtx);
            }
            out.add(v);
        }
        return out;
    }

    private void decodeEntry(YNode val, String key, Entry out, Context c, boolean optional) throws LoadException {
        if (val == null && optional) return;
        if (val == null) throw yamlErr("Item has no mapping for key '" + key + "'", c);
        Context vc = ctx(val, "value for", key == null ? "" : key, c);
        out.offset = val.offset;
        if (val.isScalar()) {
            if (val.value.isEmpty()) throw yamlErr("Value must be non-empty", vc);
            out.isList = false;
            out.item = val.value;
        }
        if (val.isSequence()) {
            out.isList = true;
            for (YNode v : val.items) {
                Entry tmp = new Entry();
                decodeEntry(v, null, tmp, ctx(v, "exception", "", vc), false);
                out.items.add(tmp);
            }
        }
    }

    private TreeSet<String> decodeTags(YNode item, Context c) throws LoadException {
        TreeSet<String> out = new TreeSet<>();
        YNode val = item.get("tags");
        if (val == null) return out;
        Context vc = ctx(val, "value for", "tags", c);
        if (!val.isSequence()) throw yamlErr("Value is not a sequence", vc);
        for (YNode v : val.items) {
            if (!v.isScalar()) throw yamlErr("sequence value is not scalar", ctx(v, "list item", "", vc));
            out.add(v.value);
        }
        return out;
    }

    /** Falco's decode_val for strings; returns null for an absent optional key or an allowed empty. */
    private String decodeString(YNode item, String key, Context c, boolean optional, boolean canBeEmpty) throws LoadException {
        YNode val = item.get(key);
        if (val == null && optional) return null;
        if (val == null) throw yamlErr("Item has no mapping for key '" + key + "'", c);
        if (val.isNull() && canBeEmpty) return null;
        if (val.isNull()) throw yamlErr("Mapping for key '" + key + "' is empty", c);
        Context vc = ctx(val, "value for", key, c);
        if (!val.isScalar()) throw yamlErr("Value is not a scalar value", vc);
        if (val.value.isEmpty() && canBeEmpty) return null;
        if (val.value.isEmpty()) throw yamlErr("Value must be non-empty", vc);
        return val.value;
    }

    private Optional<Boolean> decodeBool(YNode item, String key, Context c) throws LoadException {
        String s = decodeString(item, key, c, true, false);
        if (s == null) return Optional.empty();
        Boolean b = YamlScalars.toBool(s);
        if (b == null) throw yamlErr("Can't decode YAML scalar value", ctx(item.get(key), "value for", key, c));
        return Optional.of(b);
    }

    private boolean requireBool(YNode item, String key, Context c) throws LoadException {
        String s = decodeString(item, key, c, false, false);
        Boolean b = YamlScalars.toBool(s);
        if (b == null) throw yamlErr("Can't decode YAML scalar value", ctx(item.get(key), "value for", key, c));
        return b;
    }

    private long requireUint32(YNode item, String key, Context c) throws LoadException {
        String s = decodeString(item, key, c, false, false);
        Long n = YamlScalars.toUint32(s);
        if (n == null) throw yamlErr("Can't decode YAML scalar value", ctx(item.get(key), "value for", key, c));
        return n;
    }

    /** The decoded scalar with, for each character, its offset in the file. */
    private SrcText scalarText(YNode n) {
        if (n == null || !n.isScalar()) return SrcText.EMPTY;
        return SrcText.of(n.value, name, ScalarMap.offsets(text, n));
    }
}
