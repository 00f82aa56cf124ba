package dev.falcoc.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: wires the subcommands and maps failures to exit codes. */
@Command(name = "falcoc", mixinStandardHelpOptions = true, version = "falcoc " + Cli.VERSION + " (Falco rules engine 0.57.0)",
        description = "A toolchain for Falco security rules: check, list, run, test and explain them.")
public final class Cli implements Runnable {
    static final int OK = 0, FINDINGS = 1, USAGE = 2, INTERNAL = 4;
    static final String VERSION = "0.1.0";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (" + String.join(", ", COMMANDS.keySet()) + ")");
    }

    /** The subcommands, in help order. */
    private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("check", CheckCommand::new);
        COMMANDS.put("list", ListCommand::new);
        COMMANDS.put("run", RunCommand::new);
        COMMANDS.put("test", TestCommand::new);
        COMMANDS.put("explain", ExplainCommand::new);
        COMMANDS.put("lsp", LspCommand::new);
    }

    /**
     * The field catalogue and event table take ~20 ms of CPU to build; every command that loads
     * rules needs them, but only after parsing its options and the rules' YAML. Building them on
     * the second core meanwhile takes them off the start-up path (their getters wait for it).
     */
    private static void preloadTables(String[] args) {
        if (args.length == 0) return;
        switch (args[0]) {
            case "check", "list", "run", "test", "explain" -> { }
            default -> { return; }
        }
        for (String a : args) if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) return;
        Thread t = new Thread(() -> {
            try {
                dev.falcoc.compiler.schema.FieldCatalog.get();
                dev.falcoc.compiler.schema.EventTable.get();
            } catch (RuntimeException | Error e) {
                // the command's own use reports it
            }
        }, "falcoc-tables");
        t.setDaemon(true);
        t.start();
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        return commandLine(out, err, new String[0]);
    }

    /**
     * The command line for these arguments. picocli builds each command's model by reflection and
     * loads every class its options mention, which dominated start-up: when the first argument
     * names a command, only that one is registered.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] args) {
        CommandLine cl = new CommandLine(new Cli());
        Supplier<Object> only = args.length > 0 ? COMMANDS.get(args[0]) : null;
        if (only != null) {
            cl.addSubcommand(args[0], only.get());
        } else {
            COMMANDS.forEach((name, cmd) -> cl.addSubcommand(name, cmd.get()));
            cl.addSubcommand("help", new CommandLine.HelpCommand());
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            err.println("falcoc: internal error: " + ex);
            return INTERNAL;
        });
        return cl;
    }

    /** Runs a command picocli did not parse as picocli's execute would, including its exception handler's answer. */
    private static int callPlain(Callable<Integer> cmd, PrintWriter err) {
        try {
            return cmd.call();
        } catch (Exception ex) {
            err.println("falcoc: internal error: " + ex);
            return INTERNAL;
        }
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        preloadTables(args);
        // Conditions can nest deeply; give the compiler a big stack instead of crashing.
        int[] code = {INTERNAL};
        Thread t = new Thread(null, () -> {
            dev.falcoc.grammar.DeepStack.markDeep();
            // plain run and check command lines skip picocli's reflective model (see RunCommand.parsePlain)
            Callable<Integer> plain = RunCommand.parsePlain(args, out, err);
            if (plain == null) plain = CheckCommand.parsePlain(args, out, err);
            code[0] = plain != null ? callPlain(plain, err) : commandLine(out, err, args).execute(args);
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
