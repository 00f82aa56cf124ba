package dev.falcoc.cli;

import dev.falcoc.compiler.diag.Diagnostic;
import dev.falcoc.compiler.diag.Location;
import dev.falcoc.compiler.diag.Severity;
import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.report.FalcoJson;
import dev.falcoc.compiler.report.Json;
import dev.falcoc.compiler.report.Snippets;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** falcoc check: load rules files as Falco would and report every problem. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check rules files (loaded in order, directories sorted) and report errors and warnings.")
final class CheckCommand implements Callable<Integer> {
    enum Format { text, json }

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Rules files or rules.d directories, in load order.")
    List<String> paths;

    @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--strict", description = "Exit with 1 on warnings too.")
    boolean strict;

    @Option(names = "--no-snippet", description = "Do not print the source line under each problem.")
    boolean noSnippet;

    @Option(names = "--container-plugin", negatable = true, description = "Act as if Falco's container plugin is loaded (default: when the rules require it).")
    Boolean containerPlugin;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        List<String> files;
        try {
            files = Inputs.expand(paths);
        } catch (Inputs.InputException e) {
            err.println("falcoc: " + e.getMessage());
            return Cli.USAGE;
        }
        RulesEngine engine = new RulesEngine(ListCommand.options(containerPlugin));
        Map<String, String> contents = new HashMap<>();
        for (String f : files) {
            Inputs.RulesFile rf;
            try {
                rf = Inputs.read(f);
            } catch (Inputs.InputException e) {
                err.println("falcoc: " + e.getMessage());
                return Cli.USAGE;
            }
            contents.put(f, rf.content());
            engine.load(rf.name(), rf.content());
        }
        List<LoadResult> results = engine.results();
        if (format == Format.json) {
            out.println(Json.write(FalcoJson.loadResults(results)));
        } else {
            printText(results, contents, out, noSnippet);
        }
        out.flush();
        boolean errors = results.stream().anyMatch(r -> r.count(Severity.ERROR) > 0);
        boolean warnings = results.stream().anyMatch(r -> r.count(Severity.WARNING) > 0);
        return errors || (strict && warnings) ? Cli.FINDINGS : Cli.OK;
    }

    /** Prints every problem as file:line:col: severity: message (item) [code], with a snippet, then a count line. */
    static void printText(List<LoadResult> results, Map<String, String> contents, PrintWriter out, boolean noSnippet) {
        int errors = 0, warnings = 0;
        for (LoadResult r : results) {
            for (Diagnostic d : r.all()) {
                Location loc = d.context().exactLocation();
                String file = loc.file() != null ? loc.file() : r.name;
                int line, col;
                int[] lc = loc.exactOffset() >= 0 ? FalcoJson.lineCol(contents.get(file), loc.exactOffset()) : null;
                if (lc != null) { line = lc[0]; col = lc[1]; }
                else { line = loc.position().line() + 1; col = loc.position().column() + 1; file = r.name; }
                String item = itemOf(d);
                out.println(file + ":" + line + ":" + col + ": " + d.severity().label() + ": " + d.message()
                        + (item.isEmpty() ? "" : " (" + item + ")") + " [" + d.code() + "]");
                if (!noSnippet && lc != null) {
                    String snip = Snippets.caret(contents.get(file), loc.exactOffset());
                    for (String s : snip.split("\n", -1)) out.println("    " + s);
                }
                if (d.severity() == Severity.ERROR) errors++; else warnings++;
            }
        }
        out.println(files(results) + ": " + errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning" + (warnings == 1 ? "" : "s"));
    }

    private static String files(List<LoadResult> results) {
        return results.size() == 1 ? results.getFirst().name : results.size() + " files";
    }

    private static String itemOf(Diagnostic d) {
        for (int i = d.context().locations().size() - 1; i >= 0; i--) {
            Location l = d.context().locations().get(i);
            if (!l.itemName().isEmpty() && !l.itemType().equals("value for") && !l.itemType().equals("overrides")) {
                return l.itemType() + " '" + l.itemName() + "'";
            }
        }
        return "";
    }
}
