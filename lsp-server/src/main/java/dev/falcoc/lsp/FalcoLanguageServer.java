package dev.falcoc.lsp;

import dev.falcoc.compiler.chain.ChainCheck;
import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.lint.Linter;
import dev.falcoc.compiler.report.SourceFile;
import dev.falcoc.lsp.features.Diagnostics;
import dev.falcoc.lsp.features.Features;
import dev.falcoc.lsp.model.FileModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The Falco rules language server: lifecycle, capabilities and the re-check loop. Edits are
 * applied as they arrive; a re-check runs on one analysis thread after a short quiet period, and
 * a newer edit cancels a running one (it stops between files and the next run resumes from the
 * engine snapshots already made).
 */
public final class FalcoLanguageServer implements LanguageServer, LanguageClientAware {
    final Workspace workspace = new Workspace();
    final Features features = new Features(workspace, this::clientUri);
    private final RulesTextService text = new RulesTextService(this);
    private final RulesWorkspaceService ws = new RulesWorkspaceService(this);
    private volatile LanguageClient client;
    private volatile Path root;
    private final AtomicLong generation = new AtomicLong();
    private final ScheduledExecutorService analysis;
    private ScheduledFuture<?> pending;
    /** What each open file was last sent, so unchanged diagnostics are not sent again. */
    private final java.util.Map<String, PublishDiagnosticsParams> published = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Object[]> hintCache = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile long editedAt;
    private volatile boolean trace = Boolean.getBoolean("falcoc.lsp.trace");
    private volatile int exitCode = -1;
    private volatile boolean shutDown;
    private final Runnable onExit;

    public FalcoLanguageServer() { this(() -> { }); }

