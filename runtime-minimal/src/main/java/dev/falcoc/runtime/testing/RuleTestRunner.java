package dev.falcoc.runtime.testing;

import dev.falcoc.compiler.diag.Severity;
import dev.falcoc.compiler.report.Finding;
import dev.falcoc.runtime.Inspector;
import dev.falcoc.runtime.ScapException;
import dev.falcoc.runtime.engine.Engine;
import dev.falcoc.runtime.output.AlertFormatter;
import dev.falcoc.runtime.output.FieldRenderer;
import dev.falcoc.runtime.testing.TestFile.At;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs rule tests: loads each file's chain once (cached by file list), evaluates each test's
 * events with the engine {@code falcoc run} uses (bytecode matchers, Falco's dispatch order,
 * first/all matching) and checks the alerts against the expectations.
 */
public final class RuleTestRunner {
    public enum Status { PASS, FAIL, ERROR }

    /** One alert seen by a test: the rule, its output message (no time/priority prefix) and output fields. */
    public record Alert(String rule, long evtNum, String message, Map<String, Object> fields) {}

    public record CaseResult(String name, At at, Status status, List<String> messages, List<Alert> alerts, long nanos) {}

    public record FileResult(TestFile file, List<Finding> findings, List<CaseResult> cases) {
        public boolean failed() {
            return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR) || cases.stream().anyMatch(c -> c.status() != Status.PASS);
        }
    }

    public record Report(List<FileResult> files, long nanos) {
        public long count(Status s) { return files.stream().flatMap(f -> f.cases().stream()).filter(c -> c.status() == s).count(); }

        public long fileErrors() { return files.stream().filter(f -> f.findings().stream().anyMatch(x -> x.severity() == Severity.ERROR)).count(); }

        public boolean failed() { return files.stream().anyMatch(FileResult::failed); }
    }

    /** Loads chains; the default reads rules files from disk, tests may substitute rules. */
    @FunctionalInterface
    public interface ChainLoader {
        RuleChain load(List<Path> files) throws RuleChain.LoadFailure;
    }

    private final ChainLoader loader;
    private final Map<List<Path>, Object> chains = new HashMap<>();

    public RuleTestRunner(ChainLoader loader) { this.loader = loader; }

    public RuleTestRunner() { this(RuleChain::load); }

    /** Test files under the paths: *.test.yaml/yml, or any .yaml/.yml with a top-level tests: key. */
    public static List<Path> discover(List<Path> paths) throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        for (Path p : paths) {
            if (!Files.isDirectory(p)) {
                out.add(p);
                continue;
            }
            List<Path> found = new ArrayList<>();
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
                    String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skip = !dir.equals(p) && (n.startsWith(".") || n.equals("target") || n.equals("node_modules"));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    String n = f.getFileName().toString();
                    if (n.endsWith(".test.yaml") || n.endsWith(".test.yml")) found.add(f);
                    else if ((n.endsWith(".yaml") || n.endsWith(".yml")) && a.size() < 4_000_000
                            && TestFileReader.looksLikeTests(Files.readString(f))) found.add(f);
                    return FileVisitResult.CONTINUE;
                }
            });
            found.stream().sorted().forEach(out::add);
        }
        return new ArrayList<>(out);
    }

    /** Reads and runs test files. */
    public Report runFiles(List<Path> files) {
        long t0 = System.nanoTime();
        List<FileResult> results = new ArrayList<>();
        for (Path f : files) {
            TestFile tf;
            try {
                tf = TestFileReader.read(f, Files.readString(f));
            } catch (IOException | RuntimeException e) {
                tf = new TestFile(f, "", List.of(), null, List.of(), List.of(TestFileReader.finding(f, "", Severity.ERROR,
                        TestFileReader.SYNTAX, "cannot read test file: " + e.getMessage(), new At(1, 1, 0))));
            }
            results.add(run(tf));
        }
        return new Report(results, System.nanoTime() - t0);
    }

    /** Runs one parsed test file (nothing runs when it has errors). */
    public FileResult run(TestFile tf) {
        List<Finding> findings = new ArrayList<>(tf.findings());
        if (tf.hasErrors()) return new FileResult(tf, findings, List.of());
        RuleChain chain;
        try {
            chain = chain(tf.rules());
        } catch (RuleChain.LoadFailure e) {
            findings.add(TestFileReader.finding(tf.path(), tf.text(), Severity.ERROR, TestFileReader.RULES, e.getMessage(), new At(1, 1, 0)));
            findings.addAll(e.findings);
            return new FileResult(tf, findings, List.of());
        }
        // expectations must name rules of the chain
        for (TestFile.TestCase tc : tf.tests()) {
            for (TestFile.Fire x : tc.expect().fire()) unknownRule(tf, chain, x.rule(), x.at(), findings);
            for (TestFile.Silent x : tc.expect().silent()) unknownRule(tf, chain, x.rule(), x.at(), findings);
        }
        if (findings.stream().anyMatch(x -> x.severity() == Severity.ERROR)) return new FileResult(tf, findings, List.of());
        List<CaseResult> cases = new ArrayList<>();
        List<Alert> sink = new ArrayList<>();
        long[] evtNum = {0};
        Engine synthetic = chain.engine(SyntheticFields.INSTANCE, tf.matching(), (o, ctx, ts) ->
                sink.add(alert(o, ctx, evtNum[0], SyntheticFields.INSTANCE)));
        for (TestFile.TestCase tc : tf.tests()) {
            long t0 = System.nanoTime();
            sink.clear();
            List<String> errors = new ArrayList<>();
            switch (tc.source()) {
                case TestFile.Synthetic s -> {
                    evtNum[0] = 0;
                    synthetic.process(s.event(), s.event().code(), s.event().ts());
                    if (synthetic.evaluationErrors() > 0) errors.add("rule evaluation failed: " + synthetic.firstEvaluationError());
                }
                case TestFile.Capture c -> replay(chain, tf, c, sink, errors);
            }
            List<Alert> alerts = List.copyOf(sink);
            if (!errors.isEmpty()) {
                cases.add(new CaseResult(tc.name(), tc.at(), Status.ERROR, errors, alerts, System.nanoTime() - t0));
                continue;
            }
            List<String> failures = check(tc.expect(), alerts);
            cases.add(new CaseResult(tc.name(), tc.at(), failures.isEmpty() ? Status.PASS : Status.FAIL, failures, alerts, System.nanoTime() - t0));
        }
        return new FileResult(tf, findings, cases);
    }

    private static void unknownRule(TestFile tf, RuleChain chain, String rule, At at, List<Finding> findings) {
        if (chain.rule(rule) == null) {
            findings.add(TestFileReader.finding(tf.path(), tf.text(), Severity.ERROR, TestFileReader.UNKNOWN_RULE,
                    "no rule '" + rule + "' in the loaded rules", at));
        }
    }

    private RuleChain chain(List<Path> files) throws RuleChain.LoadFailure {
        Object c = chains.get(files);
        if (c == null) {
            try {
                c = loader.load(files);
            } catch (RuleChain.LoadFailure e) {
                c = e;
            }
            chains.put(files, c);
        }
        if (c instanceof RuleChain.LoadFailure e) throw e;
        return (RuleChain) c;
    }

    private static void replay(RuleChain chain, TestFile tf, TestFile.Capture c, List<Alert> sink, List<String> errors) {
        try (Inspector in = Inspector.open(c.file())) {
            FieldRenderer renderer = renderer(in);
            long[] num = {0};
            Engine engine = chain.engine(in.binder(), tf.matching(), (o, ctx, ts) -> sink.add(alert(o, ctx, num[0], renderer)));
            for (Object ctx; (ctx = in.next()) != null; ) {
                num[0] = in.evtNum(ctx);
                if (num[0] < c.from()) continue;
                if (num[0] > c.to()) break;
                engine.process(ctx, in.eventCode(ctx), in.ts(ctx));
            }
            if (num[0] < c.from()) errors.add("the capture has only " + num[0] + " events, none with evt.num " + c.from());
            if (engine.evaluationErrors() > 0) errors.add("rule evaluation failed: " + engine.firstEvaluationError());
        } catch (ScapException e) {
            errors.add("cannot replay " + c.file() + ": " + e.getMessage());
        }
    }

    static FieldRenderer renderer(Inspector in) {
        return new FieldRenderer() {
            @Override public Object jsonValue(dev.falcoc.compiler.schema.FieldResolver.Resolved f, Object ctx) { return in.jsonValue(f, ctx); }
            @Override public String text(dev.falcoc.compiler.schema.FieldResolver.Resolved f, Object ctx) { return in.text(f, ctx); }
        };
    }

    private static Alert alert(AlertFormatter.RuleOutput o, Object ctx, long num, FieldRenderer r) {
        Map<String, Object> fields = new TreeMap<>();
        o.message().fields(ctx, r, fields);
        return new Alert(o.rule(), num, o.message().text(ctx, r), fields);
    }

    /** The expectation failures for the alerts raised (empty: the test passes). */
    static List<String> check(TestFile.Expect ex, List<Alert> alerts) {
        List<String> out = new ArrayList<>();
        for (TestFile.Fire f : ex.fire()) {
            List<Alert> mine = alerts.stream().filter(a -> a.rule().equals(f.rule())).toList();
            if (mine.isEmpty()) {
                out.add("expected rule '" + f.rule() + "' to fire, but it did not" + (alerts.isEmpty() ? " (no alerts)"
                        : " (alerts from: " + String.join(", ", alerts.stream().map(Alert::rule).distinct().toList()) + ")"));
                continue;
            }
            Alert a = mine.getFirst();
            if (f.output() != null && mine.stream().noneMatch(x -> x.message().equals(f.output()))) {
                out.add("rule '" + f.rule() + "': output\n      expected: " + f.output() + "\n      actual:   " + a.message());
            }
            if (f.outputContains() != null && mine.stream().noneMatch(x -> x.message().contains(f.outputContains()))) {
                out.add("rule '" + f.rule() + "': output does not contain '" + f.outputContains() + "'\n      actual: " + a.message());
            }
            for (Map.Entry<String, String> e : f.outputFields().entrySet()) {
                if (!a.fields().containsKey(e.getKey())) {
                    out.add("rule '" + f.rule() + "': its output has no field " + e.getKey());
                    continue;
                }
                Object v = a.fields().get(e.getKey());
                String actual = v == null ? null : String.valueOf(v);
                if (!Objects.equals(actual, e.getValue())) {
                    out.add("rule '" + f.rule() + "': output field " + e.getKey() + " expected " + show(e.getValue()) + ", got " + show(actual));
                }
            }
        }
        for (TestFile.Silent s : ex.silent()) {
            long n = alerts.stream().filter(a -> a.rule().equals(s.rule())).count();
            if (n > 0) out.add("expected rule '" + s.rule() + "' to stay silent, but it fired" + (n > 1 ? " " + n + " times" : ""));
        }
        if (!ex.othersAllowed()) {
            Set<String> listed = new java.util.HashSet<>();
            ex.fire().forEach(f -> listed.add(f.rule()));
            ex.silent().forEach(s -> listed.add(s.rule()));
            for (String r : alerts.stream().map(Alert::rule).distinct().toList()) {
                if (!listed.contains(r)) out.add("unexpected alert from rule '" + r + "' (list it under fire:, or set others: allow)");
            }
        }
        return out;
    }

    private static String show(String s) { return s == null ? "no value" : "'" + s + "'"; }
}
