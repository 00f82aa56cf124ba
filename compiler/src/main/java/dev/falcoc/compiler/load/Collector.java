package dev.falcoc.compiler.load;

import dev.falcoc.compiler.diag.Codes;
import dev.falcoc.compiler.load.Infos.ExceptionInfo;
import dev.falcoc.compiler.load.Infos.ListInfo;
import dev.falcoc.compiler.load.Infos.MacroInfo;
import dev.falcoc.compiler.load.Infos.RuleInfo;
import dev.falcoc.compiler.load.Infos.RuleUpdateInfo;
import dev.falcoc.grammar.ConditionParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Falco's collector: applies define, append, selective replace and enable in document order.
 * Each action bumps a global counter that gives entries their index (first definition) and
 * visibility (last change), which later decide what a list or macro may reference.
 */
public final class Collector {
    /** An ordered, name-indexed table whose entries keep the slot of their first definition. */
    public static final class Table<T extends Infos.Indexed> implements Iterable<T> {
        private final List<T> order = new ArrayList<>();
        private final Map<String, Integer> byName = new HashMap<>();

        public T get(String name) {
            Integer i = byName.get(name);
            return i == null ? null : order.get(i);
        }

        void define(T info, int id) {
            Integer i = byName.get(info.name);
            if (i != null) {
                info.index = order.get(i).index;
                info.visibility = id;
                order.set(i, info);
            } else {
                info.index = id;
                info.visibility = id;
                byName.put(info.name, order.size());
                order.add(info);
            }
        }

        public int size() { return order.size(); }

        void put(T info) {
            byName.put(info.name, order.size());
            order.add(info);
        }

        public List<T> all() { return java.util.Collections.unmodifiableList(order); }

        @Override
        public java.util.Iterator<T> iterator() { return all().iterator(); }
    }

    private final Table<ListInfo> lists = new Table<>();
    private final Table<MacroInfo> macros = new Table<>();
    private final Table<RuleInfo> rules = new Table<>();
    private final List<List<Infos.PluginRequirement>> pluginRequirements = new ArrayList<>();
    private Version requiredEngineVersion;
    private int curIndex;
    private final Set<String> knownSources;
    private final FieldValidator fieldValidator;

    /** Checks a field name used in exceptions (Falco's is_valid_lhs_field). */
    public interface FieldValidator {
        boolean isValidLhsField(String field);
    }

    public Collector(Set<String> knownSources, FieldValidator fieldValidator) {
        this.knownSources = knownSources;
        this.fieldValidator = fieldValidator;
    }

    /**
     * A deep copy: falcoc keeps reading a file after Falco's first error (to report more problems)
     * and then goes back to the state Falco would have.
     */
    public Collector copy() {
        Collector c = new Collector(knownSources, fieldValidator);
        for (ListInfo l : lists) {
            ListInfo n = new ListInfo();
            copyIndexed(l, n);
            n.items.addAll(l.items);
            n.itemOffsets.addAll(l.itemOffsets);
            n.file = l.file;
            c.lists.put(n);
        }
        for (MacroInfo m : macros) {
            MacroInfo n = new MacroInfo();
            copyIndexed(m, n);
            n.cond = m.cond;
            n.condCtx = m.condCtx;
            c.macros.put(n);
        }
        for (RuleInfo r : rules) {
            RuleInfo n = new RuleInfo();
            copyIndexed(r, n);
            n.cond = r.cond; n.condCtx = r.condCtx; n.output = r.output; n.outputText = r.outputText;
            n.outputCtx = r.outputCtx; n.desc = r.desc; n.priority = r.priority; n.source = r.source;
            n.enabled = r.enabled; n.capture = r.capture; n.captureDuration = r.captureDuration;
            n.warnEvttypes = r.warnEvttypes; n.skipIfUnknownFilter = r.skipIfUnknownFilter;
            n.tags = new java.util.TreeSet<>(r.tags);
            n.exceptions = new ArrayList<>();
            for (ExceptionInfo e : r.exceptions) n.exceptions.add(e.copy());
            n.unknownSource = r.unknownSource;
            n.file = r.file;
            c.rules.put(n);
        }
        c.pluginRequirements.addAll(pluginRequirements);
        c.requiredEngineVersion = requiredEngineVersion;
        c.curIndex = curIndex;
        return c;
    }

