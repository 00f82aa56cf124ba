package dev.falcoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** falcoc run with the compiled-rules cache prints exactly what it prints without it. */
class RulesCacheRunTest {
    @TempDir Path dir;

    @AfterEach
    void off() { RulesCacheSupport.override = null; }

    static Path shared() {
        for (String base : new String[] {System.getProperty("falcoc.shared", ""), "../../shared", "/work/shared"}) {
            if (!base.isEmpty() && Files.isDirectory(Path.of(base, "traces"))) return Path.of(base);
        }
        return null;
    }

    private Path cacheDir() { return dir.resolve("cache"); }

    private List<Path> entries() throws Exception {
        if (!Files.isDirectory(cacheDir())) return List.of();
        try (Stream<Path> s = Files.list(cacheDir())) {
            return s.sorted().toList();
        }
    }

    /** Runs without the cache (tests run from classes directories: off), then cold and warm with it. */
    private void same(String... args) throws Exception {
        RulesCacheSupport.override = null;
        CliRun want = CliRun.of(args);
        RulesCacheSupport.override = new RulesCacheSupport.Settings(cacheDir(), "test-build");
        CliRun cold = CliRun.of(args);
        assertEquals(want, cold, "cold cache: " + String.join(" ", args));
        CliRun warm = CliRun.of(args);
        assertEquals(want, warm, "warm cache: " + String.join(" ", args));
        // the warm run did read the cache
        List<String> timed = new ArrayList<>(Arrays.asList(args));
        timed.add("--timing");
        CliRun t = CliRun.of(timed.toArray(String[]::new));
        boolean cacheable = (want.code() == Cli.OK || want.code() == RunCommand.CAPTURE) && !timed.contains("--warnings") && !timed.contains("--no-rules-cache");
        assertEquals(cacheable, t.err().contains("falcoc: rules (cached)"), t.err());
        // damaged entries: the same answer, and the entry is written again (this command's entry: the one just read)
        Path newest = null;
        for (Path e : entries()) {
            if (newest == null || Files.getLastModifiedTime(e).compareTo(Files.getLastModifiedTime(newest)) > 0) newest = e;
        }
        if (newest != null && cacheable) {
            Path e = newest;
            byte[] good = Files.readAllBytes(e);
            for (byte[] bad : new byte[][] {Arrays.copyOf(good, good.length / 2), Arrays.copyOf(good, 10), new byte[0], garble(good)}) {
                Files.write(e, bad);
                assertEquals(want, CliRun.of(args), "damaged cache entry: " + String.join(" ", args));
                assertTrue(Arrays.equals(good, Files.readAllBytes(e)), "entry written again");
            }
        }
    }

    private static byte[] garble(byte[] good) {
        byte[] b = good.clone();
        for (int i = 60; i < b.length; i += 7) b[i] ^= 0x55;
        return b;
    }

    @Test
    void replaysPrintTheSameWithTheCache() throws Exception {
        Path s = shared();
        Assumptions.assumeTrue(s != null, "shared traces absent");
        String falco = s.resolve("rules/falco_rules.yaml").toString();
        String incubating = s.resolve("rules/falco-incubating_rules.yaml").toString();
        String sandbox = s.resolve("rules/falco-sandbox_rules.yaml").toString();
        String bench = s.resolve("bench/syscall_only_rules.yaml").toString();
        String oracle = s.resolve("oracle/outputs/rules.yaml").toString();
        for (String trace : new String[] {"curl_google", "psp_run_as_user_0_container", "cat_write", "connect_localhost"}) {
            String t = s.resolve("traces/" + trace + ".scap").toString();
            same("run", "--replay", t, "-r", falco, "-r", incubating, "-r", sandbox, "-o", "json_output=true", "-o", "rule_matching=all");
            same("run", "--replay", t, "-r", falco);
            if (Files.exists(Path.of(oracle))) same("run", "--replay", t, "-r", oracle, "-o", "json_output=true");
        }
        // rules with warnings: the count line is the same
        same("run", "--replay", s.resolve("traces/curl_google.scap").toString(), "-r", bench, "--no-summary");
        // priority and selection apply after the load, so they are not in the key: one entry serves them all
        List<Path> before = entries();
        String t = s.resolve("traces/psp_run_as_user_0_container.scap").toString();
        same("run", "--replay", t, "-r", falco, "-o", "priority=error");
        same("run", "--replay", t, "-r", falco, "-D", "Terminal", "-T", "network");
        same("run", "--replay", t, "-r", falco, "-t", "container");
        same("run", "--replay", t, "-r", falco, "-o", "rules[].disable.rule=*shell*");
        assertEquals(before, entries());
        // the container plugin option changes the load, so it is a key of its own
        same("run", "--replay", t, "-r", falco, "--container-plugin");
        same("run", "--replay", t, "-r", falco, "--no-container-plugin");
        assertEquals(before.size() + 2, entries().size());
    }

