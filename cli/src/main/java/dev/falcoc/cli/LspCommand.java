package dev.falcoc.cli;

import dev.falcoc.lsp.ServerLauncher;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** falcoc lsp: the language server, on stdio (default) or a local socket. */
@Command(name = "lsp", mixinStandardHelpOptions = true,
        description = {"Serve the Language Server Protocol for Falco rules files.",
                "The load chain comes from falcoc.yaml (keys base, rules) or the client's settings."})
final class LspCommand implements Callable<Integer> {
    @Option(names = "--stdio", description = "Talk over stdin/stdout (the default).")
    boolean stdio;

    @Option(names = "--port", paramLabel = "N", description = "Listen on localhost:N and serve the first client.")
    Integer port;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port != null && !stdio) return ServerLauncher.serveSocket(port);
        // stdout carries the protocol: nothing else may be printed there
        return ServerLauncher.serve(System.in, System.out);
    }
}
