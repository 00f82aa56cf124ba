package dev.falcoc.compiler.chain;

import dev.falcoc.compiler.diag.Diagnostic;
import dev.falcoc.compiler.diag.Location;
import dev.falcoc.compiler.diag.Severity;
import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.lint.Linter;
import dev.falcoc.compiler.load.Version;
import dev.falcoc.compiler.report.Finding;
import dev.falcoc.compiler.report.Findings;
import dev.falcoc.compiler.report.SourceFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a load chain: base contents first, then the local ones, all into one engine in order,
 * as Falco loads its rules_files. Falco's findings and falcoc's lints are turned into findings
 * in the user's files. Warnings and lints located in base files are left out unless asked for;
 * errors are always kept, since Falco would refuse the whole chain.
 */
public final class ChainCheck {
    private ChainCheck() {}

    /** One rules content of the chain; {@code local} ones are the files being checked. */
    public record Input(SourceFile source, boolean local) {}

    public record Options(RulesEngine.Options engine, boolean reportBase, boolean lints, Version targetFalco) {
        public static Options defaults() { return new Options(RulesEngine.Options.defaults(), false, true, null); }
    }

    /** One reported diagnostic with the load result it belongs to (null for lints). */
    public record Reported(Diagnostic diagnostic, LoadResult result, Finding finding) {}

    public record Result(RulesEngine engine, List<LoadResult> results, List<LoadResult> reportedResults,
                         Map<String, SourceFile> sources, List<Reported> falco, List<Reported> lints, List<Finding> findings) {
        public long count(Severity s) { return findings.stream().filter(f -> f.severity() == s).count(); }

        /** Whether any finding is at least as severe as the threshold (ERROR most severe). */
        public boolean failsAt(Severity threshold) {
            return findings.stream().anyMatch(f -> f.severity().ordinal() <= threshold.ordinal());
        }
    }

    public static Result run(List<Input> inputs, List<Finding> extra, Options options) {
        RulesEngine engine = new RulesEngine(options.engine());
        Map<String, SourceFile> sources = new LinkedHashMap<>();
        Set<String> local = new HashSet<>();
        for (Input in : inputs) {
            sources.put(in.source().name(), in.source());
            if (in.local()) local.add(in.source().name());
        }
        List<LoadResult> reportedResults = new ArrayList<>();
        for (Input in : inputs) {
            LoadResult r = engine.load(in.source().name(), in.source().content());
            if (in.local() || options.reportBase()) reportedResults.add(r);
        }
        List<Finding> findings = new ArrayList<>(extra);
        List<Reported> falco = new ArrayList<>();
        // Falco recompiles the whole chain after each file, so a broken rule is reported again
        // by every later file: each problem is shown once.
        Set<String> seen = new HashSet<>();
        for (LoadResult r : engine.results()) {
            for (Diagnostic d : r.all()) {
                String src = sourceOf(d, r.name, sources);
                boolean show = d.severity() == Severity.ERROR || options.reportBase() || local.contains(src);
                if (!show) continue;
                Finding f = Findings.of(d, r.name, sources, false);
                if (!seen.add(f.severity() + "\u0000" + f.code() + "\u0000" + f.message() + "\u0000" + f.uri() + "\u0000" + f.line() + ":" + f.column())) continue;
                falco.add(new Reported(d, r, f));
                findings.add(f);
            }
        }
        List<Reported> lints = new ArrayList<>();
        boolean loaded = engine.results().stream().allMatch(LoadResult::successful) && engine.output() != null;
        if (options.lints() && loaded) {
            List<Diagnostic> ds = new ArrayList<>(Linter.run(engine, inputs, options.targetFalco()));
            // in load order, then by position in the file, whatever lint found them
            List<String> order = new ArrayList<>(sources.keySet());
            ds.sort(java.util.Comparator.comparingInt((Diagnostic d) -> order.indexOf(sourceOf(d, null, sources)))
                    .thenComparingInt(d -> d.context().exactLocation().exactOffset()));
            for (Diagnostic d : ds) {
                String src = sourceOf(d, null, sources);
                if (!options.reportBase() && !local.contains(src)) continue;
                Finding f = Findings.of(d, src, sources, true);
                lints.add(new Reported(d, null, f));
                findings.add(f);
            }
        }
        return new Result(engine, engine.results(), reportedResults, sources, falco, lints, findings);
    }

    /** The content a diagnostic points into. */
    static String sourceOf(Diagnostic d, String fallback, Map<String, SourceFile> sources) {
        Location loc = d.context().exactLocation();
        if (loc.exactOffset() >= 0 && loc.file() != null && sources.containsKey(loc.file())) return loc.file();
        return fallback != null ? fallback : d.context().contentName();
    }
}
