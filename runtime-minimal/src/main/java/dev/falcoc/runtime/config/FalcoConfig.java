package dev.falcoc.runtime.config;

import dev.falcoc.compiler.load.Priority;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of falco.yaml that falcoc honours, read with Falco 0.42's keys and defaults
 * (a key missing from a given file takes Falco's built-in default, e.g. outputs disabled).
 */
public final class FalcoConfig {
    public enum RuleMatching { FIRST, ALL }

    /** One entry of the {@code rules:} section: enable or disable by rule name (wildcards) or tag. */
    public record Selection(boolean enable, String rule, String tag) {}

    /** One configured output, with Falco's option names. */
    public record OutputConfig(String name, Map<String, String> options) {}

    public List<String> rulesFiles = new ArrayList<>();
    public boolean jsonOutput;
    public boolean jsonIncludeOutputProperty = true;
    public boolean jsonIncludeTagsProperty = true;
    public boolean jsonIncludeMessageProperty;
    public boolean jsonIncludeOutputFieldsProperty = true;
    public boolean timeFormatIso8601;
    public boolean bufferedOutputs;
    public Priority priority = Priority.DEBUG;
    public RuleMatching ruleMatching = RuleMatching.FIRST;
    public List<Selection> rulesSelection = new ArrayList<>();
    public List<OutputConfig> outputs = new ArrayList<>();
    /** load_plugins as configured, null when the configuration does not say (which plugins Falco loads). */
    public List<String> loadPlugins;
    /** Alerts that may wait for a program or http output (outputs_queue.capacity; Falco's 0 = unbounded becomes this bound). */
    public int outputsQueueCapacity = DEFAULT_OUTPUTS_QUEUE;
    /** output_timeout: how long an output may block before it counts as stalled. */
    public long outputTimeoutMillis = 2000;

    /** syscall_event_drops: when live drops raise a log line and an alert. */
    public dev.falcoc.runtime.output.DropAlerts.Config syscallEventDrops = dev.falcoc.runtime.output.DropAlerts.Config.FALCO_DEFAULT;

    /**
     * One append_output entry: for rules that match (same source, all the tags, same name; an
     * absent criterion matches all), {@code extraOutput} is appended to the output and
     * {@code extraFields} are added to output_fields. suggested_output entries are not kept: falcoc
     * appends the container plugin's suggested fields whenever the plugin counts as loaded.
     */
    public record AppendOutput(String source, List<String> tags, String rule, String extraOutput, List<ExtraField> extraFields) {
        public boolean matches(String ruleSource, java.util.Collection<String> ruleTags, String ruleName) {
            return (source == null || source.equals(ruleSource)) && ruleTags.containsAll(tags) && (rule == null || rule.equals(ruleName));
        }
    }

    /** An extra output field: a field by name ({@code raw}: output_fields gets its typed value) or a key with a format. */
    public record ExtraField(String key, String format, boolean raw) {}

    public List<AppendOutput> appendOutput = new ArrayList<>();

    /**
     * Settings of the configuration that change Falco's alerts but that falcoc does not apply, one
     * sentence each, for the command to report (nothing a user configured goes unmentioned).
     */
    public List<String> notApplied = new ArrayList<>();

    /** falcoc bounds the outputs queue even where Falco's default leaves it unbounded. */
    public static final int DEFAULT_OUTPUTS_QUEUE = 10_000;

    /** The settings of Falco's shipped falco.yaml that matter here: stdout on, syslog off (see docs). */
    public static final String DEFAULT_YAML = """
            rules_files: []
            json_output: false
            json_include_output_property: true
            json_include_tags_property: true
            priority: debug
            rule_matching: first
            stdout_output:
              enabled: true
            syslog_output:
              enabled: false
            file_output:
              enabled: false
              keep_alive: false
              filename: ./events.txt
            program_output:
              enabled: false
              keep_alive: false
              program: "jq '{text: .output}' | curl -d @- -X POST https://hooks.slack.com/services/XXX"
            http_output:
              enabled: false
              url: ""
              user_agent: "falcosecurity/falco"
            """;

    /** Reads a config file (or the defaults when {@code file} is null), then applies -o overrides. */
    public static FalcoConfig load(Path file, List<String> overrides) throws ConfigException {
        String label = file == null ? "default" : file.toString();
        ConfigTree tree;
        if (file == null) {
            tree = ConfigTree.parse(label, DEFAULT_YAML);
        } else {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new ConfigException("Error reading config file (" + label + "): " + reason(e));
            }
            tree = ConfigTree.parse(label, text);
        }
        for (String o : overrides) applyOverride(tree, o);
        return from(tree, label);
    }

    private static void checkFormat(String where, String format) throws ConfigException {
        if (format.isEmpty()) return;
        try {
            dev.falcoc.runtime.output.OutputFormat.compile(format, dev.falcoc.compiler.schema.FieldResolver.get());
        } catch (dev.falcoc.compiler.check.OutputChecker.FormatException e) {
            throw new ConfigException(where + e.getMessage());
        }
    }

    /** An enabled grpc_output (Falco 0.42 still has one; falcoc does not). */
    static List<String> notApplied(ConfigTree t) throws ConfigException {
        List<String> out = new ArrayList<>();
        if (t.bool("grpc_output.enabled", false)) out.add("grpc_output: falcoc has no gRPC output; alerts go to the other enabled outputs");
        return out;
    }

    /** append_output, with Falco's shapes: match {source, tags, rule}, extra_output, extra_fields, suggested_output. */
    static List<AppendOutput> appendOutput(ConfigTree t, String label) throws ConfigException {
        List<AppendOutput> out = new ArrayList<>();
        if (!(t.get("append_output") instanceof List<?> entries)) return out;
        String where = "Error reading config file (" + label + "): append_output: ";
        for (Object e : entries) {
            if (!(e instanceof Map<?, ?> m)) throw new ConfigException(where + "each entry must be a mapping");
            String source = null, rule = null;
            List<String> tags = new ArrayList<>();
            if (m.get("match") instanceof Map<?, ?> match) {
                source = match.get("source") == null ? null : String.valueOf(match.get("source"));
                rule = match.get("rule") == null ? null : String.valueOf(match.get("rule"));
                if (match.get("tags") instanceof List<?> l) for (Object x : l) tags.add(String.valueOf(x));
                else if (match.get("tags") != null) tags.add(String.valueOf(match.get("tags")));
            }
            String extra = m.get("extra_output") == null ? null : String.valueOf(m.get("extra_output"));
            List<ExtraField> fields = new ArrayList<>();
            if (m.get("extra_fields") instanceof List<?> l) {
                for (Object x : l) {
                    if (x instanceof Map<?, ?> kv) {
                        for (Map.Entry<?, ?> f : kv.entrySet()) fields.add(new ExtraField(String.valueOf(f.getKey()), String.valueOf(f.getValue()), false));
                    } else if (x != null) {
                        fields.add(new ExtraField(String.valueOf(x), "%" + x, true));
                    }
                }
            } else if (m.get("extra_fields") != null) {
                throw new ConfigException(where + "extra_fields must be a sequence");
            }
            // a format that cannot work is the configuration's error, not the rule's it would be appended to
            if (extra != null) checkFormat(where + "extra_output \"" + extra + "\": ", extra);
            for (ExtraField f : fields) checkFormat(where + "extra_fields \"" + f.key() + "\": ", f.format());
            if ((extra != null && !extra.isEmpty()) || !fields.isEmpty()) out.add(new AppendOutput(source, tags, rule, extra, fields));
        }
        return out;
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Falco's set_cmdline_option: key=value, the value a YAML object when written "{...}". */
    public static void applyOverride(ConfigTree tree, String opt) throws ConfigException {
        int eq = opt.indexOf('=');
        if (eq <= 0) throw new ConfigException("Error parsing config option \"" + opt + "\". Must be of the form key=val or key.subkey=val");
        tree.set(opt.substring(0, eq), ConfigTree.parseValue(opt.substring(eq + 1)));
    }

    static FalcoConfig from(ConfigTree t, String label) throws ConfigException {
        FalcoConfig c = new FalcoConfig();
        boolean plural = t.isDefined("rules_files"), singular = t.isDefined("rules_file");
        if (plural && singular) throw new ConfigException("Error reading config file (" + label + "): both 'rules_files' and 'rules_file' keys set");
        c.rulesFiles = t.strings(plural ? "rules_files" : "rules_file");
        c.jsonOutput = t.bool("json_output", false);
        c.jsonIncludeOutputProperty = t.bool("json_include_output_property", true);
        c.jsonIncludeTagsProperty = t.bool("json_include_tags_property", true);
        c.jsonIncludeMessageProperty = t.bool("json_include_message_property", false);
        c.jsonIncludeOutputFieldsProperty = t.bool("json_include_output_fields_property", true);
        c.timeFormatIso8601 = t.bool("time_format_iso_8601", false);
        c.bufferedOutputs = t.bool("buffered_outputs", false);
        c.loadPlugins = t.isDefined("load_plugins") ? t.strings("load_plugins") : null;
        long queue = t.integer("outputs_queue.capacity", 0);
        c.outputsQueueCapacity = queue <= 0 ? DEFAULT_OUTPUTS_QUEUE : (int) Math.min(queue, 1 << 24);
        c.outputTimeoutMillis = Math.max(1, t.integer("output_timeout", 2000));
        c.syscallEventDrops = syscallEventDrops(t, label);
        c.appendOutput = appendOutput(t, label);
        c.notApplied = notApplied(t);

        String rm = t.string("rule_matching", "first");
        if (rm.equalsIgnoreCase("first")) c.ruleMatching = RuleMatching.FIRST;
        else if (rm.equalsIgnoreCase("all")) c.ruleMatching = RuleMatching.ALL;
        else throw new ConfigException("Unknown rule matching strategy \"" + rm + "\"--must be one of first, all");

        String p = t.string("priority", "debug");
        c.priority = Priority.parse(p);
        if (c.priority == null) {
            throw new ConfigException("Unknown priority \"" + p + "\"--must be one of emergency, alert, critical, error, warning, notice, informational, debug");
        }

        Object rules = t.get("rules");
        if (rules instanceof List<?> l) {
            for (Object item : l) c.rulesSelection.add(selection(item, label));
        } else if (rules != null) {
            throw new ConfigException("Error reading config file (" + label + "): 'rules' must be a sequence of enable/disable entries");
        }

        // Outputs in Falco's order: file, stdout, syslog, program, http.
        if (t.bool("file_output.enabled", false)) {
            String fn = t.string("file_output.filename", "");
            if (fn.isEmpty()) throw new ConfigException("Error reading config file (" + label + "): file output enabled but no filename in configuration block");
            c.outputs.add(new OutputConfig("file", Map.of("filename", fn, "keep_alive", t.string("file_output.keep_alive", ""))));
        }
        if (t.bool("stdout_output.enabled", false)) c.outputs.add(new OutputConfig("stdout", Map.of()));
        if (t.bool("syslog_output.enabled", false)) c.outputs.add(new OutputConfig("syslog", Map.of()));
        if (t.bool("program_output.enabled", false)) {
            String prog = t.string("program_output.program", "");
            if (prog.isEmpty()) throw new ConfigException("Error reading config file (" + label + "): program output enabled but no program in configuration block");
            c.outputs.add(new OutputConfig("program", Map.of("program", prog, "keep_alive", t.string("program_output.keep_alive", ""))));
        }
        if (t.bool("http_output.enabled", false)) {
            String url = t.string("http_output.url", "");
            if (url.isEmpty()) throw new ConfigException("Error reading config file (" + label + "): http output enabled but no url in configuration block");
            Map<String, String> o = new LinkedHashMap<>();
            o.put("url", url);
            o.put("user_agent", t.string("http_output.user_agent", "falcosecurity/falco"));
            o.put("insecure", String.valueOf(t.bool("http_output.insecure", false)));
            o.put("echo", String.valueOf(t.bool("http_output.echo", false)));
            o.put("ca_cert", t.string("http_output.ca_cert", ""));
            o.put("compress_uploads", String.valueOf(t.bool("http_output.compress_uploads", false)));
            o.put("keep_alive", String.valueOf(t.bool("http_output.keep_alive", false)));
            o.put("max_consecutive_timeouts", String.valueOf(t.integer("http_output.max_consecutive_timeouts", 5) & 0xff));
            o.put("timeout_ms", String.valueOf(t.integer("output_timeout", 2000)));
            c.outputs.add(new OutputConfig("http", o));
        }
        return c;
    }

    private static dev.falcoc.runtime.output.DropAlerts.Config syscallEventDrops(ConfigTree t, String label) throws ConfigException {
        var d = dev.falcoc.runtime.output.DropAlerts.Config.FALCO_DEFAULT;
        List<String> actions = t.isDefined("syscall_event_drops.actions") ? t.strings("syscall_event_drops.actions") : d.actions();
        for (String a : actions) {
            if (!List.of("ignore", "log", "alert", "exit").contains(a)) {
                throw new ConfigException("Error reading config file (" + label + "): syscall_event_drops.actions: unknown action \"" + a + "\" (ignore, log, alert, exit)");
            }
        }
        return new dev.falcoc.runtime.output.DropAlerts.Config(number(t, "syscall_event_drops.threshold", d.thresholdPercent(), label), actions,
                number(t, "syscall_event_drops.rate", d.rate(), label), number(t, "syscall_event_drops.max_burst", d.maxBurst(), label),
                t.bool("syscall_event_drops.simulate_drops", false));
    }

    private static double number(ConfigTree t, String key, double def, String label) throws ConfigException {
        String v = t.string(key, Double.toString(def));
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new ConfigException("Error reading config file (" + label + "): " + key + " must be a number, not \"" + v + "\"");
        }
    }

    private static Selection selection(Object item, String label) throws ConfigException {
        String bad = "Error reading config file (" + label + "): each 'rules' entry must be {enable: {rule: ..., tag: ...}} or {disable: {...}}";
        if (!(item instanceof Map<?, ?> m)) throw new ConfigException(bad);
        boolean enable;
        Object body;
        if (m.get("enable") != null) { enable = true; body = m.get("enable"); }
        else if (m.get("disable") != null) { enable = false; body = m.get("disable"); }
        else throw new ConfigException(bad);
        if (!(body instanceof Map<?, ?> b)) throw new ConfigException(bad);
        String rule = b.get("rule") instanceof String s ? s : "";
        String tag = b.get("tag") instanceof String s ? s : "";
        if (rule.isEmpty() && tag.isEmpty()) throw new ConfigException(bad);
        return new Selection(enable, rule, tag);
    }
}
