package dev.falcoc.runtime.testing;

import dev.falcoc.compiler.check.CheckException;
import dev.falcoc.compiler.check.Ip;
import dev.falcoc.compiler.check.ValueParser;
import dev.falcoc.compiler.diag.Severity;
import dev.falcoc.compiler.ir.IpAddr;
import dev.falcoc.compiler.lint.FieldPresence;
import dev.falcoc.compiler.report.Finding;
import dev.falcoc.compiler.schema.EventTable;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.compiler.schema.FieldType;
import dev.falcoc.compiler.yaml.YNode;
import dev.falcoc.compiler.yaml.YamlReader;
import dev.falcoc.runtime.config.FalcoConfig.RuleMatching;
import dev.falcoc.runtime.testing.TestFile.At;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads rule-test files (docs/rule-tests.md) with the compiler's position-keeping YAML reader.
 * Every problem is a {@link Finding} with the file's line and column; a file with errors is not run.
 * Event fields are resolved and typed with the field catalogue, and checked against the event
 * type with the FALCOC_FIELD_NEVER_SET lint's knowledge.
 */
public final class TestFileReader {
    public static final String SYNTAX = "TEST_SYNTAX", SCHEMA = "TEST_SCHEMA", UNKNOWN_FIELD = "TEST_UNKNOWN_FIELD",
            BAD_VALUE = "TEST_BAD_VALUE", FIELD_NEVER_SET = "TEST_FIELD_NEVER_SET", UNKNOWN_RULE = "TEST_UNKNOWN_RULE",
            RULES = "TEST_RULES";

    private static final Set<String> TOP_KEYS = Set.of("rules", "rule_matching", "defaults", "tests");
    private static final Set<String> TEST_KEYS = Set.of("name", "event", "capture", "evt.num", "expect");
    private static final Set<String> EXPECT_KEYS = Set.of("fire", "silent", "others");
    private static final Set<String> FIRE_KEYS = Set.of("rule", "output", "output_contains", "output_fields");
    /** Filter-only fields that rule tests derive from the plain ones. */
    private static final Map<String, String> DERIVED = Map.of("fd.snet", "fd.sip", "fd.cnet", "fd.cip", "fd.net", "fd.sip/fd.cip",
            "fd.lnet", "fd.lip", "fd.rnet", "fd.rip");

    private final FieldResolver resolver = FieldResolver.get();
    private final EventTable events = EventTable.get();
    private final Path path;
    private final String text;
    private final List<Finding> findings = new ArrayList<>();

    private TestFileReader(Path path, String text) {
        this.path = path;
        this.text = text;
    }

    /** Parses a test file's text; never throws on bad input. */
    public static TestFile read(Path path, String text) {
        return new TestFileReader(path, text).read();
    }

    /** Whether a YAML text looks like a rule-test file (a top-level tests: key). */
    public static boolean looksLikeTests(String text) {
        return text.startsWith("tests:") || text.contains("\ntests:");
    }