    private static void copyIndexed(Infos.Indexed from, Infos.Indexed to) {
        to.name = from.name;
        to.ctx = from.ctx;
        to.index = from.index;
        to.visibility = from.visibility;
    }

    public Table<ListInfo> lists() { return lists; }
    public Table<MacroInfo> macros() { return macros; }
    public Table<RuleInfo> rules() { return rules; }
    public List<List<Infos.PluginRequirement>> pluginRequirements() { return pluginRequirements; }
    public Version requiredEngineVersion() { return requiredEngineVersion; }

    private static LoadException err(String msg, dev.falcoc.compiler.diag.Context ctx) {
        return new LoadException(Codes.ERR_VALIDATE, msg, ctx);
    }

    void requireEngineVersion(Version v, dev.falcoc.compiler.diag.Context ctx) throws LoadException {
        if (!Version.ENGINE.compatibleWith(v)) {
            throw err("Rules require engine version " + v + ", but engine version is " + Version.ENGINE, ctx);
        }
        if (requiredEngineVersion == null || requiredEngineVersion.compareTo(v) < 0) requiredEngineVersion = v;
    }

    void requirePlugins(List<Infos.PluginRequirement> alternatives, dev.falcoc.compiler.diag.Context ctx) throws LoadException {
        Set<String> names = new HashSet<>();
        for (Infos.PluginRequirement r : alternatives) {
            if (Version.parse(r.version()) == null) {
                throw err("Invalid required version '" + r.version() + "' for plugin '" + r.name() + "'", ctx);
            }
            if (!names.add(r.name())) {
                throw err("Defined multiple alternative version requirements for plugin '" + r.name() + "'", ctx);
            }
        }
        pluginRequirements.add(List.copyOf(alternatives));
    }

    void define(ListInfo info) { lists.define(info, curIndex++); }

    void append(ListInfo info) throws LoadException {
        ListInfo prev = lists.get(info.name);
        if (prev == null) {
            throw err("List uses 'append' or 'override.items: append' but no list by that name already exists", info.ctx);
        }
        prev.items.addAll(info.items);
        prev.itemOffsets.addAll(info.itemOffsets);
        prev.visibility = curIndex++;
    }

    void define(MacroInfo info) { macros.define(info, curIndex++); }

    void append(MacroInfo info) throws LoadException {
        MacroInfo prev = macros.get(info.name);
        if (prev == null) {
            throw err("Macro uses 'append' or 'override.condition: append' but no macro by that name already exists", info.ctx);
        }
        prev.cond = prev.cond.concat(" ").concat(info.cond);
        prev.visibility = curIndex++;
    }

    void define(RuleInfo info, ReportSink sink) throws LoadException {
        findPrevRule(info.name, info.source, info.ctx);
        boolean known = knownSources.contains(info.source);
        if (!known) {
            info.unknownSource = true;
            sink.warning(Codes.UNKNOWN_SOURCE, "Unknown source " + info.source + ", skipping", info.ctx);
        }
        for (ExceptionInfo ex : info.exceptions) {
            if (!ex.fields.isValid()) {
                throw err("Rule exception item must have fields property with a list of fields", ex.ctx);
            }
            validateException(known, ex);
        }
        rules.define(info, curIndex++);
    }

    void append(RuleUpdateInfo info) throws LoadException {
        RuleInfo prev = findPrevRule(info.name, info.source, info.ctx);
        if (prev == null) {
            throw err("Rule uses 'append' or 'override.<key>: append' but no rule by that name already exists", info.ctx);
        }
        if (!info.hasAnyValue()) throw err("Appended rule must have exceptions or condition property", info.ctx);
        boolean known = !prev.unknownSource;
        if (known && !knownSources.contains(prev.source)) throw err("Unknown source " + prev.source, info.ctx);
        if (info.cond.isPresent() && !info.cond.get().isEmpty()) prev.cond = prev.cond.concat(" ").concat(info.cond.get());
        if (info.output.isPresent() && !info.output.get().isEmpty()) prev.output = prev.output + " " + info.output.get();
        if (info.desc.isPresent() && !info.desc.get().isEmpty()) prev.desc = prev.desc + " " + info.desc.get();
        info.tags.ifPresent(prev.tags::addAll);
        if (info.exceptions.isPresent()) {
            for (ExceptionInfo ex : info.exceptions.get()) {
                ExceptionInfo prevEx = null;
                for (ExceptionInfo p : prev.exceptions) if (p.name.equals(ex.name)) { prevEx = p; break; }
                if (prevEx == null) {
                    if (!ex.fields.isValid()) throw err("Rule exception must have fields property with a list of fields", ex.ctx);
                    if (ex.values.isEmpty()) throw err("Rule exception must have values property with a list of values", ex.ctx);
                    validateException(known, ex);
                    prev.exceptions.add(ex);
                } else {
                    if (ex.fields.isValid()) throw err("Can not append exception fields to existing exception, only values", ex.ctx);
                    if (ex.comps.isValid()) throw err("Can not append exception comps to existing exception, only values", ex.ctx);
                    prevEx.values.addAll(ex.values);
                }
            }
        }
        prev.visibility = curIndex++;
    }

