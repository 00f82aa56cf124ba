package dev.falcoc.runtime.config;

import dev.falcoc.compiler.yaml.YNode;
import dev.falcoc.compiler.yaml.YamlReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A falco.yaml document as a plain tree (maps, lists, scalar strings) with Falco's key syntax:
 * {@code a.b}, {@code a[2].b}, and {@code a[].b} to append a new item when setting.
 */
public final class ConfigTree {
    /** Maps are LinkedHashMap<String,Object>, sequences ArrayList<Object>, scalars String, null = absent/null. */
    private Object root = new LinkedHashMap<String, Object>();

    public static ConfigTree parse(String label, String text) throws ConfigException {
        ConfigTree t = new ConfigTree();
        List<YNode> docs;
        try {
            docs = YamlReader.readAll(label, text);
        } catch (YamlReader.SyntaxError e) {
            throw new ConfigException("Error reading config file (" + label + "): yaml-cpp: error at line "
                    + (e.line + 1) + ", column " + (e.column + 1) + ": " + e.getMessage());
        }
        if (!docs.isEmpty() && docs.getFirst() != null && !docs.getFirst().isNull()) {
            if (!docs.getFirst().isMap()) throw new ConfigException("Error reading config file (" + label + "): the configuration is not a YAML map");
            t.root = convert(docs.getFirst());
        }
        return t;
    }

    static Object convert(YNode n) {
        if (n == null || n.isNull()) return null;
        return switch (n.kind) {
            case SCALAR -> n.value;
            case SEQUENCE -> {
                List<Object> l = new ArrayList<>();
                for (YNode i : n.items) l.add(convert(i));
                yield l;
            }
            case MAP -> {
                Map<String, Object> m = new LinkedHashMap<>();
                // yaml-cpp lookups find the first entry of a duplicated key
                for (YNode.Entry e : n.entries) if (e.key().isScalar()) m.putIfAbsent(e.key().value, convert(e.value()));
                yield m;
            }
        };
    }

    /** The node at a key path, or null when any step is missing. */
    public Object get(String key) throws ConfigException {
        Object cur = root;
        for (Step s : steps(key, false)) {
            if (s.name != null) {
                if (!(cur instanceof Map<?, ?> m)) return null;
                cur = m.get(s.name);
            } else {
                if (!(cur instanceof List<?> l) || s.index < 0 || s.index >= l.size()) return null;
                cur = l.get(s.index);
            }
            if (cur == null) return null;
        }
        return cur;
    }

    public boolean isDefined(String key) throws ConfigException { return get(key) != null; }