    @Test
    void ownRulesAndTheirCapture() throws Exception {
        Path rules = Path.of("..", "test-rules", "rules", "falcoc_rules.yaml");
        Path capture = Path.of("..", "test-rules", "tests", "captures", "curl_google.scap");
        same("run", "--replay", capture.toString(), "-r", rules.toString());
        same("run", "--replay", capture.toString(), "-r", rules.toString(), "--interpreter", "-o", "json_output=true");
    }

    @Test
    void failuresAndWarningsTakeTheNormalPath() throws Exception {
        Path capture = Path.of("..", "test-rules", "tests", "captures", "curl_google.scap");
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "- rule: x\n  desc: d\n  condition: evt.type = open and\n  output: o\n  priority: INFO\n");
        same("run", "--replay", capture.toString(), "-r", bad.toString());
        assertEquals(List.of(), entries(), "a failed load is not cached");
        Path warn = Files.writeString(dir.resolve("warn.yaml"), "- rule: x\n  desc: d\n  condition: proc.name = x\n  output: o %proc.name\n  priority: INFO\n");
        same("run", "--replay", capture.toString(), "-r", warn.toString(), "--warnings");
        assertEquals(List.of(), entries(), "--warnings neither reads nor writes the cache");
        same("run", "--replay", capture.toString(), "-r", warn.toString(), "--no-rules-cache");
        assertEquals(List.of(), entries(), "--no-rules-cache");
        same("run", "--replay", capture.toString(), "-r", dir.resolve("missing.yaml").toString());
        same("run", "--replay", capture.toString(), "-r", warn.toString(), "-r", dir.resolve("missing.yaml").toString());
        assertEquals(List.of(), entries());
        // a changed byte of a rules file is another entry; the old one still serves the old text
        same("run", "--replay", capture.toString(), "-r", warn.toString());
        assertEquals(1, entries().size());
        Files.writeString(warn, Files.readString(warn).replace("o %proc.name", "p %proc.name"));
        same("run", "--replay", capture.toString(), "-r", warn.toString());
        assertEquals(2, entries().size());
    }

    @Test
    void unusableCacheDirectoryIsSilent() throws Exception {
        Path capture = Path.of("..", "test-rules", "tests", "captures", "curl_google.scap");
        Path rules = Path.of("..", "test-rules", "rules", "falcoc_rules.yaml");
        RulesCacheSupport.override = null;
        CliRun want = CliRun.of("run", "--replay", capture.toString(), "-r", rules.toString());
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        RulesCacheSupport.override = new RulesCacheSupport.Settings(file.resolve("cache"), "test-build");
        assertEquals(want, CliRun.of("run", "--replay", capture.toString(), "-r", rules.toString()));
        assertEquals(want, CliRun.of("run", "--replay", capture.toString(), "-r", rules.toString()));
    }

    @Test
    void offWithoutAJarOrWhenAsked() {
        RulesCacheSupport.override = null;
        // tests run from classes directories: no build identity, no cache
        assertNull(RulesCacheSupport.jarBuild());
        assertNull(RulesCacheSupport.settings(false));
        RulesCacheSupport.override = new RulesCacheSupport.Settings(dir, "b");
        assertNull(RulesCacheSupport.settings(true));
        assertFalse(RulesCacheSupport.settings(false) == null);
    }

    @Test
    void plainCommandLineKnowsTheOption() {
        RunCommand c = RunCommand.parsePlain(new String[] {"run", "--replay", "x.scap", "-r", "r.yaml", "--no-rules-cache"}, null, null);
        assertTrue(c != null && c.noRulesCache);
    }
}
