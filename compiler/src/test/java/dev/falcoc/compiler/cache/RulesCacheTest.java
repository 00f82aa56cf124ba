package dev.falcoc.compiler.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.engine.RulesEngine;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cached load must give exactly the fresh load's objects, and any damage must mean "not cached". */
class RulesCacheTest {
    @TempDir
    Path tmp;

    static Path shared() {
        for (String base : new String[] {System.getProperty("falcoc.shared", ""), "../../shared", "/work/shared"}) {
            if (!base.isEmpty() && Files.isDirectory(Path.of(base, "rules"))) return Path.of(base);
        }
        return null;
    }

    /** Every rules chain the tests compare: official chain, bench rules, falcoc's own, the oracle's. */
    static List<List<Path>> chains() throws IOException {
        List<List<Path>> chains = new ArrayList<>();
        Path own = Path.of("../test-rules/rules/falcoc_rules.yaml");
        if (Files.exists(own)) chains.add(List.of(own));
        Path s = shared();
        if (s == null) return chains;
        Path r = s.resolve("rules");
        chains.add(List.of(r.resolve("falco_rules.yaml")));
        chains.add(List.of(r.resolve("falco_rules.yaml"), r.resolve("falco-incubating_rules.yaml"), r.resolve("falco-sandbox_rules.yaml")));
        chains.add(List.of(r.resolve("falco-deprecated_rules.yaml")));
        chains.add(List.of(s.resolve("bench/syscall_only_rules.yaml")));
        for (String f : new String[] {"oracle/outputs/rules.yaml", "oracle/fields/dump_rules.yaml"}) {
            if (Files.exists(s.resolve(f))) chains.add(List.of(s.resolve(f)));
        }
        Path cases = s.resolve("oracle/load-cases");
        if (Files.isDirectory(cases)) {
            try (Stream<Path> dirs = Files.list(cases)) {
                for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                    try (Stream<Path> fs = Files.list(d)) {
                        List<Path> files = fs.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("falco.yaml")).sorted().toList();
                        if (!files.isEmpty()) chains.add(files);
                    }
                }
            }
        }
        return chains;
    }

    /** A fresh load as falcoc run does it; null when a file fails (such loads are never cached). */
    static RulesCache.Entry fresh(List<Path> chain, RulesEngine.Options options) throws IOException {
        RulesEngine e = new RulesEngine(options);
        long warnings = 0;
        for (Path p : chain) {
            LoadResult r = e.load(p.toString(), Files.readString(p));
            if (!r.successful()) return null;
        }
        for (LoadResult r : e.results()) warnings += r.all().size();
        return new RulesCache.Entry(e.output().rules(), warnings, e.containerPluginLoaded());
    }

    /** Every field of every rule, by reflection so that a field added to CRule later is compared too. */
    static void assertSame(RulesCache.Entry want, RulesCache.Entry got, String what) throws IllegalAccessException {
        assertEquals(want.warnings(), got.warnings(), what + ": warnings");
        assertEquals(want.containerPluginLoaded(), got.containerPluginLoaded(), what + ": container plugin");
        assertEquals(new ArrayList<>(want.rules().keySet()), new ArrayList<>(got.rules().keySet()), what + ": rule order");
        for (String name : want.rules().keySet()) {
            Compiled.CRule a = want.rules().get(name), b = got.rules().get(name);
            for (Field f : Compiled.CRule.class.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) continue;
                Object x = f.get(a), y = f.get(b);
                // records (Expr, Pos, Token) and collections compare structurally
                assertEquals(x, y, what + ": rule '" + name + "' field " + f.getName());
                if (x != null) assertEquals(x.getClass().getName().contains("TreeSet"), y.getClass().getName().contains("TreeSet"), f.getName());
            }
        }
    }

    @Test
    void cachedLoadEqualsFreshLoad() throws Exception {
        List<List<Path>> chains = chains();
        Assumptions.assumeTrue(chains.size() > 5, "shared rules absent");
        int compared = 0;
        for (RulesEngine.Options options : List.of(RulesEngine.Options.defaults(), new RulesEngine.Options(true, false), new RulesEngine.Options(false, false))) {
            for (List<Path> chain : chains) {
                RulesCache.Entry want = fresh(chain, options);
                if (want == null) continue;
                byte[] key = key("test", options, chain);
                RulesCache cache = new RulesCache(tmp.resolve("c"));
                assertTrue(cache.write(key, want), "written");
                RulesCache.Entry got = cache.read(key);
                assertNotNull(got, chain + " read back");
                assertSame(want, got, chain + " " + options);
                // and a second fresh load, not the objects written, to rule out sharing
                assertSame(fresh(chain, options), got, chain + " again");
                compared++;
            }
        }
        assertTrue(compared > 20, "compared " + compared);
    }

    static byte[] key(String build, RulesEngine.Options options, List<Path> chain) throws IOException {
        List<String> names = new ArrayList<>(), contents = new ArrayList<>();
        for (Path p : chain) {
            names.add(p.toString());
            contents.add(Files.readString(p));
        }
        return RulesCache.key(build, options, names, contents);
    }

    static RulesCache.Entry sample() throws IOException {
        Path s = shared();
        Path rules = s != null ? s.resolve("rules/falco_rules.yaml") : Path.of("../test-rules/rules/falcoc_rules.yaml");
        return fresh(List.of(rules), RulesEngine.Options.defaults());
    }

    @Test
    void damagedFilesAreNotCached() throws Exception {
        RulesCache.Entry e = sample();
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        RulesCache cache = new RulesCache(tmp);
        assertTrue(cache.write(key, e));
        Path f = cache.file(key);
        byte[] good = Files.readAllBytes(f);
        assertNotNull(cache.read(key));
        // every truncation (sampled densely at both ends)
        for (int n = 0; n < good.length; n += n < 300 || n > good.length - 300 ? 1 : 97) {
            Files.write(f, Arrays.copyOf(good, n));
            assertNull(cache.read(key), "truncated to " + n);
        }
        // a flipped bit anywhere
        for (int i = 0; i < good.length; i += i < 200 ? 1 : 61) {
            byte[] bad = good.clone();
            bad[i] ^= (byte) (1 << (i % 8));
            Files.write(f, bad);
            assertNull(cache.read(key), "bit flipped at " + i);
        }
        // trailing garbage, another format version, another key, an empty file, a directory
        Files.write(f, concat(good, new byte[] {1}));
        assertNull(cache.read(key));
        byte[] v2 = good.clone();
        v2[7] = (byte) (RulesCache.FORMAT + 1);
        Files.write(f, v2);
        assertNull(cache.read(key));
        byte[] other = key.clone();
        other[0] = 8;
        Files.write(cache.file(other), good);
        assertNull(cache.read(other));
        Files.write(f, new byte[0]);
        assertNull(cache.read(key));
        Files.delete(f);
        Files.createDirectory(f);
        assertNull(cache.read(key));
        // a checksum that matches garbled content is still rejected by the decoder, never thrown
        byte[] body = good.clone();
        for (int i = 48; i < body.length; i++) body[i] = (byte) 0xFF;
        fixChecksum(body);
        Path g = tmp.resolve("g");
        Files.createDirectories(g);
        Files.write(new RulesCache(g).file(key), body);
        assertNull(new RulesCache(g).read(key));
    }

    private static void fixChecksum(byte[] b) {
        java.util.zip.CRC32C c = new java.util.zip.CRC32C();
        c.update(b, 48, b.length - 48);
        int v = (int) c.getValue();
        b[44] = (byte) (v >>> 24);
        b[45] = (byte) (v >>> 16);
        b[46] = (byte) (v >>> 8);
        b[47] = (byte) v;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void unwritableDirectoryIsNotAnError() throws Exception {
        RulesCache.Entry e = sample();
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        RulesCache cache = new RulesCache(file.resolve("sub"));
        assertFalse(cache.write(new byte[32], e));
        assertNull(cache.read(new byte[32]));
    }

    @Test
    void everyInputChangesTheKey() {
        RulesEngine.Options d = RulesEngine.Options.defaults();
        List<String> names = List.of("a.yaml", "b.yaml");
        List<String> contents = List.of("- list: x\n  items: [a]\n", "- macro: m\n  condition: proc.name = x\n");
        byte[] base = RulesCache.key("build", d, names, contents);
        assertArrayEquals(base, RulesCache.key("build", d, names, contents));
        List<byte[]> others = new ArrayList<>();
        others.add(RulesCache.key("build2", d, names, contents));
        others.add(RulesCache.key("build", new RulesEngine.Options(true, true), names, contents));
        others.add(RulesCache.key("build", new RulesEngine.Options(false, false), names, contents));
        others.add(RulesCache.key("build", d, List.of("a.yaml", "c.yaml"), contents));
        others.add(RulesCache.key("build", d, List.of("b.yaml", "a.yaml"), List.of(contents.get(1), contents.get(0))));
        others.add(RulesCache.key("build", d, List.of("a.yaml"), List.of(contents.get(0))));
        // name and content boundaries must not run together
        others.add(RulesCache.key("build", d, List.of("a.yaml-", "b.yaml"), List.of(contents.get(0).substring(1), contents.get(1))));
        for (int i = 0; i < contents.get(1).length(); i++) {
            char[] c = contents.get(1).toCharArray();
            c[i] ^= 1;
            others.add(RulesCache.key("build", d, names, List.of(contents.get(0), new String(c))));
        }
        for (byte[] o : others) assertFalse(Arrays.equals(base, o));
    }

    @Test
    void directoryKeepsTheNewestEntries() throws Exception {
        RulesCache.Entry e = new RulesCache.Entry(new java.util.LinkedHashMap<>(), 0, false);
        RulesCache cache = new RulesCache(tmp);
        Map<Integer, byte[]> keys = new HashMap<>();
        for (int i = 0; i < RulesCache.KEEP + 5; i++) {
            byte[] k = new byte[32];
            k[0] = (byte) i;
            keys.put(i, k);
            assertTrue(cache.write(k, e));
            // distinct times, oldest first
            Files.setLastModifiedTime(cache.file(k), java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        cache.write(keys.get(RulesCache.KEEP + 4), e);
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(RulesCache.KEEP, s.count());
        }
        assertNull(cache.read(keys.get(0)));
        assertNotNull(cache.read(keys.get(RulesCache.KEEP + 4)));
        assertNotNull(cache.read(keys.get(RulesCache.KEEP + 3)));
    }

    @Test
    void defaultDirectoryFollowsTheEnvironment() {
        assertEquals(Path.of("/x/c"), RulesCache.defaultDir(Map.of("FALCOC_CACHE_DIR", "/x/c", "XDG_CACHE_HOME", "/y"), "/h"));
        assertEquals(Path.of("/y/falcoc"), RulesCache.defaultDir(Map.of("XDG_CACHE_HOME", "/y"), "/h"));
        assertEquals(Path.of("/h/.cache/falcoc"), RulesCache.defaultDir(Map.of(), "/h"));
        assertNull(RulesCache.defaultDir(Map.of(), null));
    }

    /** Conditions nested 10^4 deep round-trip on falcoc's large stacks, and on a small one fall back rather than throw. */
    @Test
    void deeplyNestedConditions() throws Exception {
        int n = 10_000;
        for (String cond : new String[] {"(".repeat(n) + "evt.type = open" + ")".repeat(n), "(proc.name = x or ".repeat(n) + "evt.type = open" + ")".repeat(n),
                "not (".repeat(n) + "evt.type = open" + ")".repeat(n)}) {
            Path f = Files.writeString(tmp.resolve("deep.yaml"), "- rule: r\n  desc: d\n  condition: " + cond + "\n  output: o %proc.name\n  priority: INFO\n");
            RulesCache.Entry want = dev.falcoc.grammar.DeepStack.call(() -> fresh(List.of(f), RulesEngine.Options.defaults()));
            assertNotNull(want);
            byte[] key = key("deep", RulesEngine.Options.defaults(), List.of(f));
            RulesCache cache = new RulesCache(tmp.resolve("deep-" + cond.charAt(1)));
            // the writer thread's stack (RulesCacheSupport.writeLater)
            boolean[] written = {false};
            Thread w = new Thread(null, () -> written[0] = cache.write(key, want), "w", 1L << 26);
            w.start();
            w.join();
            assertTrue(written[0]);
            // read and compared (records compare recursively) on a large stack
            dev.falcoc.grammar.DeepStack.call(() -> {
                assertSame(want, cache.read(key), cond.substring(0, 20));
                return null;
            });
            Object[] small = {"unset"};
            Thread t = new Thread(null, () -> small[0] = cache.read(key), "small", 256 * 1024);
            t.start();
            t.join();
            assertTrue(small[0] == null || small[0] instanceof RulesCache.Entry, String.valueOf(small[0]));
        }
    }

    @Test
    void sha256AgreesWithTheJdk() throws Exception {
        java.util.Random random = new java.util.Random(42);
        for (int n = 0; n < 1100; n += n < 200 ? 1 : 37) {
            byte[] b = new byte[n];
            random.nextBytes(b);
            Sha256 mine = new Sha256();
            // in pieces of every size, across block boundaries
            int step = 1 + n % 70;
            for (int off = 0; off < n; off += step) mine.update(b, off, Math.min(step, n - off));
            assertArrayEquals(java.security.MessageDigest.getInstance("SHA-256").digest(b), mine.digest(), "length " + n);
        }
        Sha256 abc = new Sha256();
        abc.update("abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", java.util.HexFormat.of().formatHex(abc.digest()));
    }

    @Test
    void contentIsHashedAsUtf8() {
        // the same text in another normalisation is another key: bytes, not glyphs, count
        String a = "- list: x\n  items: [\u00e9]\n", b = "- list: x\n  items: [e\u0301]\n";
        assertFalse(Arrays.equals(RulesCache.key("b", RulesEngine.Options.defaults(), List.of("f"), List.of(a)),
                RulesCache.key("b", RulesEngine.Options.defaults(), List.of("f"), List.of(b))));
        assertEquals(a.getBytes(StandardCharsets.UTF_8).length + 1, b.getBytes(StandardCharsets.UTF_8).length);
    }
}
