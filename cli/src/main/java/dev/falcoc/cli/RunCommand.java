package dev.falcoc.cli;

import dev.falcoc.compiler.cache.RulesCache;
import dev.falcoc.compiler.check.OutputChecker;
import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.ir.Matcher;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.driver.LiveSession;
import dev.falcoc.runtime.Inspector;
import dev.falcoc.runtime.ScapException;
import dev.falcoc.runtime.config.ConfigException;
import dev.falcoc.runtime.config.FalcoConfig;
import dev.falcoc.runtime.engine.Engine;
import dev.falcoc.runtime.engine.RuleFields;
import dev.falcoc.runtime.engine.RuleSelection;
import dev.falcoc.runtime.engine.RuleTable;
import dev.falcoc.runtime.engine.Stats;
import dev.falcoc.runtime.fields.SyscallFieldBinder;
import dev.falcoc.runtime.output.AlertFormatter;
import dev.falcoc.runtime.output.DropAlerts;
import dev.falcoc.runtime.output.FieldRenderer;
import dev.falcoc.runtime.output.Outputs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** falcoc run: replay a capture through the rules and print Falco's alerts and summary. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replay a .scap capture (gzip or plain) through rules files and emit alerts as Falco 0.42 does,",
                "then Falco's end-of-replay summary on stdout. Without --replay, watch this host live through",
                "the eBPF driver until SIGINT/SIGTERM."},
        footer = {"", "Exit status: 0 replay completed; 1 rules could not be loaded; 2 bad command line or",
                "configuration (including unreadable files); 3 the capture could not be read (alerts up to the",
                "problem and the summary are still printed); 4 internal error.",
                "",
                "Rules cache: a successful load is kept in $FALCOC_CACHE_DIR, else",
                "$XDG_CACHE_HOME/falcoc, else ~/.cache/falcoc (the 16 newest entries), keyed by",
                "the falcoc build, the load options and every rules file's name and content;",
                "later runs with the same rules skip parsing and checking them. --warnings",
                "always loads afresh; --no-rules-cache or FALCOC_NO_RULES_CACHE=1 turns it off."})
final class RunCommand implements Callable<Integer> {
    static final int CAPTURE = 3;

    @Option(names = {"--replay", "-e"}, paramLabel = "FILE.scap", description = "Capture file to replay (as engine.kind=replay). Without it: capture this host live with the eBPF driver (root or CAP_BPF+CAP_PERFMON).")
    Path replay;

    @Option(names = "--write", paramLabel = "FILE.scap", description = "Live capture only: also record the initial state and every captured event to FILE.scap (readable by Falco and --replay).")
    Path write;

    @Option(names = "--stats-interval", paramLabel = "SECONDS", description = "Live capture only: print capture and alert counters on stderr every SECONDS.")
    long statsInterval;

    @Option(names = "--http", paramLabel = "[HOST:]PORT", description = "Live capture only: serve /healthz and Prometheus /metrics (Falco's names) on HOST:PORT (default host 0.0.0.0, Falco's port is 8765).")
    String http;

    @Option(names = "-r", paramLabel = "RULES", description = "Rules file or directory; repeatable, loaded in order. Default: rules_files of the configuration.")
    List<String> rules = new ArrayList<>();

    @Option(names = "-c", paramLabel = "falco.yaml", description = "Falco configuration file (default: Falco's shipped settings, stdout output only).")
    Path config;

