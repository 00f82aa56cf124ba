package dev.falcoc.cli;

import dev.falcoc.compiler.chain.ChainCheck;
import dev.falcoc.compiler.chain.ChainInputs;
import dev.falcoc.compiler.chain.Project;
import dev.falcoc.compiler.diag.Diagnostic;
import dev.falcoc.compiler.diag.Severity;
import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.load.Version;
import dev.falcoc.compiler.report.FalcoJson;
import dev.falcoc.compiler.report.Finding;
import dev.falcoc.compiler.report.Findings;
import dev.falcoc.compiler.report.GithubCommands;
import dev.falcoc.compiler.report.Json;
import dev.falcoc.compiler.report.Sarif;
import dev.falcoc.compiler.report.Snippets;
import dev.falcoc.compiler.report.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** falcoc check: load rules files as Falco would, on top of a base chain, and report every problem. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check rules files (loaded in order, directories sorted) and report errors, warnings and lints.",
                "Helm values files (customRules) and rules.d ConfigMaps are checked file by file, with positions in the values file.",
                "Without FILE arguments, the chain of ./falcoc.yaml (or --project) is checked."})
final class CheckCommand implements Callable<Integer> {
    enum Format { text, json, sarif, github }

    enum Level { error, warning, info }

    @Parameters(arity = "0..*", paramLabel = "FILE|DIR", description = "Rules files, rules.d directories or Helm values files, in load order.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--base", paramLabel = "FILE|DIR", description = "Rules loaded first (e.g. the upstream falco_rules.yaml); repeatable. Only errors are reported for them, unless --report-base.")
    List<String> base = new ArrayList<>();

    @Option(names = "--report-base", description = "Also report warnings and lints located in --base files.")
    boolean reportBase;

    @Option(names = "--project", paramLabel = "FILE", description = "Project file naming the chain (default: ./falcoc.yaml when no FILE is given).")
    Path project;

    @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--fail-level", paramLabel = "LEVEL", description = "Exit with 1 when a finding is at least this severe: ${COMPLETION-CANDIDATES} (default: error).")
    Level failLevel;

    @Option(names = "--strict", description = "Same as --fail-level warning.")
    boolean strict;

    @Option(names = "--no-snippet", description = "Do not print the source line under each problem.")
    boolean noSnippet;

    @Option(names = "--no-lint", description = "Report only what Falco reports, without falcoc's lints.")
    boolean noLint;

    @Option(names = "--engine-version", paramLabel = "FALCO_VERSION", description = "Report constructs the given Falco version (e.g. 0.40.0) does not support.")
    String engineVersion;

    @Option(names = "--source-root", paramLabel = "DIR", description = "Directory SARIF and GitHub paths are relative to (default: the git work tree, else the current directory).")
    Path sourceRoot;

