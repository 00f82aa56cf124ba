package dev.falcoc.compiler.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The fast reader gives SnakeYAML's trees exactly, or declines. */
class FastYamlTest {

    // ---- comparison

    /** Why two trees differ (path and field), or null when they are the same. */
    static String diff(YNode a, YNode b, String path) {
        if (a == null || b == null) return a == b ? null : path + ": null vs " + (a == null ? "node" : "null");
        if (a.kind != b.kind) return path + ": kind " + a.kind + " vs " + b.kind;
        if (!a.value.equals(b.value)) return path + ": value " + quote(a.value) + " vs " + quote(b.value);
        if (a.style != b.style) return path + ": style " + a.style + " vs " + b.style;
        if (a.line != b.line || a.column != b.column || a.offset != b.offset || a.endOffset != b.endOffset) {
            return path + ": mark " + a.line + ":" + a.column + "@" + a.offset + "-" + a.endOffset
                    + " vs " + b.line + ":" + b.column + "@" + b.offset + "-" + b.endOffset;
        }
        if (a.items.size() != b.items.size()) return path + ": " + a.items.size() + " vs " + b.items.size() + " items";
        for (int i = 0; i < a.items.size(); i++) {
            String d = diff(a.items.get(i), b.items.get(i), path + "[" + i + "]");
            if (d != null) return d;
        }
        if (a.entries.size() != b.entries.size()) return path + ": " + a.entries.size() + " vs " + b.entries.size() + " entries";
        for (int i = 0; i < a.entries.size(); i++) {
            String d = diff(a.entries.get(i).key(), b.entries.get(i).key(), path + "{" + i + " key}");
            if (d == null) d = diff(a.entries.get(i).value(), b.entries.get(i).value(), path + "." + a.entries.get(i).key().value);
            if (d != null) return d;
        }
        return null;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "\"";
    }

    /**
     * Checks one text: the fast path declines, or SnakeYAML accepts it and the trees match
     * (including ScalarMap's offsets, which derive from them). True when the fast path answered.
     */
    static boolean check(String what, String text) {
        List<YNode> fast = FastYaml.read(text);
        if (fast == null) return false;
        List<YNode> snake;
        try {
            snake = YamlReader.readAllSnake(what, text);
        } catch (YamlReader.SyntaxError e) {
            fail(what + ": the fast path accepted a text SnakeYAML rejects (" + e.getMessage() + ")\n" + text);
            return true;
        } catch (IndexOutOfBoundsException e) {
            // SnakeYAML 2.9's StreamReader can overrun its buffer when a surrogate pair straddles its
            // 1024-code-point window (falcoc used to report an internal error); nothing to compare with
            return true;
        }
        if (fast.size() != snake.size()) fail(what + ": " + fast.size() + " vs " + snake.size() + " documents\n" + text);
        for (int i = 0; i < fast.size(); i++) {
            String d = diff(fast.get(i), snake.get(i), "doc" + i);
            if (d != null) fail(what + ": fast vs SnakeYAML: " + d + "\n---- text:\n" + text);
        }
        return true;
    }

    // ---- the corpus: every YAML file of the shared data and of the project

    static Path shared() {
        for (String base : new String[] {System.getProperty("falcoc.shared", ""), "../../shared", "/work/shared"}) {
            if (!base.isEmpty() && Files.isDirectory(Path.of(base, "rules"))) return Path.of(base);
        }
        return null;
    }

    static List<Path> corpus() {
        List<Path> files = new ArrayList<>();
        Path sh = shared();
        if (sh != null) files.addAll(yamlFiles(sh));
        files.addAll(yamlFiles(Path.of("..")));  // the project (tests run in the module directory)
        return files;
    }