    private TestFile read() {
        List<Path> rules = new ArrayList<>();
        List<TestFile.TestCase> tests = new ArrayList<>();
        RuleMatching matching = RuleMatching.FIRST;
        YNode root;
        try {
            List<YNode> docs = YamlReader.readAll(path.toString(), text);
            root = docs.isEmpty() ? null : docs.getFirst();
        } catch (YamlReader.SyntaxError e) {
            findings.add(finding(Severity.ERROR, SYNTAX, e.getMessage(), new At(e.line + 1, e.column + 1, e.offset)));
            return done(rules, matching, tests);
        }
        if (root == null || !root.isMap()) {
            findings.add(finding(Severity.ERROR, SCHEMA, "a rule-test file is a map with rules: and tests:", root == null ? new At(1, 1, 0) : at(root)));
            return done(rules, matching, tests);
        }
        unknownKeys(root, TOP_KEYS, "top-level");
        YNode r = root.get("rules");
        if (r == null) {
            findings.add(finding(Severity.ERROR, SCHEMA, "missing 'rules': the rules files to load, in order", at(root)));
        } else {
            for (YNode f : r.isSequence() ? r.items : List.of(r)) {
                String s = scalar(f, "a rules file path");
                if (s != null) rules.add(resolve(s));
            }
        }
        YNode m = root.get("rule_matching");
        if (m != null) {
            String s = scalar(m, "first or all");
            if ("all".equals(s)) matching = RuleMatching.ALL;
            else if (s != null && !s.equals("first")) findings.add(finding(Severity.ERROR, SCHEMA, "rule_matching must be first or all, not '" + s + "'", at(m)));
        }
        Map<String, YNode> defaults = new LinkedHashMap<>();
        YNode d = root.get("defaults");
        if (d != null) {
            if (!d.isMap()) findings.add(finding(Severity.ERROR, SCHEMA, "defaults: must map field names to values", at(d)));
            else for (YNode.Entry e : d.entries) defaults.put(e.key().value, e.value());
        }
        YNode t = root.get("tests");
        if (t == null || !t.isSequence()) {
            findings.add(finding(Severity.ERROR, SCHEMA, "'tests' must be a list of tests", t == null ? at(root) : at(t)));
        } else {
            Set<String> names = new java.util.HashSet<>();
            for (YNode tn : t.items) {
                TestFile.TestCase tc = testCase(tn, defaults, d);
                if (tc == null) continue;
                if (!names.add(tc.name())) findings.add(finding(Severity.ERROR, SCHEMA, "duplicate test name '" + tc.name() + "'", tc.at()));
                tests.add(tc);
            }
        }
        return done(rules, matching, tests);
    }

    private TestFile done(List<Path> rules, RuleMatching m, List<TestFile.TestCase> tests) {
        return new TestFile(path, text, rules, m, tests, findings);
    }

    private Path resolve(String p) {
        Path dir = path.toAbsolutePath().getParent();
        return dir == null ? Path.of(p) : dir.resolve(p).normalize();
    }

    private TestFile.TestCase testCase(YNode n, Map<String, YNode> defaults, YNode defaultsNode) {
        if (!n.isMap()) {
            findings.add(finding(Severity.ERROR, SCHEMA, "a test is a map with name:, event: or capture:, and expect:", at(n)));
            return null;
        }
        unknownKeys(n, TEST_KEYS, "test");
        YNode nameNode = n.get("name");
        String name = nameNode == null ? null : scalar(nameNode, "the test's name");
        if (name == null) {
            if (nameNode == null) findings.add(finding(Severity.ERROR, SCHEMA, "a test needs a name:", at(n)));
            return null;
        }
        YNode ev = n.get("event"), cap = n.get("capture");
        TestFile.Source src = null;
        if ((ev == null) == (cap == null)) {
            findings.add(finding(Severity.ERROR, SCHEMA, "test '" + name + "' needs exactly one of event: (synthetic fields) or capture: (a .scap file)", at(n)));
        } else if (ev != null) {
            src = synthetic(ev, defaults);
        } else {
            src = capture(cap, n.get("evt.num"), name, at(n));
        }
        if (ev != null && n.get("evt.num") != null) {
            findings.add(finding(Severity.ERROR, SCHEMA, "evt.num selects events of a capture; give it inside event: for a synthetic event", at(n.keyNode("evt.num"))));
        }
        YNode ex = n.get("expect");
        TestFile.Expect expect = null;
        if (ex == null) findings.add(finding(Severity.ERROR, SCHEMA, "test '" + name + "' has no expect:", at(n)));
        else expect = expect(ex);
        if (src == null || expect == null) return null;
        return new TestFile.TestCase(name, at(nameNode), src, expect);
    }

    private TestFile.Source capture(YNode cap, YNode num, String name, At testAt) {
        String f = scalar(cap, "a .scap file");
        if (f == null) return null;
        long from = 1, to = Long.MAX_VALUE;
        if (num != null) {
            String s = scalar(num, "an evt.num or a range N-M");
            if (s == null) return null;
            try {
                int dash = s.indexOf('-', 1);
                from = Long.parseLong(dash < 0 ? s.trim() : s.substring(0, dash).trim());
                to = dash < 0 ? from : Long.parseLong(s.substring(dash + 1).trim());
                if (from < 1 || to < from) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                findings.add(finding(Severity.ERROR, BAD_VALUE, "evt.num must be a positive number or a range N-M, not '" + s + "'", at(num)));
                return null;
            }
        }
        return new TestFile.Capture(resolve(f), from, to);
    }

