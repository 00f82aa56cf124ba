package dev.falcoc.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The launcher's AOT training run: one JVM that does a {@code check}, a {@code list} and a
 * {@code run --replay} of the bundled rules, so that the cache holds what every command loads
 * (a check-only training left ~400 classes of {@code run} to be loaded and linked from the jar).
 */
final class Train {
    private Train() {}

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        String rules = root.resolve("test-rules/rules/falcoc_rules.yaml").toString();
        String capture = root.resolve("test-rules/tests/captures/curl_google.scap").toString();
        PrintWriter out = new PrintWriter(OutputStream.nullOutputStream());
        Cli.run(new String[] {"check", "--format", "json", rules}, out, out);
        Cli.run(new String[] {"check", rules}, out, out);
        Cli.run(new String[] {"list", "--format", "json", rules}, out, out);
        Cli.run(new String[] {"run", "--replay", capture, "-r", rules, "--timing"}, out, out);
        System.exit(0);
    }
}
