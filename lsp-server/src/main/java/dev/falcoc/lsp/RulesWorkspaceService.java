package dev.falcoc.lsp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Settings, watched files and workspace-wide symbols. */
final class RulesWorkspaceService implements WorkspaceService {
    private final FalcoLanguageServer server;

    RulesWorkspaceService(FalcoLanguageServer server) { this.server = server; }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams p) {
        try {
            server.reconfigure(p.getSettings());
        } catch (RuntimeException e) {
            // keep the previous chain
        }
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams p) {
        try {
            boolean config = false;
            for (FileEvent e : p.getChanges()) {
                String key = Uris.key(e.getUri());
                server.workspace.forgetDisk(key);
                if (key.endsWith("/falcoc.yaml")) config = true;
            }
            if (config) {
                server.reloadConfigFile();
            } else {
                // a file may have appeared in or left a rules.d directory of the chain
                server.workspace.configure(server.workspace.config());
                server.schedule(0);
            }
        } catch (RuntimeException e) {
            // ignore malformed events
        }
    }

    @Override
    public CompletableFuture<Either<List<? extends SymbolInformation>, List<? extends WorkspaceSymbol>>> symbol(WorkspaceSymbolParams p) {
        try {
            return CompletableFuture.completedFuture(Either.forRight(server.features.workspaceSymbols(p.getQuery())));
        } catch (Throwable t) {
            return CompletableFuture.completedFuture(Either.forRight(List.of()));
        }
    }
}