    private static List<Path> yamlFiles(Path root) {
        try (Stream<Path> s = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/node_modules/") && !p.toString().contains("/.git/"))
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void corpusFilesMatchSnakeYamlOrDecline() {
        List<Path> files = corpus();
        assertTrue(files.size() > 100, "corpus too small: " + files.size());
        int fast = 0;
        List<String> declined = new ArrayList<>();
        for (Path p : files) {
            if (check(p.toString(), read(p))) fast++;
            else declined.add(p.toString());
        }
        System.out.println("FastYamlTest: " + fast + " of " + files.size() + " corpus files read by the fast path; declined: " + declined);
        // most fixtures are plain rules files: the fast path must take them
        assertTrue(fast * 10 >= files.size() * 8, "the fast path declined too many files: " + declined);
    }

    @Test
    void officialAndBundledRulesAreNotDeclined() {
        List<Path> must = new ArrayList<>();
        Path sh = shared();
        if (sh != null) {
            must.addAll(yamlFiles(sh.resolve("rules")));
            must.addAll(yamlFiles(sh.resolve("bench")));
        }
        must.addAll(yamlFiles(Path.of("../test-rules/rules")));
        must.addAll(yamlFiles(Path.of("src/test/resources/yaml")));  // a falco.yaml and Helm values
        assertTrue(must.size() >= 1);
        for (Path p : must) assertTrue(check(p.toString(), read(p)), "the fast path declined " + p);
    }

    // ---- hand-picked cases

    @Test
    void subsetCasesAreReadAndMatch() {
        String[] texts = {
            "", "# only a comment\n", "a: 1\n", "a:\n", "a:", "- a\n- b\n", "-\n- \n-", "a: b\nc: d\r\ne: f\r\n",
            "k:\n- a\n- b\nz: 1\n", "k:\n  - a\n  -\n    x: 1\n    y:\n", "- a: 1\n  b: 2\n- c\n",
            "- - a\n  - b\n- - c\n", "a: 'it''s'\nb: \"x\\ty\\u00e9\\\"\\\\\"\n", "a: \"multi\n  line\n\n  text\"\n",
            "a: 'multi\n\n line'\n", "a: plain\n  continued\n\n  again\nb: x\n", "a: |\n  line1\n   line2\n\n  line3\n\nb: 1\n",
            "a: >-\n  folded\n  text\n\n  para\n", "a: |+\n  keep\n\n\n", "a: |2\n    indented\n", "a: >\n\n  x\n  y\n    z\n  w\n",
            "a: [1, 2, 'x', \"y\"]\nb: []\nc: [[a, b], [c]]\nd: {x: 1, 'y': [2], \"z\": }\ne: {}\n",
            "---\na: 1\n---\nb: 2\n...\n", "---\n", "--- # c\n---\n", "a: 1 # c\n# c\nb: 2 #c\n", "\"q\": 1\n'r' : 2\nkey   : v\n",
            "a: é ü 中文 😀\n😀: x\n", "a: x#y\nb: x # y\n", "a:b\n", "- 'a'\n- \"b\"\n- |\n  c\n- >\n  d\n", "-a: b\n",
            "a: \"esc \\\n  aped\"\n", "a:\n  b:\n    c:\n      d: [x]\n  e: f\n", "x\n", "x\n...\n", "a: [x,\n  y]\n", "[a, b]\n",
            "a: |\n", "a: >\n\nb: 1\n", "a: - b\n",
        };
        for (String t : texts) check(quote(t), t);
        assertNotNull(FastYaml.read("a: |\n  x\nb: [1, {c: d}]\n"));
    }

    @Test
    void outsideTheSubsetDeclines() {
        String[] texts = {
            "a: &x 1\nb: *x\n", "a: !!str 1\n", "%YAML 1.2\n---\na: 1\n", "? a\n: b\n", "a:\n\tb: 1\n", "a: 1\n  b: 2\n",
            "a: b: c\n", "- a\nb: 1\n", "a: \"unterminated\n", "a: [1, 2\n", "\uFEFFa: 1\n", "a: 1\rb: 2\n", "[a]: b\n",
            "a: \"\\q\"\n", "a: 1\nb\n", "a: 1\n---x\n",
        };
        for (String t : texts) assertNull(FastYaml.read(t), quote(t));
    }

    @Test
    void deepNestingDeclinesBeyondItsLimit() {
        String shallow = "a: " + "[".repeat(40) + "x" + "]".repeat(40) + "\n";
        assertTrue(check("shallow", shallow));
        String deep = "a: " + "[".repeat(300) + "x" + "]".repeat(300) + "\n";
        assertNull(FastYaml.read(deep));
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < 300; i++) block.append(" ".repeat(i)).append("k").append(i).append(":\n");
        assertNull(FastYaml.read(block.toString()));
    }

    @Test
    void snakeYamlBufferOverrunIsReadByTheFastPath() {
        // valid YAML on which SnakeYAML 2.9 throws IndexOutOfBoundsException (a surrogate pair at its window's end)
        String text = "k: '" + "x".repeat(1020) + "\uD83D\uDE00'\n";
        List<YNode> docs = FastYaml.read(text);
        assertNotNull(docs);
        assertEquals("x".repeat(1020) + "\uD83D\uDE00", docs.get(0).get("k").value);
    }

    @Test
    void longKeysDecline() {
        assertTrue(check("key", "k" + "x".repeat(900) + ": v\n"));
        assertNull(FastYaml.read("k" + "x".repeat(1100) + ": v\n"));
    }

    @Test
    void readAllGivesSnakeYamlsErrors() {
        String bad = "rule: x\n  cond: [a, b\n";
        YamlReader.SyntaxError viaReadAll = null, viaSnake = null;
        try { YamlReader.readAll("f", bad); } catch (YamlReader.SyntaxError e) { viaReadAll = e; }
        try { YamlReader.readAllSnake("f", bad); } catch (YamlReader.SyntaxError e) { viaSnake = e; }
        assertNotNull(viaSnake);
        assertNotNull(viaReadAll);
        assertEquals(viaSnake.getMessage(), viaReadAll.getMessage());
        assertEquals(viaSnake.offset, viaReadAll.offset);
    }

    // ---- properties

    /** Random Falco-like rules documents. */
    @Property(tries = 400)
    void randomRulesDocuments(@ForAll long seed) {
        String text = new DocGen(new Random(seed)).document();
        check("seed " + seed, text);
    }

    @Property(tries = 300)
    void randomDocumentsAreMostlyRead(@ForAll long seed) {
        // guards against a fast path that silently declines everything: clean generated documents are read
        DocGen g = new DocGen(new Random(seed));
        g.clean = true;
        String text = g.document();
        assertTrue(check("seed " + seed, text), "declined a clean generated document:\n" + text);
    }

    private static List<String> corpusTexts;

    private static synchronized List<String> corpusTexts() {
        if (corpusTexts == null) corpusTexts = corpus().stream().map(FastYamlTest::read).filter(t -> t.length() < 40_000).toList();
        return corpusTexts;
    }

    /** Random mutations of corpus files: deleted, inserted and duplicated characters and lines. */
    @Property(tries = 600)
    void mutatedCorpusFiles(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int mutations) {
        List<String> texts = corpusTexts();
        if (texts.isEmpty()) return;
        Random r = new Random(seed);
        StringBuilder t = new StringBuilder(texts.get(r.nextInt(texts.size())));
        for (int m = 0; m < mutations && t.length() > 0; m++) mutate(t, r);
        check("mutation seed " + seed + "x" + mutations, t.toString());
    }

    private static final String INSERTS = " \t\n\r:-#\"'|>[]{},&*!?x\\é😀0123456789+.%@`~";

    static void mutate(StringBuilder t, Random r) {
        int i = r.nextInt(t.length());
        int ls = t.lastIndexOf("\n", i) + 1, le = t.indexOf("\n", i);
        if (le < 0) le = t.length();
        switch (r.nextInt(8)) {
            case 0 -> t.deleteCharAt(i);
            case 1 -> {
                int k = r.nextInt(INSERTS.length());
                if (Character.isSurrogate(INSERTS.charAt(k))) t.insert(i, "😀");
                else t.insert(i, INSERTS.charAt(k));
            }
            case 2 -> t.insert(i, t.charAt(i));
            case 3 -> t.delete(ls, Math.min(t.length(), le + 1));
            case 4 -> t.insert(ls, t.substring(ls, Math.min(t.length(), le + 1)) + (le == t.length() ? "\n" : ""));
            case 5 -> t.insert(ls, " ".repeat(1 + r.nextInt(4)));
            case 6 -> {
                if (i < ls + 4 && t.length() > ls + 1) t.deleteCharAt(ls);
                else t.insert(i, "\n");
            }
            default -> t.insert(le, " # " + INSERTS.charAt(r.nextInt(10)));
        }
        // never leave half a surrogate pair: that is a Java string SnakeYAML cannot even decode
        for (int k = 0; k < t.length(); k++) {
            char c = t.charAt(k);
            if (Character.isHighSurrogate(c) && (k + 1 >= t.length() || !Character.isLowSurrogate(t.charAt(k + 1)))) t.deleteCharAt(k--);
            else if (Character.isLowSurrogate(c) && (k == 0 || !Character.isHighSurrogate(t.charAt(k - 1)))) t.deleteCharAt(k--);
        }
    }

    /** Generates rules-file-like YAML: rules, macros and lists with scalars of every style. */
    static final class DocGen {
        final Random r;
        boolean clean;
        final StringBuilder out = new StringBuilder();
        String nl = "\n";

        DocGen(Random r) {
            this.r = r;
        }

        String document() {
            if (r.nextInt(6) == 0) nl = "\r\n";
            int items = 1 + r.nextInt(5);
            if (r.nextInt(4) == 0) out.append("# header comment").append(nl);
            if (r.nextInt(5) == 0) out.append("---").append(nl);
            int ind = r.nextBoolean() ? 2 : 4;
            for (int i = 0; i < items; i++) {
                if (r.nextInt(4) == 0) out.append(nl);
                if (r.nextInt(5) == 0) out.append("# comment ").append(word()).append(nl);
                String kind = pick("rule", "macro", "list", "required_engine_version");
                out.append("- ").append(kind).append(": ").append(plainSafe(word())).append(nl);
                String pad = " ".repeat(2);
                switch (kind) {
                    case "rule" -> {
                        entry(pad, "desc", ind);
                        entry(pad, "condition", ind);
                        entry(pad, "output", ind);
                        out.append(pad).append("priority: ").append(pick("WARNING", "ERROR", "'NOTICE'", "\"INFO\"")).append(nl);
                        if (r.nextBoolean()) tags(pad, ind);
                        if (r.nextInt(3) == 0) exceptions(pad, ind);
                        if (r.nextInt(4) == 0) out.append(pad).append("enabled: ").append(pick("true", "false", "")).append(nl);
                    }
                    case "macro" -> entry(pad, "condition", ind);
                    case "list" -> tags(pad, ind);
                    default -> { }
                }
            }
            if (!clean && r.nextInt(6) == 0) out.append("---").append(nl).append("- list: more").append(nl);
            if (r.nextInt(3) == 0 && out.length() > 0) out.setLength(out.length() - nl.length());  // no final line break
            return out.toString();
        }

        String pick(String... xs) {
            return xs[r.nextInt(xs.length)];
        }

        String word() {
            String[] w = {"open", "fd.name", "proc.name=bash", "evt.type in (open, openat)", "é", "中文", "😀", "a-b", "x_y", "%proc.cmdline",
                "/etc/shadow", "-flag", "k8s.ns.name", "(a or b)", "\"quoted\"", "it's", "100", "null", "~", "a:b", "c#d", "{x}", "[y]"};
            String s = w[r.nextInt(w.length)];
            return s;
        }

        String text(int words) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < words; i++) {
                if (i > 0) b.append(' ');
                b.append(word());
            }
            return b.toString();
        }

