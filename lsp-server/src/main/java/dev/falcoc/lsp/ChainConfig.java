package dev.falcoc.lsp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.falcoc.compiler.chain.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * The load chain: upstream files first ({@code base}), then the local rules ({@code rules}), where a
 * directory stands for its *.yaml/*.yml files sorted by name (Falco's rules.d). Read from
 * {@code falcoc.yaml} at the workspace root, or from client settings (which take precedence).
 */
record ChainConfig(List<String> base, List<String> rules, Path dir, int debounceMs, String engineVersion) {
    ChainConfig(List<String> base, List<String> rules, Path dir, int debounceMs) { this(base, rules, dir, debounceMs, null); }

    /** Quiet time before a re-check: long enough to merge a burst of keystrokes, short enough not to be felt. */
    static final int DEBOUNCE_MS = 10;
    static final ChainConfig EMPTY = new ChainConfig(List.of(), List.of(), null, DEBOUNCE_MS);

    /** The files of the chain, absolute, in load order, each once. */
    List<Path> files() {
        LinkedHashSet<Path> out = new LinkedHashSet<>();
        for (String s : base) out.addAll(expand(s));
        for (String s : rules) out.addAll(expand(s));
        return new ArrayList<>(out);
    }

    int baseCount() {
        LinkedHashSet<Path> out = new LinkedHashSet<>();
        for (String s : base) out.addAll(expand(s));
        return out.size();
    }

    private List<Path> expand(String s) {
        Path p = Path.of(s);
        if (!p.isAbsolute() && dir != null) p = dir.resolve(p);
        p = p.toAbsolutePath().normalize();
        if (Files.isDirectory(p)) {
            try (Stream<Path> files = Files.list(p)) {
                return files.filter(Files::isRegularFile)
                        .filter(f -> f.getFileName().toString().endsWith(".yaml") || f.getFileName().toString().endsWith(".yml"))
                        .sorted().toList();
            } catch (IOException e) {
                return List.of();
            }
        }
        return List.of(p);
    }

    /** falcoc.yaml as {@code falcoc check} reads it (same keys, same errors), so editor and CI agree. */
    static ChainConfig fromFile(Path root) {
        if (root == null) return EMPTY;
        Path f = root.resolve(Project.FILE_NAME);
        if (!Files.isRegularFile(f)) return new ChainConfig(List.of(), List.of(), root, DEBOUNCE_MS);
        try {
            Project p = Project.parse(f, Files.readString(f));
            // Project gives paths relative to the working directory: make them absolute here
            return new ChainConfig(absolute(p.base()), absolute(p.rules()), root, DEBOUNCE_MS, p.engineVersion());
        } catch (IOException | Project.ProjectException | RuntimeException e) {
            return new ChainConfig(List.of(), List.of(), root, DEBOUNCE_MS);
        }
    }

    /** Why falcoc.yaml at the root cannot be used, or null when it is fine or absent. */
    static String projectProblem(Path root) {
        if (root == null) return null;
        Path f = root.resolve(Project.FILE_NAME);
        if (!Files.isRegularFile(f)) return null;
        try {
            Project.parse(f, Files.readString(f));
            return null;
        } catch (IOException e) {
            return "cannot read " + f + ": " + e.getMessage();
        } catch (Project.ProjectException | RuntimeException e) {
            return String.valueOf(e.getMessage());
        }
    }

    private static List<String> absolute(List<String> paths) {
        List<String> out = new ArrayList<>();
        for (String s : paths) out.add(Path.of(s).toAbsolutePath().normalize().toString());
        return out;
    }

    /**
     * Settings as {"base": [...], "rules": [...], "debounceMs": N, "engineVersion": "x.y.z"},
     * possibly under a "falcoc" key; without a chain, falcoc.yaml gives it. Null when not settings.
     */
    static ChainConfig fromSettings(Object settings, Path root) {
        if (!(settings instanceof JsonElement el) || !el.isJsonObject()) return null;
        JsonObject o = el.getAsJsonObject();
        if (o.has("falcoc") && o.get("falcoc").isJsonObject()) o = o.getAsJsonObject("falcoc");
        int debounce = DEBOUNCE_MS;
        if (o.has("debounceMs") && o.get("debounceMs").isJsonPrimitive()) {
            try { debounce = Math.max(0, o.get("debounceMs").getAsInt()); } catch (RuntimeException e) { /* keep default */ }
        }
        String engine = o.has("engineVersion") && o.get("engineVersion").isJsonPrimitive() ? o.get("engineVersion").getAsString() : null;
        if (!o.has("base") && !o.has("rules")) {
            if (!o.has("debounceMs") && engine == null) return null;
            ChainConfig f = fromFile(root);
            return new ChainConfig(f.base(), f.rules(), f.dir(), debounce, engine != null ? engine : f.engineVersion());
        }
        return new ChainConfig(jsonStrings(o.get("base")), jsonStrings(o.get("rules")), root, debounce, engine);
    }

    private static List<String> jsonStrings(JsonElement e) {
        List<String> out = new ArrayList<>();
        if (e == null || e.isJsonNull()) return out;
        if (e.isJsonPrimitive()) out.add(e.getAsString());
        if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            for (JsonElement x : a) if (x.isJsonPrimitive()) out.add(x.getAsString());
        }
        return out;
    }
}
