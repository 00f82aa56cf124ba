package dev.falcoc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** CheckCommand.parsePlain reads a plain command line exactly as picocli does, and leaves every other one to picocli. */
class CheckPlainParseTest {
    private static final PrintWriter NULL = new PrintWriter(new StringWriter());

    private static List<Object> fields(CheckCommand c) {
        return Arrays.asList(c.paths, c.base, c.reportBase, c.project, c.format, c.failLevel, c.strict, c.noSnippet, c.noLint,
                c.engineVersion, c.sourceRoot, c.containerPlugin);
    }

    private static void sameAsPicocli(String... args) {
        CheckCommand plain = CheckCommand.parsePlain(args, NULL, NULL);
        assertNotNull(plain, String.join(" ", args));
        CheckCommand picocli = new CheckCommand();
        new CommandLine(picocli).parseArgs(Arrays.copyOfRange(args, 1, args.length));
        assertEquals(fields(picocli), fields(plain), String.join(" ", args));
    }

    @Test
    void plainCommandLinesMeanWhatTheyMeanToPicocli() {
        sameAsPicocli("check");
        sameAsPicocli("check", "a.yaml", "b.yaml", "dir");
        sameAsPicocli("check", "--format", "json", "a.yaml");
        sameAsPicocli("check", "a.yaml", "--format", "sarif", "b.yaml", "--no-snippet");
        sameAsPicocli("check", "--base", "up.yaml", "--base", "up2.yaml", "--report-base", "--format", "github", "--fail-level", "warning",
                "--no-lint", "--engine-version", "0.40.0", "--source-root", "src", "--container-plugin", "local.yaml");
        sameAsPicocli("check", "--project", "falcoc.yaml", "--strict", "--fail-level", "info", "--format", "text");
        sameAsPicocli("check", "--fail-level", "error", "with space.yaml", "x=y.yaml");
    }

    @Test
    void everythingElseIsPicocli() {
        String[][] others = {
            {"run", "x"}, {"check", "--help"}, {"check", "-h"}, {"check", "-V"}, {"check", "--version"},
            {"check", "--format"}, {"check", "--format", "JSON"}, {"check", "--format", "xml"}, {"check", "--format=json", "a"},
            {"check", "--fail-level", "warn"}, {"check", "--format", "json", "--format", "text"}, {"check", "--strict", "--strict"},
            {"check", "--no-container-plugin"}, {"check", "-"}, {"check", ""}, {"check", "@args"}, {"check", "--", "a"},
            {"check", "--base", "-x"}, {"check", "--bogus"}, {"check", "--project", "a\0b"}, {"check", "-x.yaml"},
        };
        for (String[] a : others) assertNull(CheckCommand.parsePlain(a, NULL, NULL), String.join(" ", a));
    }
}
