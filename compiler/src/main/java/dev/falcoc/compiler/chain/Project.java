package dev.falcoc.compiler.chain;

import dev.falcoc.compiler.yaml.YNode;
import dev.falcoc.compiler.yaml.YamlReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A falcoc.yaml project file: the load chain of a repository, so that {@code falcoc check} with no
 * arguments checks it. Paths are relative to the project file's directory.
 * <pre>
 * base: [upstream/falco_rules.yaml]      # loaded first; findings there are not reported
 * rules: [rules/, helm/values.yaml]      # the files being checked, in load order
 * fail-level: warning                    # error | warning | info
 * report-base: false
 * engine-version: 0.40.0                 # optional: oldest Falco the rules must load on
 * </pre>
 */
public record Project(Path file, List<String> base, List<String> rules, String failLevel, boolean reportBase, String engineVersion) {
    public static final String FILE_NAME = "falcoc.yaml";

    public static final class ProjectException extends Exception {
        public ProjectException(String m) { super(m); }
    }

    public static Project parse(Path file, String content) throws ProjectException {
        List<YNode> docs;
        try {
            docs = YamlReader.readAll(file.toString(), content);
        } catch (YamlReader.SyntaxError e) {
            throw new ProjectException(file + ":" + (e.line + 1) + ":" + (e.column + 1) + ": " + e.getMessage());
        }
        YNode root = docs.isEmpty() ? null : docs.getFirst();
        if (root == null || root.isNull()) return new Project(file, List.of(), List.of(), null, false, null);
        if (!root.isMap()) throw new ProjectException(file + ": a project file must be a mapping (keys base, rules, fail-level, report-base, engine-version)");
        Path dir = file.toAbsolutePath().getParent();
        List<String> base = new ArrayList<>(), rules = new ArrayList<>();
        String failLevel = null, engine = null;
        boolean reportBase = false;
        for (YNode.Entry e : root.entries) {
            String key = e.key().isScalar() ? e.key().value : "?";
            String where = file + ":" + (e.key().line + 1) + ":" + (e.key().column + 1) + ": ";
            switch (key) {
                case "base" -> paths(e.value(), dir, base, where + "'base'");
                case "rules" -> paths(e.value(), dir, rules, where + "'rules'");
                case "fail-level" -> {
                    failLevel = scalar(e.value(), where + "'fail-level'");
                    if (!List.of("error", "warning", "info").contains(failLevel)) {
                        throw new ProjectException(where + "'fail-level' must be one of error, warning, info");
                    }
                }
                case "report-base" -> {
                    String b = scalar(e.value(), where + "'report-base'");
                    if (!b.equals("true") && !b.equals("false")) throw new ProjectException(where + "'report-base' must be true or false");
                    reportBase = b.equals("true");
                }
                case "engine-version" -> engine = scalar(e.value(), where + "'engine-version'");
                default -> throw new ProjectException(where + "unknown key '" + key + "' (expected base, rules, fail-level, report-base, engine-version)");
            }
        }
        return new Project(file, base, rules, failLevel, reportBase, engine);
    }

    private static String scalar(YNode n, String what) throws ProjectException {
        if (!n.isScalar() || n.isNull()) throw new ProjectException(what + " must be a scalar");
        return n.value;
    }

    private static void paths(YNode n, Path dir, List<String> out, String what) throws ProjectException {
        if (n.isScalar() && !n.isNull()) {
            out.add(resolve(dir, n.value));
        } else if (n.isSequence()) {
            for (YNode i : n.items) out.add(resolve(dir, scalar(i, what + " entries")));
        } else if (!n.isNull()) {
            throw new ProjectException(what + " must be a path or a list of paths");
        }
    }

    private static String resolve(Path dir, String p) {
        Path path = Path.of(p);
        if (path.isAbsolute()) return p;
        Path cwd = Path.of("").toAbsolutePath();
        Path abs = dir.resolve(path).normalize();
        // keep paths short and relative when the project is under the current directory
        return abs.startsWith(cwd) ? (cwd.equals(abs) ? "." : cwd.relativize(abs).toString()) + (p.endsWith("/") ? "/" : "") : abs.toString();
    }
}
