package dev.falcoc.lsp;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.services.TextDocumentService;

/** Document notifications and requests; each handler forwards to the workspace or the features. */
final class RulesTextService implements TextDocumentService {
    private final FalcoLanguageServer server;

    RulesTextService(FalcoLanguageServer server) { this.server = server; }

    private Workspace ws() { return server.workspace; }

    /** Runs a feature; a failure answers with the empty result instead of killing anything. */
    private static <T> CompletableFuture<T> safe(Supplier<T> f, T fallback) {
        try {
            T r = f.get();
            return CompletableFuture.completedFuture(r == null ? fallback : r);
        } catch (ResponseErrorException e) {
            return CompletableFuture.failedFuture(e);
        } catch (Throwable t) {
            return CompletableFuture.completedFuture(fallback);
        }
    }

    @Override
    public void didOpen(DidOpenTextDocumentParams p) {
        try {
            String uri = p.getTextDocument().getUri();
            String t = p.getTextDocument().getText() == null ? "" : p.getTextDocument().getText();
            ws().open(Uris.key(uri), new TextDoc(uri, t, p.getTextDocument().getVersion()));
        } catch (RuntimeException e) {
            return;
        }
        server.schedule(0);
    }

    @Override
    public void didChange(DidChangeTextDocumentParams p) {
        try {
            TextDoc d = ws().doc(Uris.key(p.getTextDocument().getUri()));
            if (d == null) return;
            d.apply(p.getContentChanges(), p.getTextDocument().getVersion() == null ? d.version() + 1 : p.getTextDocument().getVersion());
        } catch (RuntimeException e) {
            return;
        }
        server.schedule(-1);
    }

    @Override
    public void didClose(DidCloseTextDocumentParams p) {
        try {
            String key = Uris.key(p.getTextDocument().getUri());
            ws().close(key);
            ws().forgetDisk(key);
            server.cleared(key, p.getTextDocument().getUri());
        } catch (RuntimeException e) {
            return;
        }
        server.schedule(0);
    }

    @Override
    public void didSave(DidSaveTextDocumentParams p) {
        try {
            ws().forgetDisk(Uris.key(p.getTextDocument().getUri()));
        } catch (RuntimeException e) {
            // nothing cached then
        }
    }

    private String key(String uri) { return Uris.key(uri); }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams p) {
        return safe(() -> Either.forRight(server.features.completion(key(p.getTextDocument().getUri()), p.getPosition())),
                Either.forRight(new CompletionList(false, List.of())));
    }

    @Override
    public CompletableFuture<CompletionItem> resolveCompletionItem(CompletionItem item) {
        return safe(() -> server.features.resolveCompletion(item), item);
    }

    @Override
    public CompletableFuture<Hover> hover(HoverParams p) {
        return safe(() -> server.features.hover(key(p.getTextDocument().getUri()), p.getPosition()), null);
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(DefinitionParams p) {
        return safe(() -> Either.forLeft(server.features.definition(key(p.getTextDocument().getUri()), p.getPosition())),
                Either.forLeft(List.of()));
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams p) {
        boolean decl = p.getContext() == null || p.getContext().isIncludeDeclaration();
        return safe(() -> server.features.references(key(p.getTextDocument().getUri()), p.getPosition(), decl), List.of());
    }

    @Override
    public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(PrepareRenameParams p) {
        return safe(() -> {
            PrepareRenameResult r = server.features.prepareRename(key(p.getTextDocument().getUri()), p.getPosition());
            return r == null ? null : Either3.forSecond(r);
        }, null);
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams p) {
        return safe(() -> server.features.rename(key(p.getTextDocument().getUri()), p.getPosition(), p.getNewName()), null);
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams p) {
        return safe(() -> server.features.documentSymbols(key(p.getTextDocument().getUri())), List.of());
    }

    @Override
    public CompletableFuture<SemanticTokens> semanticTokensFull(SemanticTokensParams p) {
        return safe(() -> server.features.semanticTokens(key(p.getTextDocument().getUri())), new SemanticTokens(List.of()));
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams p) {
        return safe(() -> server.features.codeActions(key(p.getTextDocument().getUri()), p.getRange(), p.getContext()), List.of());
    }

    @Override
    public CompletableFuture<List<FoldingRange>> foldingRange(FoldingRangeRequestParams p) {
        return safe(() -> server.features.folding(key(p.getTextDocument().getUri())), List.of());
    }
}