        void entry(String pad, String key, int ind) {
            out.append(pad).append(key).append(':');
            String in = pad + " ".repeat(ind);
            switch (r.nextInt(clean ? 7 : 9)) {
                case 0 -> out.append(' ').append(plainSafe(text(1 + r.nextInt(4)))).append(comment()).append(nl);
                case 1 -> {  // multi-line plain
                    out.append(' ').append(plainSafe(text(2))).append(nl);
                    for (int k = 0; k < 1 + r.nextInt(3); k++) {
                        if (r.nextInt(4) == 0) out.append(nl);
                        out.append(in).append(plainSafe(text(1 + r.nextInt(3)))).append(nl);
                    }
                }
                case 2 -> out.append(" '").append(text(3).replace("'", "''")).append("'").append(comment()).append(nl);
                case 3 -> {
                    String t = text(3).replace("\\", "\\\\").replace("\"", "\\\"");
                    if (r.nextBoolean()) t += pick("\\n", "\\t", "\\u00e9", "\\x41", "\\\\", "\\\"", "\\/", "\\ ");
                    out.append(" \"").append(t);
                    if (r.nextBoolean()) out.append(nl).append(in).append(text(2).replace("\\", "\\\\").replace("\"", "\\\""));
                    if (r.nextInt(4) == 0) out.append(" \\").append(nl).append(in).append("tail");
                    out.append('"').append(nl);
                }
                case 4, 5 -> {  // block scalars
                    out.append(' ').append(r.nextBoolean() ? '|' : '>');
                    int explicit = r.nextInt(4) == 0 ? 1 + r.nextInt(2) : 0;
                    String chomp = pick("", "-", "+");
                    if (r.nextBoolean()) out.append(chomp).append(explicit > 0 ? String.valueOf(explicit) : "");
                    else out.append(explicit > 0 ? String.valueOf(explicit) : "").append(chomp);
                    // the map is at pad's column: explicit content indentation is pad + explicit
                    String bin = explicit > 0 ? " ".repeat(pad.length() + explicit) : in;
                    out.append(comment()).append(nl);
                    for (int k = 0; k < 1 + r.nextInt(4); k++) {
                        if (r.nextInt(4) == 0) out.append(nl);
                        out.append(bin).append(k > 0 && r.nextInt(5) == 0 ? "  " : "").append(text(1 + r.nextInt(4))).append(nl);
                    }
                    if (r.nextInt(3) == 0) out.append(nl);
                }
                case 6 -> out.append(nl);  // empty value
                case 7 -> out.append(" ").append(pick("&a x", "!tag y", "*b", "? z")).append(nl);
                default -> out.append(" x: y").append(nl);
            }
        }

