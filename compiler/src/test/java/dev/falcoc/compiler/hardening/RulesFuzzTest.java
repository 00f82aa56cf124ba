package dev.falcoc.compiler.hardening;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.compiler.chain.ChainCheck;
import dev.falcoc.compiler.chain.ChainInputs;
import dev.falcoc.compiler.report.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing of loader, parser and checks over the official rules files: byte flips,
 * truncations, duplicated and dropped ranges, spliced lines. A fixed budget runs in `mvn verify`;
 * -Dfalcoc.fuzz.tries=N runs longer and prints the figures.
 */
class RulesFuzzTest {
    static final List<byte[]> CORPUS = new ArrayList<>();

    static synchronized List<byte[]> corpus() {
        if (!CORPUS.isEmpty()) return CORPUS;
        Path p = Path.of(System.getProperty("falcoc.shared", "../../shared"), "rules");
        if (!Files.isDirectory(p)) System.err.println("SKIPPED: no shared rules at " + p);
        Assumptions.assumeTrue(Files.isDirectory(p), "shared rules absent");
        try (Stream<Path> s = Files.list(p)) {
            for (Path f : s.filter(x -> x.toString().endsWith(".yaml")).sorted().toList()) {
                byte[] b = Files.readAllBytes(f);
                CORPUS.add(b);
                // small slices too, so that most executions are cheap and reach the later stages
                for (int i = 0; i < 8 && b.length > 4000; i++) {
                    int from = new Random(i).nextInt(b.length - 4000);
                    int start = indexOf(b, "\n- ", from);
                    if (start >= 0) CORPUS.add(java.util.Arrays.copyOfRange(b, start + 1, Math.min(b.length, start + 1 + 6000)));
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return CORPUS;
    }

    static int indexOf(byte[] b, String s, int from) {
        String t = new String(b, from, b.length - from, StandardCharsets.ISO_8859_1);
        int i = t.indexOf(s);
        return i < 0 ? -1 : from + i;
    }

    static final String SPECIAL = "()[]{}:,-&*!|>'\"\t\r\n\0 %#";

    static byte[] mutate(byte[] src, long seed) {
        Random r = new Random(seed);
        byte[] b = src.clone();
        int n = 1 + r.nextInt(5);
        for (int k = 0; k < n && b.length > 1; k++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(7)) {
                case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b = java.util.Arrays.copyOf(b, at);
                case 2 -> {
                    int len = r.nextInt(Math.min(512, b.length - at) + 1), to = r.nextInt(b.length);
                    byte[] nb = new byte[b.length + len];
                    System.arraycopy(b, 0, nb, 0, to);
                    System.arraycopy(b, at, nb, to, len);
                    System.arraycopy(b, to, nb, to + len, b.length - to);
                    b = nb;
                }
                case 3 -> {
                    int len = r.nextInt(Math.min(512, b.length - at) + 1);
                    byte[] nb = new byte[b.length - len];
                    System.arraycopy(b, 0, nb, 0, at);
                    System.arraycopy(b, at + len, nb, at, b.length - at - len);
                    b = nb;
                }
                case 4 -> b[at] = (byte) SPECIAL.charAt(r.nextInt(SPECIAL.length()));
                case 5 -> b[at] = (byte) (0x80 + r.nextInt(128));   // invalid or partial UTF-8
                default -> {
                    byte[] ins = ("(".repeat(r.nextInt(3) * 50) + " and not ").getBytes(StandardCharsets.US_ASCII);
                    byte[] nb = new byte[b.length + ins.length];
                    System.arraycopy(b, 0, nb, 0, at);
                    System.arraycopy(ins, 0, nb, at, ins.length);
                    System.arraycopy(b, at, nb, at + ins.length, b.length - at);
                    b = nb;
                }
            }
        }
        return b;
    }

    /** What `falcoc check` does with a file, from its bytes. */
    static void check(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<ChainCheck.Input> inputs = new ArrayList<>();
        List<Finding> extra = new ArrayList<>();
        ChainInputs.add("f.yaml", "f.yaml", text, true, inputs, extra);
        ChainCheck.Result res = ChainCheck.run(inputs, extra, ChainCheck.Options.defaults());
        for (Finding f : res.findings()) assertTrue(f.line() >= 1 && f.column() >= 1, f.oneLine());
    }

    @Property(tries = 200, seed = "42")
    void mutatedOfficialRulesGiveFindingsNotExceptions(@ForAll("seeds") long seed, @ForAll("which") int which) {
        List<byte[]> c = corpus();
        check(mutate(c.get(which % c.size()), seed));
    }

    @Test
    void longFuzzOnDemand() {
        long tries = Long.getLong("falcoc.fuzz.tries", 0);
        Assumptions.assumeTrue(tries > 0, "set -Dfalcoc.fuzz.tries for the long run");
        List<byte[]> c = corpus();
        long t0 = System.nanoTime();
        for (long i = 0; i < tries; i++) check(mutate(c.get((int) (i % c.size())), i));
        System.err.printf("rules fuzz: %d executions, corpus %d files/slices, 0 exceptions, %.1f s%n", tries, c.size(), (System.nanoTime() - t0) / 1e9);
    }

    @Provide
    Arbitrary<Long> seeds() { return Arbitraries.longs(); }

    @Provide
    Arbitrary<Integer> which() { return Arbitraries.integers().between(0, 1000); }
}