    @Option(names = "--container-plugin", negatable = true, description = "Act as if Falco's container plugin is loaded (default: when the rules require it).")
    Boolean containerPlugin;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The streams when {@link #parsePlain} built this command (picocli's spec is absent then). */
    private PrintWriter plainOut, plainErr;

    /**
     * The command for a plain {@code check} command line, or null when picocli must parse it (see
     * {@link RunCommand#parsePlain}: the same rules, ~35 ms of start-up saved). Positional
     * arguments are files; they may come between options, as picocli allows.
     */
    static CheckCommand parsePlain(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 0 || !args[0].equals("check")) return null;
        CheckCommand c = new CheckCommand();
        c.format = Format.text;
        java.util.Set<String> once = new java.util.HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.isEmpty() || a.startsWith("@")) return null;
            if (!a.startsWith("-")) {
                c.paths.add(a);
                continue;
            }
            String v = null;
            switch (a) {
                case "--base", "--project", "--format", "--fail-level", "--engine-version", "--source-root" -> {
                    if (i + 1 >= args.length) return null;
                    v = args[++i];
                    if (v.isEmpty() || v.startsWith("-") || v.startsWith("@")) return null;
                }
                case "--report-base", "--strict", "--no-snippet", "--no-lint", "--container-plugin" -> { }
                default -> { return null; }
            }
            try {
                switch (a) {
                    case "--base" -> c.base.add(v);
                    case "--project" -> c.project = Path.of(v);
                    case "--format" -> {
                        switch (v) {
                            case "text" -> c.format = Format.text;
                            case "json" -> c.format = Format.json;
                            case "sarif" -> c.format = Format.sarif;
                            case "github" -> c.format = Format.github;
                            default -> { return null; }
                        }
                    }
                    case "--fail-level" -> {
                        switch (v) {
                            case "error" -> c.failLevel = Level.error;
                            case "warning" -> c.failLevel = Level.warning;
                            case "info" -> c.failLevel = Level.info;
                            default -> { return null; }
                        }
                    }
                    case "--engine-version" -> c.engineVersion = v;
                    case "--source-root" -> c.sourceRoot = Path.of(v);
                    case "--report-base" -> c.reportBase = true;
                    case "--strict" -> c.strict = true;
                    case "--no-snippet" -> c.noSnippet = true;
                    case "--no-lint" -> c.noLint = true;
                    case "--container-plugin" -> c.containerPlugin = Boolean.TRUE;
                    default -> { return null; }
                }
            } catch (java.nio.file.InvalidPathException e) {
                return null;
            }
            // picocli rejects a single-value option or a flag given twice
            if (!a.equals("--base") && !once.add(a)) return null;
        }
        c.plainOut = out;
        c.plainErr = err;
        return c;
    }

    @Override
    public Integer call() {
        PrintWriter out = plainOut != null ? plainOut : spec.commandLine().getOut();
        PrintWriter err = plainErr != null ? plainErr : spec.commandLine().getErr();
        Project proj = null;
        try {
            Path pf = project != null ? project : (paths.isEmpty() ? Path.of(Project.FILE_NAME) : null);
            if (pf != null) {
                if (!Files.isRegularFile(pf)) {
                    err.println("falcoc: " + (project != null ? "cannot read project file " + pf
                            : "no rules files given and no " + Project.FILE_NAME + " in the current directory"));
                    return Cli.USAGE;
                }
                proj = Project.parse(pf, Files.readString(pf));
            }
        } catch (IOException | Project.ProjectException e) {
            err.println("falcoc: " + e.getMessage());
            return Cli.USAGE;
        }
        List<String> basePaths = !base.isEmpty() || proj == null ? base : proj.base();
        List<String> rulePaths = !paths.isEmpty() || proj == null ? paths : proj.rules();
        if (rulePaths.isEmpty()) {
            err.println("falcoc: no rules files to check" + (proj != null ? " ('rules' is empty in " + proj.file() + ")" : ""));
            return Cli.USAGE;
        }
        Level level = strict ? Level.warning : failLevel != null ? failLevel
                : proj != null && proj.failLevel() != null ? Level.valueOf(proj.failLevel()) : Level.error;
        String engine = engineVersion != null ? engineVersion : proj != null ? proj.engineVersion() : null;
        Version target = null;
        if (engine != null) {
            target = Version.parse(engine);
            if (target == null) {
                err.println("falcoc: --engine-version: '" + engine + "' is not a version like 0.40.0");
                return Cli.USAGE;
            }
        }
        Path root = sourceRoot != null ? sourceRoot.toAbsolutePath().normalize() : defaultRoot();
        List<ChainCheck.Input> inputs = new ArrayList<>();
        List<Finding> extra = new ArrayList<>();
        try {
            for (String f : Inputs.expand(basePaths)) {
                Inputs.RulesFile rf = Inputs.read(f);
                ChainInputs.add(rf.name(), uri(root, f), rf.content(), false, inputs, extra);
            }
            for (String f : Inputs.expand(rulePaths)) {
                Inputs.RulesFile rf = Inputs.read(f);
                ChainInputs.add(rf.name(), uri(root, f), rf.content(), true, inputs, extra);
            }
        } catch (Inputs.InputException e) {
            err.println("falcoc: " + e.getMessage());
            return Cli.USAGE;
        }
        if (inputs.stream().noneMatch(ChainCheck.Input::local) && extra.isEmpty()) {
            err.println("falcoc: no rules files to check in " + String.join(", ", rulePaths) + " (directories are searched for *.yaml and *.yml)");
            return Cli.USAGE;
        }
        ChainCheck.Options opts = new ChainCheck.Options(ListCommand.options(containerPlugin),
                reportBase || (proj != null && proj.reportBase()), !noLint, target);
        ChainCheck.Result result = ChainCheck.run(inputs, extra, opts);
        switch (format) {
            case json -> out.println(Json.write(json(result)));
            case sarif -> out.println(Json.write(Sarif.log(result.findings(), Cli.VERSION, root.toUri().toString())));
            case github -> {
                for (Finding f : result.findings()) out.println(GithubCommands.format(f));
            }
            case text -> printText(result, out);
        }
        out.flush();
        return result.failsAt(Severity.valueOf(level.name().toUpperCase(java.util.Locale.ROOT))) ? Cli.FINDINGS : Cli.OK;
    }

    private void printText(ChainCheck.Result result, PrintWriter out) {
        for (Finding f : result.findings()) printFinding(f, out, noSnippet);
        long errors = result.count(Severity.ERROR), warnings = result.count(Severity.WARNING), infos = result.count(Severity.INFO);
        List<LoadResult> shown = result.reportedResults();
        // Falco only logs its JSON-schema verdict and loads the file anyway; say it too, without
        // counting it as a finding, so that a misspelt key does not go unnoticed.
        for (LoadResult r : shown) {
            if (!r.schemaValid && !r.schemaWarnings.isEmpty()) {
                out.println(r.name + ": note: Falco 0.42's rules schema rejects this file (Falco loads it anyway): "
                        + r.schemaWarnings.getFirst().replaceFirst("^failed for ", "at "));
            }
        }
        out.println(countLine(shown, errors, warnings, infos));
    }

    /** One finding as a compiler-style line, then the source line with a caret unless {@code noSnippet}. */
    private static void printFinding(Finding f, PrintWriter out, boolean noSnippet) {
        out.println(f.oneLine());
        if (!noSnippet && f.text() != null && f.offset() >= 0) {
            for (String s : Snippets.caret(f.text(), f.offset()).split("\n", -1)) out.println("    " + s);
        }
    }

    /** The closing line: "FILE: N errors, M warnings" (with infos only when there are some). */
    private static String countLine(List<LoadResult> files, long errors, long warnings, long infos) {
        String name = files.size() == 1 ? files.getFirst().name : files.size() + " files";
        return name + ": " + errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning" + (warnings == 1 ? "" : "s")
                + (infos > 0 ? ", " + infos + " info" : "");
    }

    /**
     * Compiler-style lines for load results outside a chain check (used by `falcoc run` when the
     * rules do not load): one line per problem, a snippet unless {@code noSnippet}, a count line.
     */
    static void printText(List<LoadResult> results, Map<String, String> contents, PrintWriter out, boolean noSnippet) {
        Map<String, SourceFile> sources = new HashMap<>();
        for (LoadResult r : results) {
            sources.put(r.name, SourceFile.plain(r.name, r.name, contents.getOrDefault(r.name, r.content)));
        }
        long errors = 0, warnings = 0;
        for (LoadResult r : results) {
            for (Diagnostic d : r.all()) {
                printFinding(Findings.of(d, r.name, sources, false), out, noSnippet);
                if (d.severity() == Severity.ERROR) errors++; else warnings++;
            }
        }
        out.println(countLine(results, errors, warnings, 0));
    }

    /** Falco's -V JSON for the checked files (positions mapped into the user's files), plus falcoc's lints. */
    private static Map<String, Object> json(ChainCheck.Result result) {
        Map<Diagnostic, Finding> mapped = new IdentityHashMap<>();
        for (ChainCheck.Reported r : result.falco()) mapped.put(r.diagnostic(), r.finding());
        List<Object> arr = new ArrayList<>();
        for (LoadResult r : result.reportedResults()) {
            Map<String, Object> o = FalcoJson.loadResult(r);
            for (String key : List.of("errors", "warnings", "additional_errors", "additional_warnings")) {
                @SuppressWarnings("unchecked")
                List<Object> ds = (List<Object>) o.get(key);
                List<Diagnostic> src = switch (key) {
                    case "errors" -> r.errors;
                    case "warnings" -> r.warnings;
                    case "additional_errors" -> r.additional.stream().filter(d -> d.severity() == Severity.ERROR).toList();
                    default -> r.additional.stream().filter(d -> d.severity() != Severity.ERROR).toList();
                };
                for (int i = 0; i < ds.size() && i < src.size(); i++) {
                    Finding f = mapped.get(src.get(i));
                    if (f == null) f = Findings.of(src.get(i), r.name, result.sources(), false);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> d = (Map<String, Object>) ds.get(i);
                    d.put("falcoc_position", position(f));
                }
            }
            arr.add(o);
        }
        List<Object> lints = new ArrayList<>();
        for (Finding f : result.findings()) {
            if (!f.lint()) continue;
            Map<String, Object> l = Json.obj();
            l.put("code", f.code());
            l.put("severity", f.severity().label());
            l.put("message", f.message());
            l.put("item", f.item());
            l.putAll(position(f));
            lints.add(l);
        }
        Map<String, Object> o = Json.obj();
        o.put("falco_load_results", arr);
        o.put("lints", lints);
        return o;
    }

    private static Map<String, Object> position(Finding f) {
        Map<String, Object> p = Json.obj();
        p.put("file", f.path());
        p.put("line", f.line());
        p.put("column", f.column());
        return p;
    }

    /** The git work tree containing the current directory, else the current directory. */
    static Path defaultRoot() {
        Path cwd = Path.of("").toAbsolutePath().normalize();
        for (Path p = cwd; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) return p;
        }
        return cwd;
    }

    /** Repository-relative path with '/' separators; files outside the root get a file: URI. */
    static String uri(Path root, String file) {
        Path abs = Path.of(file).toAbsolutePath().normalize();
        if (!abs.startsWith(root)) return abs.toUri().toString();
        StringBuilder sb = new StringBuilder();
        for (Path part : root.relativize(abs)) {
            if (!sb.isEmpty()) sb.append('/');
            sb.append(part);
        }
        return sb.toString();
    }
}
