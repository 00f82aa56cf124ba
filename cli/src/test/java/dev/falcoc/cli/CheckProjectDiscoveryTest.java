package dev.falcoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `falcoc check` without arguments checks the chain of ./falcoc.yaml (run in a separate process, in the repository). */
class CheckProjectDiscoveryTest {
    @TempDir
    Path repo;

    private record Proc(int code, String out, String err) {}

    private Proc run(String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "dev.falcoc.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] out = p.getInputStream().readAllBytes(), err = p.getErrorStream().readAllBytes();
        return new Proc(p.waitFor(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void checksTheProjectChain() throws Exception {
        Files.createDirectories(repo.resolve("upstream"));
        Files.createDirectories(repo.resolve("rules.d"));
        Files.writeString(repo.resolve("upstream/falco_rules.yaml"), "- macro: spawned_process\n  condition: evt.type = execve\n");
        Files.writeString(repo.resolve("rules.d/local.yaml"), "- rule: A\n  desc: d\n  condition: spawned_process and proc.nme = a\n  output: o\n  priority: INFO\n");
        Proc none = run("check");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("no rules files given and no falcoc.yaml in the current directory"), none.err());

        Files.writeString(repo.resolve("falcoc.yaml"), "base: [upstream/falco_rules.yaml]\nrules: [rules.d]\n");
        Proc p = run("check", "--no-snippet");
        assertEquals(1, p.code(), p.out() + p.err());
        assertEquals("rules.d/local.yaml:3:34: error: filter_check called with nonexistent field proc.nme (rule 'A') [LOAD_ERR_COMPILE_CONDITION]",
                p.out().lines().findFirst().orElse(""));
        Proc g = run("check", "--format", "github");
        assertTrue(g.out().startsWith("::error file=rules.d/local.yaml,line=3,col=34,title=LOAD_ERR_COMPILE_CONDITION::"), g.out());
    }
}