    // ---------------------------------------------------------------- synthetic events

    private TestFile.Source synthetic(YNode ev, Map<String, YNode> defaults) {
        if (!ev.isMap()) {
            findings.add(finding(Severity.ERROR, SCHEMA, "event: must map field names to values", at(ev)));
            return null;
        }
        Map<String, YNode> given = new LinkedHashMap<>(defaults);
        Map<String, YNode> keys = new LinkedHashMap<>();
        for (YNode.Entry e : ev.entries) {
            given.put(e.key().value, e.value());
            keys.put(e.key().value, e.key());
        }
        YNode typeNode = given.get("evt.type");
        if (typeNode == null) {
            findings.add(finding(Severity.ERROR, SCHEMA, "the event needs an evt.type (rules are selected by event type)", at(ev)));
            return null;
        }
        String type = scalar(typeNode, "an event type name");
        if (type == null) return null;
        BitSet codes = events.codesFor(type);
        if (codes.isEmpty()) {
            findings.add(finding(Severity.ERROR, BAD_VALUE, "unknown event type '" + type + "'", at(typeNode)));
            return null;
        }
        int code = exitCode(codes);
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, At> positions = new LinkedHashMap<>();
        boolean ok = true;
        for (Map.Entry<String, YNode> e : given.entrySet()) {
            YNode keyNode = keys.get(e.getKey());
            At keyAt = keyNode != null ? at(keyNode) : at(e.getValue());
            ok &= field(e.getKey(), e.getValue(), keyAt, codes, type, values, positions);
        }
        if (!ok) return null;
        derive(values);
        return new TestFile.Synthetic(new SyntheticEvent(values, code, 0), positions);
    }

    /** The code an event type's events reach rules with: the newest exit event (enter events of syscalls are hidden). */
    private int exitCode(BitSet codes) {
        int best = -1;
        for (int i = codes.nextSetBit(0); i >= 0; i = codes.nextSetBit(i + 1)) {
            EventTable.Event e = events.event(i);
            boolean exit = !e.enter() || (e.category() & 512) == 0;
            if (best < 0 || (exit && !e.flags().contains("OLD_VERSION"))) best = i;
            else if (exit && events.event(best).enter()) best = i;
        }
        return best;
    }

    private boolean field(String name, YNode v, At keyAt, BitSet codes, String type,
                          Map<String, Object> values, Map<String, At> positions) {
        FieldResolver.Resolved r;
        try {
            r = resolver.resolveExact(name);
        } catch (FieldResolver.FieldSyntaxException ex) {
            findings.add(finding(Severity.ERROR, UNKNOWN_FIELD, "field '" + name + "': " + ex.getMessage(), keyAt));
            return false;
        }
        if (r == null) {
            findings.add(finding(Severity.ERROR, UNKNOWN_FIELD, "unknown field '" + name + "'", keyAt));
            return false;
        }
        String canon = r.text();
        if (DERIVED.containsKey(canon)) {
            findings.add(finding(Severity.ERROR, UNKNOWN_FIELD, "'" + canon + "' is filter-only; give " + DERIVED.get(canon) + " instead", keyAt));
            return false;
        }
        String why = FieldPresence.whyUnset(canon, codes, resolver, events);
        if (why != null) {
            findings.add(finding(Severity.ERROR, FIELD_NEVER_SET, "field '" + canon + "' never has a value for evt.type " + type + ": " + why, keyAt));
            return false;
        }
        boolean ancestors = r.info().name().equals("proc.aname") && r.arg().isEmpty();
        Object value;
        if (v.isNull()) {
            value = null; // explicitly without a value (e.g. to override a default)
        } else if (ancestors || r.list()) {
            List<YNode> items = v.isSequence() ? v.items : List.of(v);
            List<Object> out = new ArrayList<>();
            for (YNode i : items) {
                Object o = typed(canon, ancestors ? FieldType.CHARBUF : r.type(), i);
                if (o == null) return false;
                out.add(o);
            }
            value = out;
        } else {
            value = typed(canon, r.type(), v);
            if (value == null) return false;
        }
        values.put(canon, value);
        positions.put(canon, keyAt);
        return true;
    }