    /** Sets a value (a scalar string, or a tree from {@link #parseValue}), creating the path. */
    @SuppressWarnings("unchecked")
    public void set(String key, Object value) throws ConfigException {
        List<Step> steps = steps(key, true);
        if (steps.isEmpty()) throw new ConfigException("Config error at key \"" + key + "\": empty key");
        Object cur = root;
        Object parent = null;
        Step via = null;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            boolean last = i == steps.size() - 1;
            if (s.name != null) {
                if (!(cur instanceof Map<?, ?>)) {
                    cur = replace(parent, via, new LinkedHashMap<String, Object>());
                }
                Map<String, Object> m = (Map<String, Object>) cur;
                if (last) { m.put(s.name, value); return; }
                Object next = m.get(s.name);
                parent = m;
                via = s;
                cur = next;
            } else {
                if (!(cur instanceof List<?>)) {
                    cur = replace(parent, via, new ArrayList<Object>());
                }
                List<Object> l = (List<Object>) cur;
                int idx = s.index;
                if (idx == Step.APPEND) { l.add(null); idx = l.size() - 1; }
                if (idx < 0) throw new ConfigException("Config error at key \"" + key + "\": negative index");
                while (l.size() <= idx) l.add(null);
                if (last) { l.set(idx, value); return; }
                parent = l;
                via = new Step(null, idx);
                cur = l.get(idx);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Object replace(Object parent, Step via, Object fresh) {
        if (parent == null) { root = fresh; return fresh; }
        if (via.name != null) ((Map<String, Object>) parent).put(via.name, fresh);
        else ((List<Object>) parent).set(via.index, fresh);
        return fresh;
    }

    /** Falco's -o value: "{...}" is parsed as a YAML object, anything else is a scalar. */
    public static Object parseValue(String v) throws ConfigException {
        if (v.length() >= 2 && v.charAt(0) == '{' && v.charAt(v.length() - 1) == '}') {
            try {
                List<YNode> docs = YamlReader.readAll("-o", v);
                return docs.isEmpty() ? null : convert(docs.getFirst());
            } catch (YamlReader.SyntaxError e) {
                throw new ConfigException("Error parsing config option value \"" + v + "\": " + e.getMessage());
            }
        }
        return v;
    }

    private record Step(String name, int index) {
        static final int APPEND = -2;
    }

    /** Key syntax as Falco's yaml_helper::get_node reads it. */
    private static List<Step> steps(String key, boolean canAppend) throws ConfigException {
        List<Step> out = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean shift = c == '.' || c == '[' || i == key.length() - 1;
            if (c != '.' && c != '[') {
                if (i > 0 && name.isEmpty() && key.charAt(i - 1) != '.') {
                    throw new ConfigException("Config error at key \"" + key + "\": Parsing error: expected '.' character at pos " + (i - 1));
                }
                name.append(c);
            }
            if (shift) {
                if (name.isEmpty()) throw new ConfigException("Config error at key \"" + key + "\": Parsing error: unexpected character at pos " + i);
                out.add(new Step(name.toString(), 0));
                name.setLength(0);
            }
            if (c == '[') {
                int close = key.indexOf(']', i);
                if (close < 0) throw new ConfigException("Config error at key \"" + key + "\": Parsing error: missing ']'");
                String idx = key.substring(i + 1, close);
                if (idx.isEmpty() && canAppend) {
                    out.add(new Step(null, Step.APPEND));
                } else {
                    try {
                        out.add(new Step(null, Integer.parseInt(idx)));
                    } catch (NumberFormatException e) {
                        throw new ConfigException("Config error at key \"" + key + "\": Parsing error: expected a numeric index, found '" + idx + "'");
                    }
                }
                i = close;
                if (i < key.length() - 1 && key.charAt(i + 1) == '.') i++;
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ typed getters

    public String string(String key, String def) throws ConfigException {
        Object v = get(key);
        if (v == null) return def;
        if (v instanceof String s) return s;
        throw new ConfigException("Config error at key \"" + key + "\": expected a scalar value");
    }

    /** yaml-cpp's bool spellings. */
    public boolean bool(String key, boolean def) throws ConfigException {
        String s = string(key, null);
        if (s == null) return def;
        Boolean b = parseBool(s);
        if (b == null) throw new ConfigException("Config error at key \"" + key + "\": '" + s + "' is not a boolean");
        return b;
    }

    static Boolean parseBool(String s) {
        return switch (s) {
            case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON" -> Boolean.TRUE;
            case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF" -> Boolean.FALSE;
            default -> null;
        };
    }

    public long integer(String key, long def) throws ConfigException {
        String s = string(key, null);
        if (s == null) return def;
        try {
            return Long.parseLong(s.trim().toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            throw new ConfigException("Config error at key \"" + key + "\": '" + s + "' is not a number");
        }
    }

    /** A sequence of scalars; a single scalar counts as a one-item sequence, as Falco reads it. */
    public List<String> strings(String key) throws ConfigException {
        Object v = get(key);
        List<String> out = new ArrayList<>();
        if (v == null) return out;
        if (v instanceof String s) { out.add(s); return out; }
        if (v instanceof List<?> l) {
            for (Object o : l) if (o instanceof String s) out.add(s);
            return out;
        }
        throw new ConfigException("Config error at key \"" + key + "\": expected a sequence");
    }
}
