package dev.falcoc.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: wires the subcommands and maps failures to exit codes. */
@Command(name = "falcoc", mixinStandardHelpOptions = true, version = "falcoc " + Cli.VERSION + " (Falco rules engine 0.57.0)",
        description = "A toolchain for Falco security rules: check, list and run them.",
        subcommands = {CheckCommand.class, ListCommand.class, RunCommand.class, LspCommand.class, TestCommand.class, ExplainCommand.class, CommandLine.HelpCommand.class})
public final class Cli implements Runnable {
    static final int OK = 0, FINDINGS = 1, USAGE = 2, INTERNAL = 4;
    static final String VERSION = "0.1.0";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (check, list, run, lsp)");
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Cli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            err.println("falcoc: internal error: " + ex);
            return INTERNAL;
        });
        return cl;
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        // Conditions can nest deeply; give the compiler a big stack instead of crashing.
        int[] code = {INTERNAL};
        Thread t = new Thread(null, () -> {
            code[0] = commandLine(out, err).execute(args);
            out.flush();
        }, "falcoc", 1L << 30);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return code[0];
    }
}