    /** A YAML value parsed as the field's type; null (after a finding) when impossible. */
    private Object typed(String field, FieldType t, YNode v) {
        if (!v.isScalar()) {
            findings.add(finding(Severity.ERROR, BAD_VALUE, "field '" + field + "' takes a single " + t + " value", at(v)));
            return null;
        }
        String s = v.value;
        try {
            return switch (t) {
                case CHARBUF, FSPATH, FSRELPATH -> {
                    if (field.equals("evt.res") && !s.equals("SUCCESS") && !s.matches("E[A-Z0-9]+")) {
                        throw new CheckException.Message("evt.res is SUCCESS or an errno name such as ENOENT, not '" + s + "' (use evt.rawres for numbers)");
                    }
                    yield s;
                }
                case BYTEBUF -> s.getBytes(StandardCharsets.UTF_8);
                case BOOL -> {
                    ValueParser.check(s, t);
                    yield Boolean.parseBoolean(s);
                }
                case DOUBLE -> Double.parseDouble(s);
                case PORT -> {
                    ValueParser.check(s, t);
                    yield s.chars().allMatch(Character::isDigit) ? Long.parseLong(s) : (long) ValueParser.SERVICES.get(s);
                }
                case IPV4ADDR, IPV6ADDR, IPADDR -> {
                    byte[] a = s.indexOf('.') >= 0 ? Ip.parseV4(s) : Ip.parseV6(s);
                    if (a == null) throw new CheckException.Message("not an IP address: '" + s + "'");
                    yield new IpAddr(a);
                }
                default -> {
                    if (!dev.falcoc.compiler.ir.Kind.of(t).isInteger()) {
                        throw new CheckException.Message("values of type " + t + " cannot be given in tests");
                    }
                    yield ValueParser.integer(s);
                }
            };
        } catch (CheckException.Message | NumberFormatException e) {
            findings.add(finding(Severity.ERROR, BAD_VALUE, "field '" + field + "' (" + t + "): " + e.getMessage(), at(v)));
            return null;
        }
    }

    /** Fields Falco computes from others, filled in when the test does not give them. */
    private static void derive(Map<String, Object> v) {
        v.putIfAbsent("evt.dir", "<");
        if (v.get("proc.aname") instanceof List<?> l && !l.isEmpty()) {
            v.putIfAbsent("proc.pname", l.getFirst());
            for (int i = 0; i < l.size(); i++) v.putIfAbsent("proc.aname[" + (i + 1) + "]", l.get(i));
        }
        if (v.get("proc.name") != null) v.putIfAbsent("proc.aname[0]", v.get("proc.name"));
        if (v.get("proc.pname") != null) v.putIfAbsent("proc.aname[1]", v.get("proc.pname"));
        if (v.get("evt.res") instanceof String res) {
            v.putIfAbsent("evt.failed", !res.equals("SUCCESS"));
            if (res.equals("SUCCESS")) v.putIfAbsent("evt.rawres", 0L);
        } else if (v.get("evt.rawres") instanceof Long raw) {
            v.putIfAbsent("evt.failed", raw < 0);
            if (raw >= 0) v.putIfAbsent("evt.res", "SUCCESS");
        }
        if (v.get("fd.name") instanceof String n && n.startsWith("/")) {
            int slash = n.lastIndexOf('/');
            v.putIfAbsent("fd.directory", slash == 0 ? "/" : n.substring(0, slash));
            v.putIfAbsent("fd.filename", n.substring(slash + 1));
        }
    }

    // ---------------------------------------------------------------- expectations