    @Option(names = "-o", paramLabel = "key=value", description = "Override a configuration key, as falco -o (e.g. json_output=true, rule_matching=all, rules[].disable.rule=*).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "-D", paramLabel = "SUBSTRING", description = "Disable rules whose name contains SUBSTRING (Falco < 0.39 form).")
    List<String> disableSubstrings = new ArrayList<>();

    @Option(names = "-T", paramLabel = "TAG", description = "Disable rules with this tag (Falco < 0.39 form).")
    List<String> disableTags = new ArrayList<>();

    @Option(names = "-t", paramLabel = "TAG", description = "Run only rules with this tag (Falco < 0.39 form).")
    List<String> enableTags = new ArrayList<>();

    @Option(names = {"-U", "--unbuffered"}, description = "Flush stdout after every alert.")
    boolean unbuffered;

    @Option(names = "--container-plugin", negatable = true, description = "Act as if Falco's container plugin is loaded (default: when the rules require it).")
    Boolean containerPlugin;

    @Option(names = "--interpreter", description = "Evaluate conditions with the reference interpreter instead of generated bytecode.")
    boolean interpreter;

    @Option(names = "--warnings", description = "Print the rules' warnings on stderr, as falcoc check does.")
    boolean showWarnings;

    @Option(names = "--skip-bad-blocks", description = "Skip corrupt capture blocks (counted on stderr) instead of stopping the replay at the first one.")
    boolean skipBadBlocks;

    @Option(names = "--no-summary", description = "Do not print the end-of-replay summary.")
    boolean noSummary;

    @Option(names = "--no-rules-cache", description = "Load the rules afresh instead of from the compiled-rules cache (also FALCOC_NO_RULES_CACHE=1).")
    boolean noRulesCache;

    @Option(names = "--timing", hidden = true, description = "Print phase timings to stderr.")
    boolean timing;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private long t0 = System.nanoTime(), cpu0 = -1;

    /** --timing: wall time and this thread's CPU time of each phase (CPU time moves less on a shared machine). */
    private void phase(PrintWriter err, String what) {
        if (!timing) return;
        long now = System.nanoTime();
        long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        // formatted by hand: printf's first use loads locale data (~5 ms), which would be measured as a phase
        StringBuilder b = new StringBuilder("falcoc: ").append(what);
        while (b.length() < 8 + 10) b.append(' ');
        b.append(' ').append(tenths((now - t0) / 1e6, 8)).append(" ms  (thread cpu ").append(tenths(cpu0 < 0 ? cpu / 1e6 : (cpu - cpu0) / 1e6, 6)).append(" ms)");
        err.println(b);
        t0 = now;
        cpu0 = cpu;
    }

    /** v with one decimal, right-aligned in width characters (as %width.1f). */
    static String tenths(double v, int width) {
        long t = Math.round(Math.abs(v) * 10);
        String s = (v < 0 && t != 0 ? "-" : "") + (t / 10) + "." + (t % 10);
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** The streams when {@link #parsePlain} built this command (picocli's spec is absent then). */
    private PrintWriter plainOut, plainErr;

    /**
     * The command for a plain {@code run} command line, or null when picocli must parse it.
     * Building picocli's model of this command (annotation reflection, a dynamic proxy class per
     * annotation type) cost ~35 ms of a replay's start-up; a plain command line — each option
     * spelt out separately, each value a separate argument that does not start with '-' or '@',
     * no option repeated that picocli takes once, no help or version — means the same to picocli,
     * so it is read directly. Everything else (errors and their messages included) is picocli's.
     */
    static RunCommand parsePlain(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 0 || !args[0].equals("run")) return null;
        RunCommand c = new RunCommand();
        java.util.Set<String> once = new java.util.HashSet<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            String v = null;
            switch (a) {
                case "--replay", "-e", "--write", "--stats-interval", "--http", "-c", "-r", "-o", "-D", "-T", "-t" -> {
                    if (i + 1 >= args.length) return null;
                    v = args[++i];
                    if (v.isEmpty() || v.startsWith("-") || v.startsWith("@")) return null;
                }
                case "-U", "--unbuffered", "--container-plugin", "--interpreter", "--warnings", "--skip-bad-blocks", "--no-summary", "--timing", "--no-rules-cache" -> { }
                default -> { return null; }
            }
            String key = switch (a) {
                case "-e" -> "--replay";
                case "-U" -> "--unbuffered";
                default -> a;
            };
            try {
                switch (key) {
                    case "--replay" -> c.replay = Path.of(v);
                    case "--write" -> c.write = Path.of(v);
                    case "--stats-interval" -> {
                        // plain decimal only (picocli decodes 0x.. and leading-zero octal)
                        if (v.length() > 18 || (v.length() > 1 && v.charAt(0) == '0')) return null;
                        for (int k = 0; k < v.length(); k++) if (v.charAt(k) < '0' || v.charAt(k) > '9') return null;
                        c.statsInterval = Long.parseLong(v);
                    }
                    case "--http" -> c.http = v;
                    case "-c" -> c.config = Path.of(v);
                    case "-r" -> c.rules.add(v);
                    case "-o" -> c.overrides.add(v);
                    case "-D" -> c.disableSubstrings.add(v);
                    case "-T" -> c.disableTags.add(v);
                    case "-t" -> c.enableTags.add(v);
                    case "--unbuffered" -> c.unbuffered = true;
                    case "--container-plugin" -> c.containerPlugin = Boolean.TRUE;
                    case "--interpreter" -> c.interpreter = true;
                    case "--warnings" -> c.showWarnings = true;
                    case "--skip-bad-blocks" -> c.skipBadBlocks = true;
                    case "--no-summary" -> c.noSummary = true;
                    case "--timing" -> c.timing = true;
                    case "--no-rules-cache" -> c.noRulesCache = true;
                    default -> { return null; }
                }
            } catch (java.nio.file.InvalidPathException e) {
                return null;
            }
            // picocli rejects a single-value option or a flag given twice
            boolean repeatable = key.equals("-r") || key.equals("-o") || key.equals("-D") || key.equals("-T") || key.equals("-t");
            if (!repeatable && !once.add(key)) return null;
        }
        c.plainOut = out;
        c.plainErr = err;
        return c;
    }

    @Override
    public Integer call() {
        PrintWriter out = plainOut != null ? plainOut : spec.commandLine().getOut();
        PrintWriter err = plainErr != null ? plainErr : spec.commandLine().getErr();
        // Reading the capture's initial state overlaps with loading the configuration and the rules
        // (two cores are common).
        java.util.concurrent.CompletableFuture<Inspector> opening = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                if (replay == null) return null;   // live capture starts later
                Inspector in = Inspector.open(replay);
                // the capture's process and fd lists load here too, while the main thread loads the rules
                in.skipBadBlocks(skipBadBlocks);
                in.preload();
                return in;
            } catch (ScapException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, r -> new Thread(null, r, "falcoc-open", 1L << 26).start());
        try {
            FalcoConfig cfg;
            try {
                cfg = FalcoConfig.load(config, overrides);
            } catch (ConfigException e) {
                err.println("falcoc: " + e.getMessage());
                return Cli.USAGE;
            }
            if (unbuffered) cfg.bufferedOutputs = false;
            for (String n : cfg.notApplied) err.println("falcoc: note: " + n);
            return replay(cfg, opening, out, err);
        } finally {
            // close a capture opened for nothing (rules or configuration rejected)
            if (!inspectorTaken) opening.thenAccept(i -> { if (i != null) i.close(); });
            RulesCacheSupport.finish(cacheWriter);
        }
    }