    /** onExit runs when the client sends exit (the launcher ends the process there). */
    public FalcoLanguageServer(Runnable onExit) {
        this.onExit = onExit;
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            // deep conditions recurse; give the compiler room instead of dying
            Thread t = new Thread(null, r, "falcoc-analysis", 512L << 20);
            t.setDaemon(true);
            return t;
        });
        ex.setRemoveOnCancelPolicy(true);
        // a re-check still waiting for its quiet period is dropped by shutdown, not run
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.analysis = ex;
    }

    @Override
    public void connect(LanguageClient client) { this.client = client; }

    LanguageClient client() { return client; }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        try {
            root = rootOf(params);
            ChainConfig c = ChainConfig.fromSettings(params.getInitializationOptions(), root);
            if (params.getInitializationOptions() instanceof com.google.gson.JsonObject o && o.has("trace")) trace = o.get("trace").getAsBoolean();
            workspace.configure(c != null ? c : ChainConfig.fromFile(root));
            if (c == null) reportProjectProblem();
        } catch (RuntimeException e) {
            workspace.configure(ChainConfig.EMPTY);
        }
        ServerCapabilities caps = new ServerCapabilities();
        caps.setTextDocumentSync(TextDocumentSyncKind.Incremental);
        caps.setHoverProvider(true);
        caps.setDefinitionProvider(true);
        caps.setReferencesProvider(true);
        caps.setDocumentSymbolProvider(true);
        caps.setWorkspaceSymbolProvider(true);
        caps.setFoldingRangeProvider(true);
        RenameOptions rename = new RenameOptions();
        rename.setPrepareProvider(true);
        caps.setRenameProvider(rename);
        CompletionOptions completion = new CompletionOptions();
        completion.setResolveProvider(true);
        completion.setTriggerCharacters(List.of("%", ".", "(", " ", "[", ","));
        caps.setCompletionProvider(completion);
        caps.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite)));
        SemanticTokensWithRegistrationOptions st = new SemanticTokensWithRegistrationOptions(Features.LEGEND);
        st.setFull(true);
        caps.setSemanticTokensProvider(st);
        return CompletableFuture.completedFuture(new InitializeResult(caps, new ServerInfo("falcoc", "0.1.0")));
    }

    private static Path rootOf(InitializeParams p) {
        try {
            if (p.getWorkspaceFolders() != null && !p.getWorkspaceFolders().isEmpty()) {
                WorkspaceFolder f = p.getWorkspaceFolders().getFirst();
                return Uris.path(Uris.key(f.getUri()));
            }
            if (p.getRootUri() != null) return Uris.path(Uris.key(p.getRootUri()));
            @SuppressWarnings("deprecation") String rp = p.getRootPath();
            if (rp != null) return Path.of(rp);
        } catch (RuntimeException e) {
            // no usable root: no falcoc.yaml either
        }
        return null;
    }

    void reconfigure(Object settings) {
        ChainConfig c = ChainConfig.fromSettings(settings, root);
        if (c != null) workspace.configure(c);
        schedule(0);
    }

    void reloadConfigFile() {
        workspace.configure(ChainConfig.fromFile(root));
        reportProjectProblem();
        schedule(0);
    }

    /** A broken falcoc.yaml leaves the chain empty: say so instead of checking files silently alone. */
    private void reportProjectProblem() {
        String problem = ChainConfig.projectProblem(root);
        LanguageClient c = client;
        if (problem != null && c != null) {
            c.showMessage(new org.eclipse.lsp4j.MessageParams(org.eclipse.lsp4j.MessageType.Warning,
                    "falcoc.yaml is not used: " + problem + " (each file is checked on its own until it is fixed)"));
        }
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        exitCode = 0;
        shutDown = true;
        // Stop the work by making it stale, never by interrupting: a thread interrupted while it
        // writes to the client closes an interruptible output (a pipe, an NIO channel) for good,
        // and the answer to this shutdown was then lost. A running re-check stops between files,
        // lints between files, and nothing stale is published.
        generation.incrementAndGet();
        analysis.shutdown();
        helper.shutdown();
        lintRunner.shutdown();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() { onExit.run(); }

    int exitCode() { return exitCode; }

    @Override
    public TextDocumentService getTextDocumentService() { return text; }

    @Override
    public WorkspaceService getWorkspaceService() { return ws; }

    String clientUri(String key) {
        key = Workspace.hostOf(key);
        TextDoc d = workspace.doc(key);
        return d != null ? d.uri : key;
    }

    // ------------------------------------------------------------------ re-checking

    /** Marks everything stale and (re)starts the quiet period before a re-check. */
    synchronized void schedule(int delayMs) {
        generation.incrementAndGet();
        editedAt = System.nanoTime();
        if (pending != null) pending.cancel(false);
        if (analysis.isShutdown()) return;
        int delay = delayMs < 0 ? Math.max(0, workspace.config().debounceMs()) : delayMs;
        pending = analysis.schedule(this::runAnalysis, delay, TimeUnit.MILLISECONDS);
    }

    private void runAnalysis() {
        long gen = generation.get();
        long since = editedAt;
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        try {
            // the editor-side models (ranges, hints) are built on the other core while the chain loads
            CompletableFuture<Void> models = CompletableFuture.runAsync(this::prepareModels, helper);
            Workspace.Snapshot s = workspace.analyse(() -> generation.get() != gen);
            models.join();
            if (s == null || generation.get() != gen) return;
            publish(s, gen, Map.of());
            // falcoc's lints (as in falcoc check) come second, on their own thread: they need the
            // whole chain loaded and take longer, and must not hold up the next edit's re-check
            try {
                lintRunner.execute(() -> {
                    try {
                        if (generation.get() != gen) return;
                        Map<String, List<Diagnostic>> lints = lints(s, gen);
                        if (!lints.isEmpty() && generation.get() == gen) publish(s, gen, lints);
                    } catch (Throwable t) {
                        // lints are extra: a failure leaves Falco's diagnostics in place
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                return;  // shut down meanwhile: no lints wanted
            }
            LanguageClient c = client;
            if (trace && c != null) {
                c.logMessage(new org.eclipse.lsp4j.MessageParams(org.eclipse.lsp4j.MessageType.Log, String.format(java.util.Locale.ROOT,
                        "falcoc-timing recheck wall=%.2f cpu=%.2f", (System.nanoTime() - since) / 1e6, (mx.getCurrentThreadCpuTime() - cpu0) / 1e6)));
            }
        } catch (Throwable t) {
            // the server must outlive any input; report and wait for the next edit
            if (shutDown) return;  // e.g. the model helper no longer takes work: nothing to report
            LanguageClient c = client;
            if (c != null) c.logMessage(new org.eclipse.lsp4j.MessageParams(org.eclipse.lsp4j.MessageType.Error, "falcoc: analysis failed: " + t));
        }
    }

    private final java.util.concurrent.ExecutorService helper = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(null, r, "falcoc-models", 64L << 20);
        t.setDaemon(true);
        return t;
    });

    private void prepareModels() {
        try {
            Set<String> lists = workspace.listNames();
            for (String key : workspace.openKeys()) {
                FileModel m = workspace.model(key);
                if (m != null) hints(key, m, lists);
            }
        } catch (RuntimeException e) {
            // publish builds what is missing
        }
    }

    /** The oldest Falco the rules must load on (settings engineVersion, falcoc.yaml engine-version), or null. */
    private dev.falcoc.compiler.load.Version targetFalco() {
        String v = workspace.config().engineVersion();
        return v == null ? null : dev.falcoc.compiler.load.Version.parse(v);
    }

    /** Lints over the chain (and over the chain plus each open file outside it), for the files being edited. */
    private Map<String, List<Diagnostic>> lints(Workspace.Snapshot s, long gen) {
        List<Diagnostics.Source> sources = new ArrayList<>();
        List<ChainCheck.Input> chainInputs = new ArrayList<>();
        Set<String> local = new HashSet<>();
        boolean chainLoaded = true;
        for (LoadResult r : s.chainResults()) {
            boolean isLocal = !workspace.isBase(Workspace.hostOf(r.name));
            chainInputs.add(new ChainCheck.Input(SourceFile.plain(r.name, r.name, r.content), isLocal));
            if (isLocal) local.add(r.name);
            chainLoaded &= r.successful();
        }
        if (!chainLoaded) return Map.of();
        if (!local.isEmpty()) {
            LoadResult lr = new LoadResult("falcoc lints", "");
            lr.warnings.addAll(Linter.run(s.finalEngine(), chainInputs, targetFalco()));
            sources.add(new Diagnostics.Source(lr, true, local));
        }
        for (Workspace.Loose l : s.loose().values()) {
            if (generation.get() != gen) return Map.of();
            if (!l.results().stream().allMatch(LoadResult::successful)) continue;
            List<ChainCheck.Input> inputs = new ArrayList<>(chainInputs);
            for (LoadResult r : l.results()) inputs.add(new ChainCheck.Input(SourceFile.plain(r.name, r.name, r.content), true));
            LoadResult lr = new LoadResult("falcoc lints", "");
            lr.warnings.addAll(Linter.run(l.engine(), inputs, targetFalco()));
            sources.add(new Diagnostics.Source(lr, true, l.keys()));
        }
        return Diagnostics.build(sources, k -> modelFor(s, k), this::clientUri);
    }

    private final java.util.concurrent.ExecutorService lintRunner = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(null, r, "falcoc-lints", 256L << 20);
        t.setDaemon(true);
        return t;
    });

    private synchronized void publish(Workspace.Snapshot s, long gen, Map<String, List<Diagnostic>> lints) {
        List<Diagnostics.Source> sources = new ArrayList<>();
        for (int i = 0; i < s.chainResults().size(); i++) {
            sources.add(new Diagnostics.Source(s.chainResults().get(i), i == s.chainResults().size() - 1, null));
        }
        for (Map.Entry<String, Workspace.Loose> e : s.loose().entrySet()) {
            List<LoadResult> rs = e.getValue().results();
            for (int i = 0; i < rs.size(); i++) sources.add(new Diagnostics.Source(rs.get(i), i == rs.size() - 1, e.getValue().keys()));
        }
        Map<String, List<Diagnostic>> all = Diagnostics.build(sources, k -> modelFor(s, k), this::clientUri);
        LanguageClient c = client;
        if (c == null) return;
        Set<String> lists = workspace.listNames();
        Set<String> done = new HashSet<>();
        for (String key : workspace.openKeys()) {
            TextDoc d = workspace.doc(key);
            if (d == null || !d.text().equals(s.texts().get(key))) continue;  // changed meanwhile: the next run publishes
            List<Diagnostic> list = new ArrayList<>();
            for (Map<String, List<Diagnostic>> m2 : List.of(all, lints)) {
                list.addAll(m2.getOrDefault(key, List.of()));
                // diagnostics of rules embedded in a Helm values file belong to the values file
                for (Map.Entry<String, List<Diagnostic>> e : m2.entrySet()) {
                    if (e.getKey().startsWith(key + Workspace.EMBEDDED)) list.addAll(e.getValue());
                }
            }
            list.addAll(helmKeys(key, d.text()));
            FileModel m = workspace.model(key);
            if (m != null) list.addAll(hints(key, m, lists));
            if (generation.get() != gen) return;
            PublishDiagnosticsParams p = new PublishDiagnosticsParams(d.uri, list, d.version());
            if (p.equals(published.get(key))) continue;
            c.publishDiagnostics(p);
            published.put(key, p);
            done.add(key);
        }
    }

    /** customRules keys Falco does not load (same finding as falcoc check). */
    private List<Diagnostic> helmKeys(String key, String text) {
        List<dev.falcoc.compiler.helm.HelmValues.EmbeddedRules> emb = workspace.embedded(key, text);
        if (emb == null) return List.of();
        List<Diagnostic> out = new ArrayList<>();
        dev.falcoc.lsp.model.LineIndex li = new dev.falcoc.lsp.model.LineIndex(text);
        for (var e : emb) {
            if (e.loaded()) continue;
            int end = e.keyOffset() + e.key().length();
            out.add(new Diagnostic(li.range(e.keyOffset(), Math.min(end, text.length())), e.container() + " key '" + e.key()
                    + "' does not end in .yaml or .yml: Falco >= 0.41 does not load it from rules.d (rename it to '" + e.key() + ".yaml')",
                    org.eclipse.lsp4j.DiagnosticSeverity.Warning, Diagnostics.SOURCE, "FALCOC_HELM_KEY_IGNORED"));
        }
        return out;
    }

    /** Hints depend only on the file's model and the list names: recomputed when either changes. */
    private List<Diagnostic> hints(String key, FileModel m, Set<String> lists) {
        Object[] c = hintCache.get(key);
        if (c != null && c[0] == m && c[1] == lists) {
            @SuppressWarnings("unchecked") List<Diagnostic> l = (List<Diagnostic>) c[2];
            return l;
        }
        List<Diagnostic> h = Diagnostics.hints(m, lists);
        hintCache.put(key, new Object[] {m, lists, h});
        return h;
    }

    private FileModel modelFor(Workspace.Snapshot s, String key) {
        FileModel m = workspace.model(key);
        String t = s.texts().get(key);
        if (m != null && t != null && !m.text.equals(t)) return FileModel.build(key, t);
        return m;
    }

    void cleared(String key, String uri) {
        LanguageClient c = client;
        published.remove(key);
        hintCache.remove(key);
        if (c != null) c.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
    }
}
