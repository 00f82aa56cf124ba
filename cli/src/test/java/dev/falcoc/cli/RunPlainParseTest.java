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

/** RunCommand.parsePlain reads a plain command line exactly as picocli does, and leaves every other one to picocli. */
class RunPlainParseTest {
    private static final PrintWriter NULL = new PrintWriter(new StringWriter());

    private static List<Object> fields(RunCommand c) {
        return Arrays.asList(c.replay, c.write, c.statsInterval, c.http, c.rules, c.config, c.overrides, c.disableSubstrings,
                c.disableTags, c.enableTags, c.unbuffered, c.containerPlugin, c.interpreter, c.showWarnings, c.skipBadBlocks,
                c.noSummary, c.timing);
    }

    private static void sameAsPicocli(String... args) {
        RunCommand plain = RunCommand.parsePlain(args, NULL, NULL);
        assertNotNull(plain, String.join(" ", args));
        RunCommand picocli = new RunCommand();
        new CommandLine(picocli).parseArgs(Arrays.copyOfRange(args, 1, args.length));
        assertEquals(fields(picocli), fields(plain), String.join(" ", args));
    }

    @Test
    void plainCommandLinesMeanWhatTheyMeanToPicocli() {
        sameAsPicocli("run");
        sameAsPicocli("run", "--replay", "a.scap", "-r", "r.yaml", "--timing");
        sameAsPicocli("run", "-e", "a.scap", "-r", "r1.yaml", "-r", "dir", "-c", "falco.yaml", "-o", "json_output=true", "-o", "rule_matching=all");
        sameAsPicocli("run", "-r", "x", "-D", "Write", "-D", "Read", "-T", "t1", "-t", "t2", "-t", "t3", "-U", "--container-plugin", "--interpreter",
                "--warnings", "--skip-bad-blocks", "--no-summary", "--http", "127.0.0.1:8765", "--stats-interval", "10", "--write", "o.scap");
        sameAsPicocli("run", "--unbuffered", "--stats-interval", "0", "-r", "rules with spaces.yaml", "--replay", "x=y.scap");
    }

    @Test
    void everythingElseIsPicocli() {
        String[][] others = {
            {"check", "x"}, {"run", "--help"}, {"run", "-h"}, {"run", "--version"}, {"run", "-V"},
            {"run", "--replay"}, {"run", "--replay="}, {"run", "--replay=a.scap"}, {"run", "-ea.scap"}, {"run", "-r"},
            {"run", "-r", "-"}, {"run", "-r", "--timing"}, {"run", "-r", ""}, {"run", "-r", "@args"}, {"run", "@args"},
            {"run", "--replay", "a", "--replay", "b"}, {"run", "-e", "a", "--replay", "b"}, {"run", "--timing", "--timing"},
            {"run", "-U", "--unbuffered"}, {"run", "--no-container-plugin"}, {"run", "--stats-interval", "0x10"},
            {"run", "--stats-interval", "010"}, {"run", "--stats-interval", "+1"}, {"run", "--stats-interval", "99999999999999999999"},
            {"run", "extra"}, {"run", "--"}, {"run", "-Ur", "x"}, {"run", "--replay", "a\0b"}, {"run", "--bogus"},
        };
        for (String[] a : others) assertNull(RunCommand.parsePlain(a, NULL, NULL), String.join(" ", a));
    }
}