        String comment() {
            return r.nextInt(4) == 0 ? "  # " + word() : "";
        }

        /** Keeps a plain scalar plain: no ': ', ' #', and no indicator at its start. */
        String plainSafe(String t) {
            t = t.replace(": ", ":").replace(" #", "#");
            if (t.isEmpty() || "-?:,[]{}#&*!|>'\"%@`".indexOf(t.charAt(0)) >= 0 || t.startsWith("- ")) t = "v" + t;
            if (t.endsWith(":")) t = t + "v";
            return t;
        }

        void tags(String pad, int ind) {
            String key = pick("tags", "items", "values");
            if (r.nextBoolean()) {
                out.append(pad).append(key).append(": [");
                int k = r.nextInt(4);
                for (int i = 0; i < k; i++) {
                    if (i > 0) out.append(r.nextInt(5) == 0 ? "," + nl + pad + "  " : ", ");
                    out.append(pick("a", "b_c", "'q x'", "\"d\"", "T1234", "[x, y]", "é"));
                }
                out.append(']').append(comment()).append(nl);
            } else {
                out.append(pad).append(key).append(':').append(nl);
                String ip = r.nextBoolean() ? pad : pad + " ".repeat(ind);
                int k = r.nextInt(4);
                for (int i = 0; i < k; i++) {
                    if (r.nextInt(5) == 0) out.append(ip).append("# c").append(nl);
                    out.append(ip).append("- ").append(pick("a", "'b'", "\"c d\"", "[x, y]", "", "- nested")).append(nl);
                }
            }
        }

        void exceptions(String pad, int ind) {
            out.append(pad).append("exceptions:").append(nl);
            String ip = r.nextBoolean() ? pad : pad + " ".repeat(ind);
            for (int i = 0; i < 1 + r.nextInt(2); i++) {
                out.append(ip).append("- name: ").append(word().replace(": ", ":").replace(" #", "#").replaceAll("^[\\-\\[{\"'%~&*!|>@`#,?:]", "n")).append(nl);
                String ip2 = ip + "  ";
                out.append(ip2).append("fields: [proc.name, fd.name]").append(nl);
                out.append(ip2).append("values:").append(nl);
                for (int k = 0; k < r.nextInt(3); k++) out.append(ip2).append("  - [").append(pick("a, b", "'x', \"y\"", "c, [d]")).append(']').append(nl);
            }
        }
    }
}
