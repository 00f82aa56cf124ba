package dev.falcoc.cli;

import dev.falcoc.compiler.report.Finding;
import dev.falcoc.runtime.Inspector;
import dev.falcoc.runtime.ScapException;
import dev.falcoc.runtime.config.FalcoConfig.RuleMatching;
import dev.falcoc.runtime.explain.ExplainReports;
import dev.falcoc.runtime.explain.Explainer;
import dev.falcoc.runtime.explain.Explanation;
import dev.falcoc.runtime.testing.RuleChain;
import dev.falcoc.runtime.testing.SyntheticFields;
import dev.falcoc.runtime.testing.TestFile;
import dev.falcoc.runtime.testing.TestFileReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** falcoc explain: the evaluation tree of one rule's condition on one event. */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Explain why a rule does or does not fire on one event: every macro, list, exception and",
                "comparison of its condition with the field values seen and its result, and under first-match",
                "the earlier rule that took the event. The event comes from a rule test or from a capture."},
        footer = {"", "Exit status: 0 explained; 1 the rules or the test file have problems; 2 bad command line or input."})
final class ExplainCommand implements Callable<Integer> {
    enum Format { text, json }

    @Option(names = "--rule", required = true, paramLabel = "NAME", description = "The rule to explain.")
    String rule;

    static final class FromTest {
        @Option(names = "--test", required = true, paramLabel = "FILE", description = "A rule-test file (its rules: chain and rule_matching are used).")
        Path test;

        @Option(names = "--name", required = true, paramLabel = "TEST", description = "The test whose event is explained.")
        String name;
    }

    static final class FromReplay {
        @Option(names = "--replay", required = true, paramLabel = "FILE.scap", description = "A capture file.")
        Path replay;

        @Option(names = "--evt-num", required = true, paramLabel = "N", description = "The event's evt.num in the capture.")
        long evtNum;

        @Option(names = "-r", required = true, paramLabel = "RULES", description = "Rules file or directory; repeatable, loaded in order.")
        List<Path> rules = new ArrayList<>();

        @Option(names = "--rule-matching", paramLabel = "first|all", description = "Falco's rule_matching (default: first).")
        String matching = "first";
    }

    static final class Source {
        @ArgGroup(exclusive = false)
        FromTest test;

        @ArgGroup(exclusive = false)
        FromReplay replay;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json.")
    Format format = Format.text;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        try {
            Explanation e = source.test != null ? fromTest(err) : fromReplay(err);
            if (e == null) return Cli.FINDINGS;
            out.print(format == Format.json ? ExplainReports.json(e) : ExplainReports.text(e));
            out.flush();
            return Cli.OK;
        } catch (Problem p) {
            err.println("falcoc: " + p.getMessage());
            return p.code;
        } catch (RuleChain.LoadFailure f) {
            for (Finding x : f.findings) err.println(x.oneLine());
            err.println("falcoc: " + f.getMessage());
            return Cli.FINDINGS;
        }
    }

    private static final class Problem extends Exception {
        final int code;

        Problem(String m, int code) {
            super(m, null, false, false);
            this.code = code;
        }
    }

    private Explanation fromTest(PrintWriter err) throws Problem, RuleChain.LoadFailure {
        Path f = source.test.test;
        String text;
        try {
            text = Files.readString(f);
        } catch (IOException | RuntimeException e) {
            throw new Problem("cannot read " + f + ": " + e.getMessage(), Cli.USAGE);
        }
        TestFile tf = TestFileReader.read(f, text);
        if (tf.hasErrors()) {
            for (Finding x : tf.findings()) err.println(x.oneLine());
            return null;
        }
        TestFile.TestCase tc = tf.tests().stream().filter(t -> t.name().equals(source.test.name)).findFirst()
                .orElseThrow(() -> new Problem("no test named '" + source.test.name + "' in " + f, Cli.USAGE));
        RuleChain chain = RuleChain.load(tf.rules());
        checkRule(chain);
        return switch (tc.source()) {
            case TestFile.Synthetic s -> new Explainer(chain, SyntheticFields.INSTANCE)
                    .explain(rule, s.event(), s.event().code(), 0, tf.matching());
            case TestFile.Capture c -> replay(chain, c.file(), c.from(), tf.matching());
        };
    }

    private Explanation fromReplay(PrintWriter err) throws Problem, RuleChain.LoadFailure {
        RuleMatching m = switch (source.replay.matching) {
            case "first" -> RuleMatching.FIRST;
            case "all" -> RuleMatching.ALL;
            default -> throw new Problem("--rule-matching must be first or all", Cli.USAGE);
        };
        RuleChain chain = RuleChain.load(source.replay.rules);
        checkRule(chain);
        return replay(chain, source.replay.replay, source.replay.evtNum, m);
    }

    private void checkRule(RuleChain chain) throws Problem {
        if (chain.rule(rule) == null) throw new Problem("no rule '" + rule + "' in the loaded rules", Cli.USAGE);
    }

    private Explanation replay(RuleChain chain, Path capture, long evtNum, RuleMatching m) throws Problem {
        try (Inspector in = Inspector.open(capture)) {
            for (Object ctx; (ctx = in.next()) != null; ) {
                long n = in.evtNum(ctx);
                if (n < evtNum) continue;
                if (n > evtNum) break;
                return new Explainer(chain, in.binder()).explain(rule, ctx, in.eventCode(ctx), n, m);
            }
            throw new Problem(capture + " has no event with evt.num " + evtNum, Cli.USAGE);
        } catch (ScapException e) {
            throw new Problem("cannot replay " + capture + ": " + e.getMessage(), Cli.USAGE);
        }
    }
}
