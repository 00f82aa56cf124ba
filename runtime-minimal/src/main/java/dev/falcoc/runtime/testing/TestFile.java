package dev.falcoc.runtime.testing;

import dev.falcoc.compiler.report.Finding;
import dev.falcoc.runtime.config.FalcoConfig.RuleMatching;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One parsed rule-test file: the rule chain it loads, the matching mode, its tests and its problems. */
public record TestFile(Path path, String text, List<Path> rules, RuleMatching matching, List<TestCase> tests,
                       List<Finding> findings) {

    /** Where something was written in the test file: 1-based line and column, character offset. */
    public record At(int line, int column, int offset) {}

    public record TestCase(String name, At at, Source source, Expect expect) {}

    /** What a test evaluates: one synthetic event, or the events of a capture with evt.num in [from, to]. */
    public sealed interface Source {}

    public record Synthetic(SyntheticEvent event, Map<String, At> given) implements Source {}

    public record Capture(Path file, long from, long to) implements Source {}

    /**
     * The expectations: rules that must fire (optionally with their output), rules that must stay
     * silent, and whether alerts from rules not listed in {@code fire} are tolerated.
     */
    public record Expect(List<Fire> fire, List<Silent> silent, boolean othersAllowed) {}

    public record Fire(String rule, At at, String output, String outputContains, Map<String, String> outputFields) {}

    public record Silent(String rule, At at) {}

    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == dev.falcoc.compiler.diag.Severity.ERROR);
    }
}
