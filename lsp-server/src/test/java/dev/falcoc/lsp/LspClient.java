package dev.falcoc.lsp;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceContext;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.WorkspaceSymbolParams;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * A real LSP4J client talking JSON-RPC to the server over piped streams, as an editor would.
 * Documents are written with a cursor mark ({@link #CURSOR}), removed before they are sent.
 */
public final class LspClient implements AutoCloseable {
    public static final String CURSOR = "§";
    /** Closing a pipe while the other side still reads is expected here; LSP4J logs it loudly. */
    private static final java.util.logging.Logger JSONRPC_LOG = java.util.logging.Logger.getLogger("org.eclipse.lsp4j.jsonrpc");

    static {
        JSONRPC_LOG.setLevel(java.util.logging.Level.OFF);
    }

    private final LanguageServer server;
    private final Map<String, PublishDiagnosticsParams> diagnostics = new ConcurrentHashMap<>();
    private final Map<String, Integer> versions = new ConcurrentHashMap<>();
    private final Thread serverThread;
    private final java.io.OutputStream toServer;
    public final InitializeResult init;
    final List<String> logs = new ArrayList<>();
    /** window/showMessage texts, in arrival order (guarded by {@code logs}). */
    final List<String> shown = new ArrayList<>();

    final class Client implements LanguageClient {
        @Override public void telemetryEvent(Object object) { }
        @Override public void publishDiagnostics(PublishDiagnosticsParams p) {
            synchronized (diagnostics) {
                diagnostics.put(p.getUri(), p);
                diagnostics.notifyAll();
            }
        }
        @Override public void showMessage(MessageParams m) { synchronized (logs) { shown.add(m.getMessage()); logs.notifyAll(); } }
        @Override public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams r) { return CompletableFuture.completedFuture(null); }
        @Override public void logMessage(MessageParams m) { synchronized (logs) { logs.add(m.getMessage()); logs.notifyAll(); } }
    }

    public LspClient(Object initOptions, String rootUri) throws Exception {
        this(initOptions, rootUri, null);
    }

    /** Talks to a server process (e.g. `falcoc lsp`) over its stdio; in process over pipes when null. */
    public LspClient(Object initOptions, String rootUri, Process process) throws Exception {
        java.io.InputStream fromServer;
        java.io.OutputStream out;
        if (process == null) {
            PipedInputStream serverIn = new PipedInputStream(1 << 20), clientIn = new PipedInputStream(1 << 20);
            PipedOutputStream pipeToServer = new PipedOutputStream(serverIn);
            PipedOutputStream toClient = new PipedOutputStream(clientIn);
            serverThread = new Thread(() -> {
                FalcoLanguageServer s = new FalcoLanguageServer();
                Launcher<LanguageClient> l = LSPLauncher.createServerLauncher(s, serverIn, toClient);
                s.connect(l.getRemoteProxy());
                try {
                    l.startListening().get();
                } catch (Exception e) {
                    // closed
                }
            }, "test-server");
            serverThread.setDaemon(true);
            serverThread.start();
            fromServer = clientIn;
            out = pipeToServer;
        } else {
            serverThread = null;
            fromServer = process.getInputStream();
            out = process.getOutputStream();
        }
        toServer = out;
        Launcher<LanguageServer> cl = LSPLauncher.createClientLauncher(new Client(), fromServer, out);
        cl.startListening();
        server = cl.getRemoteProxy();
        InitializeParams p = new InitializeParams();
        p.setCapabilities(new ClientCapabilities());
        p.setInitializationOptions(initOptions);
        if (rootUri != null) p.setRootUri(rootUri);
        init = server.initialize(p).get(30, TimeUnit.SECONDS);
        server.initialized(new InitializedParams());
    }

    public static JsonObject chain(List<String> base, List<String> rules) {
        JsonObject o = new JsonObject();
        com.google.gson.JsonArray b = new com.google.gson.JsonArray(), r = new com.google.gson.JsonArray();
        base.forEach(b::add);
        rules.forEach(r::add);
        o.add("base", b);
        o.add("rules", r);
        o.addProperty("debounceMs", 0);
        return o;
    }

    public LanguageServer server() { return server; }

    public int logCount() { synchronized (logs) { return logs.size(); } }

    /** The first log message after the first {@code after} ones, waiting a little for it. */
    public String awaitLog(int after) throws InterruptedException {
        long end = System.currentTimeMillis() + 2000;
        synchronized (logs) {
            while (logs.size() <= after && System.currentTimeMillis() < end) logs.wait(50);
            return logs.size() > after ? logs.get(after) : null;
        }
    }

    /** Opens a document (cursor mark removed) and returns the cursor position, if marked. */
    public Position open(String uri, String textWithCursor) {
        Position cur = cursor(textWithCursor);
        String text = textWithCursor.replace(CURSOR, "");
        versions.put(uri, 1);
        diagnostics.remove(uri);
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "falco", 1, text)));
        return cur;
    }

    public static Position cursor(String textWithCursor) {
        int i = textWithCursor.indexOf(CURSOR);
        if (i < 0) return null;
        int line = 0, col = 0;
        for (int k = 0; k < i; k++) {
            char c = textWithCursor.charAt(k);
            if (c == '\n') { line++; col = 0; } else col++;
        }
        return new Position(line, col);
    }

    public int change(String uri, List<TextDocumentContentChangeEvent> changes) {
        int v = versions.merge(uri, 1, Integer::sum);
        server.getTextDocumentService().didChange(new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, v), changes));
        return v;
    }

    public int replaceAll(String uri, String text) {
        return change(uri, List.of(new TextDocumentContentChangeEvent(text)));
    }

    public static TextDocumentContentChangeEvent edit(int l1, int c1, int l2, int c2, String text) {
        return new TextDocumentContentChangeEvent(new Range(new Position(l1, c1), new Position(l2, c2)), text);
    }

    /** Waits for the diagnostics of the document's current version. */
    public List<Diagnostic> diagnostics(String uri) throws InterruptedException {
        int v = versions.getOrDefault(uri, 1);
        long deadline = System.currentTimeMillis() + 60_000;
        synchronized (diagnostics) {
            while (true) {
                PublishDiagnosticsParams p = diagnostics.get(uri);
                if (p != null && p.getVersion() != null && p.getVersion() >= v) return p.getDiagnostics();
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) throw new AssertionError("no diagnostics for " + uri + " version " + v);
                diagnostics.wait(left);
            }
        }
    }

    public PublishDiagnosticsParams lastPublished(String uri) { return diagnostics.get(uri); }

    static <T> T get(CompletableFuture<T> f) throws Exception { return f.get(30, TimeUnit.SECONDS); }

    public List<CompletionItem> completion(String uri, Position p) throws Exception {
        var r = get(server.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(uri), p)));
        return r.isLeft() ? r.getLeft() : r.getRight().getItems();
    }

    public Hover hover(String uri, Position p) throws Exception {
        return get(server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), p)));
    }

    public List<? extends Location> definition(String uri, Position p) throws Exception {
        return get(server.getTextDocumentService().definition(new DefinitionParams(new TextDocumentIdentifier(uri), p))).getLeft();
    }

    public List<? extends Location> references(String uri, Position p, boolean decl) throws Exception {
        return get(server.getTextDocumentService().references(new ReferenceParams(new TextDocumentIdentifier(uri), p, new ReferenceContext(decl))));
    }

    public PrepareRenameResult prepareRename(String uri, Position p) throws Exception {
        var r = get(server.getTextDocumentService().prepareRename(new PrepareRenameParams(new TextDocumentIdentifier(uri), p)));
        return r == null ? null : r.getSecond();
    }

    public WorkspaceEdit rename(String uri, Position p, String name) throws Exception {
        return get(server.getTextDocumentService().rename(new RenameParams(new TextDocumentIdentifier(uri), p, name)));
    }

    public List<DocumentSymbol> symbols(String uri) throws Exception {
        return get(server.getTextDocumentService().documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(uri))))
                .stream().map(e -> e.getRight()).toList();
    }

    public List<? extends WorkspaceSymbol> workspaceSymbols(String q) throws Exception {
        return get(server.getWorkspaceService().symbol(new WorkspaceSymbolParams(q))).getRight();
    }

    public SemanticTokens semanticTokens(String uri) throws Exception {
        return get(server.getTextDocumentService().semanticTokensFull(new SemanticTokensParams(new TextDocumentIdentifier(uri))));
    }

    public List<CodeAction> codeActions(String uri, Range r, List<Diagnostic> diags) throws Exception {
        return get(server.getTextDocumentService().codeAction(new CodeActionParams(new TextDocumentIdentifier(uri), r, new CodeActionContext(diags))))
                .stream().filter(e -> e.isRight()).map(e -> e.getRight()).toList();
    }

    public List<FoldingRange> folding(String uri) throws Exception {
        return get(server.getTextDocumentService().foldingRange(new FoldingRangeRequestParams(new TextDocumentIdentifier(uri))));
    }

    @Override
    public void close() throws IOException {
        try {
            server.shutdown().get(10, TimeUnit.SECONDS);
            server.exit();
        } catch (Exception e) {
            // closing anyway
        }
        toServer.close();
    }
}
