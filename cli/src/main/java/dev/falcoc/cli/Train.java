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

    /** Replays of the current-format bundled capture (~3,000 events each). */
    private static final int REPLAYS = 30;

    private static final String EXTRA_RULES = """
            - required_engine_version: 0.26.0
            - required_plugin_versions:
              - name: container
                version: 0.1.0
                alternatives:
                - name: k8smeta
                  version: 0.1.0
            - macro: train_unused
              condition: proc.name = never and proc.name = other
            - rule: train never
              desc: d
              condition: evt.type = execve and evt.num = 0 and proc.name in ()
              output: "%proc.name"
              priority: INFO
            - list: train_bins
              items:
              - cat
              - "ls"
              - 'sh'
            - macro: train_open
              condition: (evt.type in (open, openat, openat2) and evt.is_open_read=true)
            - macro: train_open
              condition: and fd.num >= 0
              append: true
            - rule: train glob
              desc: >
                folded
                description
              condition: >-
                train_open and fd.name glob "/etc/*" and not proc.name in (train_bins)
                and fd.directory pmatch (/etc, /tmp) and proc.cmdline icontains "x" and fd.sport != 0
                and evt.arg.flags contains O_RDONLY and proc.aname[2] startswith s and user.uid < 1000
                and fd.typechar = f and evt.rawres >= 0 and not fd.name regex "^/x.*" and fd.name endswith "d"
              output: "%proc.name %fd.name %evt.arg.flags %user.name %container.id %proc.pname"
              priority: WARNING
              tags: [filesystem, mitre_discovery]
              exceptions:
              - name: by_proc
                fields: [proc.name, fd.name]
                comps: [=, startswith]
                values:
                - [ls, /etc]
              - name: by_name
                fields: proc.name
                values: [cat, tail]
            - rule: train glob
              condition: and proc.pid > 0
              override:
                condition: append
            - rule: train connect
              desc: d
              condition: evt.type = connect and fd.net = "10.0.0.0/8" and fd.l4proto = tcp and fd.sip != 127.0.0.1
              output: "%fd.name %fd.rip %fd.rport"
              priority: NOTICE
              enabled: false
            """;

    /**
     * Binds a getter for every catalogue field (and its usual argument forms), so the cache holds
     * the getters' lambda classes whatever fields the user's rules read; otherwise each one is
     * spun at run time (~40 of them for the benchmark's rules).
     */
    private static void bindEveryField(String capture) {
        dev.falcoc.compiler.schema.FieldResolver resolver = dev.falcoc.compiler.schema.FieldResolver.get();
        try (dev.falcoc.runtime.Inspector in = dev.falcoc.runtime.Inspector.open(Path.of(capture))) {
            for (dev.falcoc.compiler.schema.FieldInfo f : resolver.catalog().fields()) {
                for (String text : new String[] {f.name(), f.name() + "[0]", f.name() + "[1]", f.name() + "[fd]", f.name() + ".fd", f.name() + ".name"}) {
                    try {
                        dev.falcoc.compiler.schema.FieldResolver.Resolved r = resolver.resolveExact(text);
                        if (r != null) in.binder().bind(r);
                    } catch (Exception e) {
                        // a form this field does not take
                    }
                }
            }
        } catch (Exception e) {
            // training is best effort
        }
    }

    /** Removes the training's cache directory. */
    private static void delete(Path dir) {
        if (dir == null) return;
        try (var s = java.nio.file.Files.list(dir)) {
            for (Path p : s.toList()) java.nio.file.Files.deleteIfExists(p);
            java.nio.file.Files.deleteIfExists(dir);
        } catch (java.io.IOException | RuntimeException e) {
            // a temporary directory left behind is harmless
        }
    }

    /**
     * {@code Train ROOT [run|other]}: with {@code run}, only what a {@code run} loads; with
     * {@code other}, only {@code check} and {@code list}; with neither, both. The launcher keeps one
     * cache per family: a run-only cache is a sixth smaller, and mapping it at start-up is
     * measurably cheaper (empty replay ~10 ms, psp500 ~10-25 ms faster).
     */
    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        String family = args.length > 1 ? args[1] : "";
        boolean runs = !family.equals("other"), others = !family.equals("run");
        String rules = root.resolve("test-rules/rules/falcoc_rules.yaml").toString();
        String capture = root.resolve("test-rules/tests/captures/curl_google.scap").toString();
        PrintWriter out = new PrintWriter(OutputStream.nullOutputStream());
        // the compiled-rules cache in a temporary directory, not the user's: its write and read paths are trained too
        Path cacheDir = null;
        try {
            cacheDir = java.nio.file.Files.createTempDirectory("falcoc-train-cache");
            RulesCacheSupport.override = new RulesCacheSupport.Settings(cacheDir, "train");
        } catch (java.io.IOException e) {
            RulesCacheSupport.override = new RulesCacheSupport.Settings(null, "train");   // off: never the user's cache
        }
        if (others) {
            Cli.run(new String[] {"check", "--format", "json", rules}, out, out);
            Cli.run(new String[] {"check", rules}, out, out);
            Cli.run(new String[] {"list", "--format", "json", rules}, out, out);
        }
        if (runs) {
            Cli.run(new String[] {"run", "--replay", capture, "-r", rules, "--timing"}, out, out);
            bindEveryField(capture);
            // the same replay again: read from the compiled-rules cache the first one wrote
            Cli.run(new String[] {"run", "--replay", capture, "-r", rules, "--timing"}, out, out);
            // curl_google is an old-format capture; a current-format one takes the reader's other path.
            // Replayed often enough that the profiles the cache records say where a replay spends its
            // time (measured on psp500: whole process ~10 ms faster than with one short replay)
            String current = root.resolve("test-rules/tests/captures/psp_run_as_user_0_container.scap").toString();
            for (int i = 0; i < REPLAYS; i++) {
                Cli.run(new String[] {"run", "--replay", current, "-r", rules, "-o", "json_output=true"}, out, out);
            }
        }
        try {
            // constructs the bundled rules lack (indentless sequences, glob, pmatch, exceptions, overrides)
            Path extra = java.nio.file.Files.createTempFile("falcoc-train", ".yaml");
            java.nio.file.Files.writeString(extra, EXTRA_RULES);
            if (others) {
                Cli.run(new String[] {"check", extra.toString()}, out, out);
                Cli.run(new String[] {"check", rules, extra.toString()}, out, out);
            }
            if (runs) Cli.run(new String[] {"run", "--replay", capture, "-r", rules, "-r", extra.toString(), "--timing"}, out, out);
            java.nio.file.Files.deleteIfExists(extra);
        } catch (java.io.IOException e) {
            // training is best effort
        }
        // the launcher's main class, which the cache otherwise lacks (it is loaded from the jar then)
        Main.class.getName();
        RulesCacheSupport.override = null;
        delete(cacheDir);
        System.exit(0);
    }
}