    void selectiveReplace(RuleUpdateInfo info) throws LoadException {
        RuleInfo prev = findPrevRule(info.name, info.source, info.ctx);
        if (prev == null) {
            throw err("An 'override.<key>: replace' to a rule was requested but no rule by that name already exists", info.ctx);
        }
        if (!info.hasAnyValue()) throw err("The rule must have at least one field that can be replaced", info.ctx);
        if (!prev.unknownSource && !knownSources.contains(prev.source)) throw err("Unknown source " + prev.source, info.ctx);
        info.cond.ifPresent(c -> prev.cond = c);
        info.output.ifPresent(o -> prev.output = o);
        info.desc.ifPresent(d -> prev.desc = d);
        info.tags.ifPresent(t -> prev.tags = new java.util.TreeSet<>(t));
        info.exceptions.ifPresent(e -> prev.exceptions = new ArrayList<>(e));
        info.priority.ifPresent(p -> prev.priority = p);
        info.capture.ifPresent(c -> prev.capture = c);
        info.captureDuration.ifPresent(c -> prev.captureDuration = c);
        info.enabled.ifPresent(e -> prev.enabled = e);
        info.warnEvttypes.ifPresent(w -> prev.warnEvttypes = w);
        info.skipIfUnknownFilter.ifPresent(s -> prev.skipIfUnknownFilter = s);
        prev.visibility = curIndex++;
    }

    void enable(String name, boolean enabled, dev.falcoc.compiler.diag.Context ctx) throws LoadException {
        RuleInfo prev = rules.get(name);
        if (prev == null) throw err("Rule has 'enabled' key but no rule by that name already exists", ctx);
        prev.enabled = enabled;
    }

    private RuleInfo findPrevRule(String name, String source, dev.falcoc.compiler.diag.Context ctx) throws LoadException {
        RuleInfo prev = rules.get(name);
        if (prev != null && !prev.source.isEmpty() && !source.isEmpty() && !prev.source.equals(source)) {
            throw err("Rule has been re-defined with a different source", ctx);
        }
        return prev;
    }

    private void validateException(boolean sourceKnown, ExceptionInfo ex) throws LoadException {
        if (ex.fields.isList) {
            if (!ex.comps.isValid()) {
                ex.comps.isList = true;
                ex.comps.items.clear();
                for (int i = 0; i < ex.fields.items.size(); i++) ex.comps.items.add(new Entry("="));
            }
            if (ex.fields.items.size() != ex.comps.items.size()) {
                throw err("Fields and comps lists must have equal length", ex.ctx);
            }
            for (Entry c : ex.comps.items) {
                if (!ConditionParser.allOperators().contains(c.item)) {
                    throw err("'" + c.item + "' is not a supported comparison operator", ex.ctx);
                }
            }
            if (sourceKnown) {
                for (Entry f : ex.fields.items) {
                    if (!fieldValidator.isValidLhsField(f.item)) throw err("'" + f.item + "' is not a supported filter field", ex.ctx);
                }
            }
        } else {
            if (!ex.comps.isValid()) {
                ex.comps.isList = false;
                ex.comps.item = "in";
            }
            if (ex.comps.isList) throw err("Fields and comps must both be strings", ex.ctx);
            if (!ex.comps.item.equals("in") && !ex.comps.item.equals("pmatch") && !ex.comps.item.equals("intersects")) {
                throw err("When fields is a single value, comps must be one of (in, pmatch, intersects)", ex.ctx);
            }
            if (sourceKnown && !fieldValidator.isValidLhsField(ex.fields.item)) {
                throw err("'" + ex.fields.item + "' is not a supported filter field", ex.ctx);
            }
        }
    }
}