    private TestFile.Expect expect(YNode n) {
        if (!n.isMap()) {
            findings.add(finding(Severity.ERROR, SCHEMA, "expect: is a map with fire: and/or silent:", at(n)));
            return null;
        }
        unknownKeys(n, EXPECT_KEYS, "expect");
        List<TestFile.Fire> fire = new ArrayList<>();
        List<TestFile.Silent> silent = new ArrayList<>();
        YNode f = n.get("fire");
        if (f != null) {
            for (YNode i : f.isSequence() ? f.items : List.of(f)) {
                if (i.isScalar()) {
                    fire.add(new TestFile.Fire(i.value, at(i), null, null, Map.of()));
                    continue;
                }
                if (!i.isMap() || i.get("rule") == null) {
                    findings.add(finding(Severity.ERROR, SCHEMA, "a fire: entry is a rule name or a map with rule: and output checks", at(i)));
                    continue;
                }
                unknownKeys(i, FIRE_KEYS, "fire");
                String rule = scalar(i.get("rule"), "a rule name");
                String out = i.get("output") == null ? null : scalar(i.get("output"), "the expected output text");
                String contains = i.get("output_contains") == null ? null : scalar(i.get("output_contains"), "a text the output contains");
                Map<String, String> fields = new LinkedHashMap<>();
                YNode of = i.get("output_fields");
                if (of != null) {
                    if (!of.isMap()) findings.add(finding(Severity.ERROR, SCHEMA, "output_fields: maps output fields to expected values", at(of)));
                    else for (YNode.Entry e : of.entries) {
                        String val = e.value().isNull() ? null : scalar(e.value(), "the field's expected rendering");
                        fields.put(e.key().value, val);
                    }
                }
                if (rule != null) fire.add(new TestFile.Fire(rule, at(i.get("rule")), out, contains, fields));
            }
        }
        YNode s = n.get("silent");
        if (s != null) {
            for (YNode i : s.isSequence() ? s.items : List.of(s)) {
                String rule = scalar(i, "a rule name");
                if (rule != null) silent.add(new TestFile.Silent(rule, at(i)));
            }
        }
        boolean others = false;
        YNode o = n.get("others");
        if (o != null) {
            String v = scalar(o, "allow or fail");
            if ("allow".equals(v)) others = true;
            else if (v != null && !v.equals("fail")) findings.add(finding(Severity.ERROR, SCHEMA, "others: must be allow or fail", at(o)));
        }
        for (TestFile.Silent x : silent) {
            if (fire.stream().anyMatch(y -> y.rule().equals(x.rule()))) {
                findings.add(finding(Severity.ERROR, SCHEMA, "rule '" + x.rule() + "' is expected both to fire and to stay silent", x.at()));
            }
        }
        return new TestFile.Expect(fire, silent, others);
    }

    // ---------------------------------------------------------------- helpers

    private String scalar(YNode n, String what) {
        if (n == null || !n.isScalar() || n.isNull()) {
            findings.add(finding(Severity.ERROR, SCHEMA, "expected " + what, n == null ? new At(1, 1, 0) : at(n)));
            return null;
        }
        return n.value;
    }

    private void unknownKeys(YNode map, Set<String> known, String where) {
        for (YNode.Entry e : map.entries) {
            if (!e.key().isScalar() || !known.contains(e.key().value)) {
                String k = e.key().isScalar() ? e.key().value : "?";
                findings.add(finding(Severity.ERROR, SCHEMA, "unknown " + where + " key '" + k + "' (expected one of " + String.join(", ", new java.util.TreeSet<>(known)) + ")", at(e.key())));
            }
        }
    }

    static At at(YNode n) { return new At(n.line + 1, n.column + 1, n.offset); }

    Finding finding(Severity s, String code, String msg, At at) {
        return finding(path, text, s, code, msg, at);
    }

    static Finding finding(Path path, String text, Severity s, String code, String msg, At at) {
        return new Finding(s, code, msg, path.toString(), path.toUri().toString(), at.line(), at.column(), "", text, at.offset(), false);
    }
}