    private boolean inspectorTaken;
    /** The compiled-rules cache write of a fresh load, joined before the command returns. */
    private Thread cacheWriter;

    /** One shown event of a replay through the rules; false at the end of the capture. */
    private static boolean replayOne(Inspector in, Engine engine) throws ScapException {
        Object ctx = in.next();
        if (ctx == null) return false;
        engine.process(ctx, in.eventCode(ctx), in.ts(ctx));
        return true;
    }

    private int replay(FalcoConfig cfg, java.util.concurrent.CompletableFuture<Inspector> opening, PrintWriter out, PrintWriter err) {

        // rules: -r wins over rules_files; like Falco, configured files that do not exist are skipped
        List<String> paths = new ArrayList<>(rules);
        if (paths.isEmpty()) for (String f : cfg.rulesFiles) if (Files.exists(Path.of(f))) paths.add(f);
        if (paths.isEmpty() && replay == null) {
            Path bundled = LiveRun.bundledRules(err);
            if (bundled != null) paths.add(bundled.toString());
        }
        if (paths.isEmpty()) {
            err.println("falcoc: You must specify at least one rules file/directory via -r or a rules_files entry in falco.yaml");
            return Cli.USAGE;
        }
        List<String> files;
        try {
            files = Inputs.expand(paths);
        } catch (Inputs.InputException e) {
            err.println("falcoc: " + e.getMessage());
            return Cli.USAGE;
        }
        RulesEngine.Options loadOptions = ListCommand.options(containerPlugin);
        // the compiled-rules cache: the same build, options and files give the same load (--warnings needs the diagnostics)
        RulesCacheSupport.Lookup cached = showWarnings ? null : RulesCacheSupport.lookup(noRulesCache, loadOptions, files);
        RulesCache.Entry hit = cached == null ? null : cached.hit();
        // not even built on a hit: it waits for the field and event tables
        RulesEngine rulesEngine = hit == null ? new RulesEngine(loadOptions) : null;
        Map<String, String> contents = new HashMap<>();
        for (int i = 0; hit == null && i < files.size(); i++) {
            String f = files.get(i);
            Inputs.RulesFile rf;
            try {
                rf = cached != null ? cached.read().get(i) : Inputs.read(f);
            } catch (Inputs.InputException e) {
                err.println("falcoc: " + e.getMessage());
                return Cli.USAGE;
            }
            contents.put(f, rf.content());
            LoadResult r = rulesEngine.load(rf.name(), rf.content());
            if (!r.successful()) {
                // Falco stops at the first file that fails; report everything about it like falcoc check
                CheckCommand.printText(rulesEngine.results(), contents, err, false);
                err.println("falcoc: rules could not be loaded; nothing was replayed");
                err.flush();
                return Cli.FINDINGS;
            }
        }
        // loops rather than streams here: a stream pipeline first used at start-up costs its class loading and linking
        List<LoadResult> withWarnings = new ArrayList<>();
        long n = hit != null ? hit.warnings() : 0;
        for (LoadResult r : rulesEngine != null ? rulesEngine.results() : List.<LoadResult>of()) {
            if (r.all().isEmpty()) continue;
            withWarnings.add(r);
            n += r.all().size();
        }
        if (n > 0) {
            if (showWarnings) {
                CheckCommand.printText(withWarnings, contents, err, true);
            } else {
                err.println("falcoc: the rules have " + n + " warning" + (n == 1 ? "" : "s") + " (--warnings or 'falcoc check' shows them)");
            }
        }

        Map<String, Compiled.CRule> compiled = hit != null ? hit.rules() : rulesEngine.output().rules();
        boolean pluginRequired = hit != null ? hit.containerPluginLoaded() : rulesEngine.containerPluginLoaded();
        if (cached != null && hit == null) cacheWriter = RulesCacheSupport.writeLater(cached, new RulesCache.Entry(compiled, n, pluginRequired));
        phase(err, hit != null ? "rules (cached)" : "rules");
        RuleTable table = new RuleTable(compiled.values(), cfg.priority);
        try {
            RuleSelection.apply(table, disableSubstrings, disableTags, enableTags, cfg.rulesSelection);
        } catch (ConfigException e) {
            err.println("falcoc: " + e.getMessage());
            return Cli.USAGE;
        }

        if (replay != null && write != null) {
            err.println("falcoc: --write records a live capture; it cannot be used with --replay");
            return Cli.USAGE;
        }
        Inspector opened;
        try {
            opened = opening.join();
            inspectorTaken = true;
        } catch (java.util.concurrent.CompletionException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            if (c instanceof ScapException) {
                err.println("falcoc: cannot replay " + replay + ": " + c.getMessage());
                return c.getMessage() != null && c.getMessage().contains("No such file") ? Cli.USAGE : CAPTURE;
            }
            throw e;
        }
        LiveSession live = null;
        if (opened == null && (live = LiveRun.start(table, write, err)) == null) return Cli.USAGE;
        try (Inspector inspector = live != null ? live.inspector : opened) {
            inspector.skipBadBlocks(skipBadBlocks);
            List<RuleTable.Entry> enabled = table.enabled();
            List<Compiled.CRule> enabledRules = new ArrayList<>(enabled.size());
            for (RuleTable.Entry e : enabled) enabledRules.add(e.rule());
            if (live == null) {
                // a replay reads only the header of events no rule can see and whose state nothing reads
                java.util.BitSet ruleCodes = new java.util.BitSet();
                for (int code = 0; code < table.byCode().size(); code++) if (!table.byCode().get(code).isEmpty()) ruleCodes.set(code);
                inspector.skipUnneededEvents(ruleCodes, RuleFields.readsMemoryCounters(RuleFields.of(enabledRules)));
            }
            phase(err, "open");
            // a replay generates each rule's class on its first event; a live capture has no start-up to save and
            // must not slow its consumer down while the rings fill
            List<Matcher> ms = live == null ? MatcherSupport.compileLazily(enabledRules, inspector.binder(), interpreter)
                    : MatcherSupport.compile(enabledRules, inspector.binder(), interpreter);
            inspector.containerPlugin(containerPluginLoaded(cfg, pluginRequired, enabledRules, inspector));
            phase(err, "matchers");
            FieldResolver resolver = FieldResolver.get();
            Map<Integer, Matcher> matchers = new HashMap<>();
            Map<Integer, AlertFormatter.RuleOutput> outs = new HashMap<>();
            for (int i = 0; i < enabled.size(); i++) {
                matchers.put(enabled.get(i).id(), ms.get(i));
                try {
                    outs.put(enabled.get(i).id(), AlertFormatter.compile(enabled.get(i).rule(), resolver, cfg.appendOutput));
                } catch (OutputChecker.FormatException e) {
                    err.println("falcoc: rule '" + enabled.get(i).rule().name + "': output cannot be formatted: " + e.getMessage());
                    return Cli.FINDINGS;
                }
            }
            // Falco's evt.buffer of an empty read/write shows leftovers of earlier renderings: model them only when needed
            if (outs.values().stream().anyMatch(o -> o.message().uses("evt.buffer"))) inspector.modelParamStrings();
            FieldRenderer renderer = new FieldRenderer() {
                @Override public Object jsonValue(FieldResolver.Resolved f, Object ctx) { return inspector.jsonValue(f, ctx); }
                @Override public String text(FieldResolver.Resolved f, Object ctx) { return inspector.text(f, ctx); }
            };
            AlertFormatter formatter = new AlertFormatter(cfg, renderer, Hostname.get(), resolver);
            Stats stats = new Stats(new ArrayList<>(compiled.keySet()));
            int status = Cli.OK;
            LiveMonitor monitor = live == null ? null : new LiveMonitor(live, stats, new ArrayList<>(compiled.values()));
            if (monitor == null && (statsInterval > 0 || http != null)) {
                // both watch a live capture; say so rather than drop the user's option without a word
                err.println("falcoc: " + (http != null ? "--http" : "--stats-interval") + (http != null && statsInterval > 0 ? " and --stats-interval apply" : " applies")
                        + " to live capture only: ignored for --replay");
            }
            if (monitor != null) {
                if (statsInterval > 0) monitor.startTicker(statsInterval, err);
                if (http != null) {
                    int c = http.lastIndexOf(':');
                    try {
                        monitor.startHttp(c < 0 ? "0.0.0.0" : http.substring(0, c), Integer.parseInt(http.substring(c + 1)), err);
                    } catch (IOException | RuntimeException e) {
                        // e.g. a port below 1024 once capabilities are dropped, or not a number
                        err.println("falcoc: cannot serve --http " + http + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                        return Cli.USAGE;
                    }
                }
            }
            try (Outputs outputs = new Outputs(cfg, out, err)) {
                boolean flushEach = unbuffered;
                long[] formatErrors = {0};
                Engine engine = new Engine(table, matchers, outs, cfg.ruleMatching, stats, (rule, ctx, ts) -> {
                    try {
                        outputs.emit(formatter.format(rule, ctx, ts));
                    } catch (RuntimeException e) {
                        // a field that cannot be rendered must not end the replay: report it once
                        if (formatErrors[0]++ == 0) err.println("falcoc: rule '" + rule.rule() + "': alert could not be formatted: " + e);
                    }
                    if (flushEach) out.flush();
                });
                LiveSession session = live;
                StopSignals signals = StopSignals.install(live == null ? null : live.capture::stop);
                DropAlerts drops = live == null ? null : new DropAlerts(cfg.syscallEventDrops);
                try {
                    // a replay's loop runs once per shown event in a method called once: C1 would compile it
                    // late (on-stack replacement); replayOne is compiled after a few hundred events
                    if (monitor == null && drops == null) {
                        while (!signals.requested() && replayOne(inspector, engine)) { }
                    } else for (Object ctx; !signals.requested() && (ctx = inspector.next()) != null; ) {
                        long t0 = monitor != null ? System.nanoTime() : 0;
                        long ts = inspector.ts(ctx);
                        engine.process(ctx, inspector.eventCode(ctx), ts);
                        if (monitor != null) monitor.addMatchTime(System.nanoTime() - t0);
                        if (drops != null) {
                            DropAlerts.Verdict v = drops.check(ts, () -> LiveRun.dropCounters(session));
                            if (v != null && act(v, ts, formatter, outputs, err)) {
                                session.capture.stop();
                                status = Cli.FINDINGS;
                            }
                        }
                    }
                } catch (ScapException e) {
                    err.println("falcoc: " + replay + ": " + e.getMessage());
                    status = CAPTURE;
                }
                stats.addEvents(inspector.skippedEvents());
                phase(err, "replay");
                if (timing) err.println("falcoc: " + stats.events() + " events shown, " + inspector.skippedEvents() + " of them passed over unparsed");
                if (inspector.skippedBlocks() > 0) {
                    err.println("falcoc: " + replay + ": skipped " + inspector.skippedBlocks() + " bad block" + (inspector.skippedBlocks() == 1 ? "" : "s")
                            + "; first: " + inspector.firstSkipped());
                }
                if (live != null) LiveRun.summary(live, drops, err);
                if (monitor != null) monitor.close();
                if (formatErrors[0] > 1) err.println("falcoc: " + formatErrors[0] + " alerts could not be formatted");
                if (engine.evaluationErrors() > 0) {
                    err.println("falcoc: " + engine.evaluationErrors() + " rule evaluation(s) failed and counted as no match; first: " + engine.firstEvaluationError());
                }
                outputs.close();
                for (String f : outputs.failureSummary()) err.println("falcoc: " + f);
                signals.close(); // everything is flushed: signals get their usual meaning back
            }
            if (!noSummary) out.print(stats.format());
            out.flush();
            err.flush();
            return status;
        } catch (IOException e) {
            err.println("falcoc: cannot set up outputs: " + e.getMessage());
            return Cli.USAGE;
        }
    }

    /**
     * Whether Falco would have its container plugin loaded for these rules: as asked, as the
     * configuration's load_plugins says, or when the rules require it or read container or k8s
     * fields (Falco rejects those without the plugin).
     */
    private boolean containerPluginLoaded(FalcoConfig cfg, boolean rulesRequirePlugin, List<Compiled.CRule> rules, Inspector inspector) {
        if (containerPlugin != null) return containerPlugin;
        if (cfg.loadPlugins != null) return cfg.loadPlugins.contains("container");
        if (rulesRequirePlugin || inspector.containerFieldsBound()) return true;
        for (Compiled.CRule r : rules) {
            if (r.outputTokens == null) continue;
            for (var t : r.outputTokens) if (SyscallFieldBinder.isContainerField(t.field())) return true;
        }
        return false;
    }

    /** Runs the drop actions (log, alert); true when one of them is exit. */
    private static boolean act(DropAlerts.Verdict v, long ts, AlertFormatter formatter, Outputs outputs, PrintWriter err) {
        boolean exit = false;
        for (String a : v.actions()) {
            switch (a) {
                case "log" -> { err.println("falcoc: " + v.message()); err.flush(); }
                case "alert" -> outputs.emit(formatter.internal(DropAlerts.RULE, DropAlerts.priority(), v.message(), DropAlerts.fields(v.delta()), ts));
                case "exit" -> {
                    err.println("falcoc: syscall_event_drops.actions has exit: stopping");
                    exit = true;
                }
                default -> { }
            }
        }
        return exit;
    }

    /** Falco's hostname: FALCO_HOSTNAME, else the kernel's host name. */
    static final class Hostname {
        private Hostname() {}

        static String get() {
            String env = System.getenv("FALCO_HOSTNAME");
            if (env != null && !env.isEmpty()) return env;
            try {
                return Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).trim();
            } catch (IOException | RuntimeException e) {
                try {
                    return java.net.InetAddress.getLocalHost().getHostName();
                } catch (IOException x) {
                    return "";
                }
            }
        }
    }
}
