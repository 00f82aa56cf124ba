package dev.falcoc.cli;

import dev.falcoc.runtime.testing.RuleTestRunner;
import dev.falcoc.runtime.testing.TestReports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** falcoc test: run rule tests (docs/rule-tests.md) with the matchers falcoc run uses. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run rule tests: synthetic events or capture slices against a rule chain, with expected alerts.",
                "Directories are searched for *.test.yaml files and YAML files with a top-level tests: key."},
        footer = {"", "Exit status: 0 all tests passed; 1 a test failed or a test file has problems; 2 bad command line."})
final class TestCommand implements Callable<Integer> {
    enum Format { text, json, junit }

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Test files or directories (default: the current directory).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json or junit.")
    Format format = Format.text;

    @Option(names = {"-v", "--verbose"}, description = "Also list passing tests (text format).")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        List<Path> roots = paths.isEmpty() ? List.of(Path.of(".")) : paths;
        for (Path p : roots) {
            if (!Files.exists(p)) {
                err.println("falcoc: " + p + ": no such file or directory");
                return Cli.USAGE;
            }
        }
        List<Path> files;
        try {
            files = RuleTestRunner.discover(roots);
        } catch (IOException | RuntimeException e) {
            err.println("falcoc: cannot search for test files: " + e.getMessage());
            return Cli.USAGE;
        }
        if (files.isEmpty()) {
            err.println("falcoc: no test files found under " + String.join(", ", roots.stream().map(Path::toString).toList()));
            return Cli.FINDINGS;
        }
        RuleTestRunner.Report report = new RuleTestRunner().runFiles(files);
        out.print(switch (format) {
            case text -> TestReports.text(report, verbose);
            case json -> TestReports.json(report);
            case junit -> TestReports.junit(report);
        });
        out.flush();
        return report.failed() ? Cli.FINDINGS : Cli.OK;
    }
}
