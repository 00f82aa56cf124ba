package dev.falcoc.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end in a real editor: headless Neovim (its built-in LSP client, which only takes pushed
 * diagnostics) runs `falcoc lsp` over stdio; diagnostics, hover, definition, completion and rename
 * are checked from what Neovim saw.
 */
class NeovimLspTest {
    static final String RULES = """
            - macro: my_proc
              condition: evt.type = execve and proc.name = bash
            - rule: r
              desc: d
              condition: my_proc and proc.nme = x
              output: "%proc.name"
              priority: INFO
            """;

    static String nvim() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "nvim");
            if (Files.isExecutable(p)) return p.toString();
        }
        return null;
    }

    @Test
    void diagnosticsHoverDefinitionCompletionRenameInNeovim(@TempDir Path dir) throws Exception {
        String nvim = nvim();
        Assumptions.assumeTrue(nvim != null, "nvim is not installed: skipping the Neovim end-to-end test");
        Path rules = dir.resolve("my_rules.yaml");
        Files.writeString(rules, RULES);
        Files.writeString(dir.resolve("falcoc.yaml"), "rules: [my_rules.yaml]\n");
        Path lua = dir.resolve("e2e.lua");
        try (InputStream in = getClass().getResourceAsStream("/nvim-lsp-e2e.lua")) {
            Files.write(lua, in.readAllBytes());
        }
        Path out = dir.resolve("out.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        JsonArray cmd = new JsonArray();
        for (String s : List.of(java, "-cp", cp, "dev.falcoc.cli.Main", "lsp", "--stdio")) cmd.add(s);
        JsonObject spots = new JsonObject();
        spots.add("hover", pos(4, 15));        // my_proc in the rule condition
        spots.add("definition", pos(4, 15));
        spots.add("completion", pos(4, 29));   // after "my_proc and proc.n"
        spots.add("rename", pos(0, 10));       // the macro's name
        ProcessBuilder pb = new ProcessBuilder(nvim, "--headless", "-n", "-i", "NONE", "-u", "NONE", "-c", "luafile " + lua);
        pb.environment().put("FALCOC_FILE", rules.toString());
        pb.environment().put("FALCOC_ROOT", dir.toString());
        pb.environment().put("FALCOC_CMD", cmd.toString());
        pb.environment().put("FALCOC_SPOTS", spots.toString());
        pb.environment().put("FALCOC_OUT", out.toString());
        pb.directory(dir.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("nvim.log").toFile());
        Process p = pb.start();
        boolean done = p.waitFor(120, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        assertTrue(done, "nvim did not finish: " + Files.readString(dir.resolve("nvim.log")));
        assertTrue(Files.exists(out), "no output from nvim: " + Files.readString(dir.resolve("nvim.log")));
        JsonObject r = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertEquals(0, r.getAsJsonArray("errors").size(), r.get("errors").toString());

        JsonArray diags = r.getAsJsonArray("diagnostics");
        assertEquals(1, diags.size(), diags.toString());
        JsonObject d = diags.get(0).getAsJsonObject();
        assertEquals(4, d.get("lnum").getAsInt());
        assertEquals(RULES.split("\n")[4].indexOf("proc.nme"), d.get("col").getAsInt());
        assertEquals(RULES.split("\n")[4].indexOf("proc.nme") + "proc.nme".length(), d.get("end_col").getAsInt());
        assertEquals("LOAD_ERR_COMPILE_CONDITION", d.get("code").getAsString());

        assertTrue(r.get("hover").getAsString().contains("expands to"), r.get("hover").toString());
        JsonElement def = r.get("definition");
        JsonObject loc = def.isJsonArray() ? def.getAsJsonArray().get(0).getAsJsonObject() : def.getAsJsonObject();
        assertEquals(0, loc.getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt());

        List<String> labels = new ArrayList<>();
        r.getAsJsonArray("completion").forEach(e -> labels.add(e.getAsString()));
        assertTrue(labels.contains("proc.name"), labels.toString());

        List<String> lines = new ArrayList<>();
        r.getAsJsonArray("lines").forEach(e -> lines.add(e.getAsString()));
        assertEquals("- macro: my_process", lines.get(0));
        assertEquals("  condition: my_process and proc.nme = x", lines.get(4));
    }

    private static JsonArray pos(int line, int col) {
        JsonArray a = new JsonArray();
        a.add(line);
        a.add(col);
        return a;
    }
}
