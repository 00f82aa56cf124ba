package dev.falcoc.runtime.output;

import dev.falcoc.compiler.check.OutputChecker;
import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.load.Priority;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.runtime.config.FalcoConfig;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds Falco's alert text: "TIME: Priority output" in text mode, and in JSON mode the object
 * Falco's formats.cpp dumps (keys sorted: hostname, message, output, output_fields, priority,
 * rule, source, tags, time; the time prefix's field merged into output_fields).
 */
public final class AlertFormatter {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private final FalcoConfig cfg;
    private final FieldRenderer renderer;
    private final String hostname;
    private final Map<Priority, OutputFormat> prefixes = new EnumMap<>(Priority.class);

    /** A rule's compiled output and fixed alert properties. */
    public record RuleOutput(String rule, Priority priority, String source, List<String> tags, OutputFormat message, List<Extra> extras) {}

    /** An append_output extra field: its output_fields key and format (raw: the single field's typed value). */
    public record Extra(String key, OutputFormat format, boolean raw) {}

    public AlertFormatter(FalcoConfig cfg, FieldRenderer renderer, String hostname, FieldResolver resolver) {
        this.cfg = cfg;
        this.renderer = renderer;
        this.hostname = hostname;
        String time = cfg.timeFormatIso8601 ? "*%evt.time.iso8601: " : "*%evt.time: ";
        for (Priority p : Priority.values()) {
            try {
                prefixes.put(p, OutputFormat.compile(time + p.display(), resolver));
            } catch (OutputChecker.FormatException e) {
                throw new IllegalStateException("time prefix does not compile: " + e.getMessage());
            }
        }
    }

    /** Compiles a rule's output (as the loader checked it, extra formats included). */
    public static RuleOutput compile(Compiled.CRule r, FieldResolver resolver) throws OutputChecker.FormatException {
        return compile(r, resolver, List.of());
    }

    /**
     * Compiles a rule's output with the append_output entries that match it, in order, as Falco
     * builds it at load: each extra_output is appended after a space, each extra field is added.
     */
    public static RuleOutput compile(Compiled.CRule r, FieldResolver resolver, List<FalcoConfig.AppendOutput> appends) throws OutputChecker.FormatException {
        String fmt = r.outputCompiled;
        StringBuilder extra = new StringBuilder();
        List<Extra> extras = new ArrayList<>();
        for (FalcoConfig.AppendOutput a : appends) {
            if (!a.matches(r.source, r.tags, r.name)) continue;
            if (a.extraOutput() != null && !a.extraOutput().isEmpty()) extra.append(' ').append(a.extraOutput());
            for (FalcoConfig.ExtraField f : a.extraFields()) extras.add(new Extra(f.key(), OutputFormat.compile(f.format(), resolver), f.raw()));
        }
        OutputFormat f = !extra.isEmpty() ? OutputFormat.compile(fmt + extra, resolver)
                : r.outputTokens != null ? OutputFormat.fromTokens(fmt, r.outputTokens, resolver) : OutputFormat.compile(fmt, resolver);
        return new RuleOutput(r.name, r.priority, r.source, new ArrayList<>(r.tags), f, List.copyOf(extras));
    }

    public Alert format(RuleOutput o, Object ctx, long ts) {
        OutputFormat prefix = prefixes.get(o.priority());
        StringBuilder out = new StringBuilder(128);
        prefix.text(ctx, renderer, out);
        out.append(' ');
        int messageStart = out.length();
        o.message().text(ctx, renderer, out);
        if (!cfg.jsonOutput) return new Alert(o.rule(), o.priority(), o.source(), ts, out.toString());

        Map<String, Object> event = new TreeMap<>();
        event.put("hostname", hostname);
        if (cfg.jsonIncludeOutputProperty) event.put("output", out.toString());
        if (cfg.jsonIncludeTagsProperty) event.put("tags", o.tags());
        if (cfg.jsonIncludeMessageProperty) event.put("message", out.substring(messageStart));
        if (cfg.jsonIncludeOutputFieldsProperty) {
            Map<String, Object> fields = new TreeMap<>();
            o.message().fields(ctx, renderer, fields);
            prefix.fields(ctx, renderer, fields);
            // append_output extra fields: a field's typed value, or a format's text
            for (Extra x : o.extras()) {
                if (x.raw()) {
                    Map<String, Object> one = new TreeMap<>();
                    x.format().fields(ctx, renderer, one);
                    fields.put(x.key(), one.get(x.key()));
                } else {
                    fields.put(x.key(), x.format().text(ctx, renderer));
                }
            }
            event.put("output_fields", fields);
        }
        event.put("priority", o.priority().display());
        event.put("rule", o.rule());
        event.put("source", o.source());
        event.put("time", isoTime(ts));
        StringBuilder sb = new StringBuilder(out.length() * 2 + 128);
        NlohmannJson.write(event, sb);
        return new Alert(o.rule(), o.priority(), o.source(), ts, sb.toString());
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(java.time.ZoneId.systemDefault());

    /**
     * An alert of Falco's own (e.g. the syscall drop alert), as Falco's handle_msg writes it: JSON with
     * hostname, output, output_fields, priority, rule, time; text "time: Priority message (k=v ...)".
     */
    public Alert internal(String rule, Priority priority, String message, Map<String, Object> fields, long ts) {
        if (cfg.jsonOutput) {
            Map<String, Object> event = new TreeMap<>();
            event.put("hostname", hostname);
            event.put("output", message);
            event.put("output_fields", new TreeMap<>(fields));
            event.put("priority", priority.display());
            event.put("rule", rule);
            event.put("time", isoTime(ts));
            StringBuilder sb = new StringBuilder(256);
            NlohmannJson.write(event, sb);
            return new Alert(rule, priority, "internal", ts, sb.toString());
        }
        String ns = Long.toString(Math.floorMod(ts, 1_000_000_000L));
        StringBuilder b = new StringBuilder(cfg.timeFormatIso8601 ? isoTime(ts)
                : CLOCK.format(Instant.ofEpochSecond(Math.floorDiv(ts, 1_000_000_000L))) + "." + "0".repeat(9 - ns.length()) + ns);
        b.append(": ").append(priority.display()).append(' ').append(message).append(" (");
        boolean first = true;
        for (Map.Entry<String, Object> e : new TreeMap<>(fields).entrySet()) {
            if (!first) b.append(' ');
            first = false;
            b.append(e.getKey()).append('=').append(e.getValue());
        }
        return new Alert(rule, priority, "internal", ts, b.append(')').toString());
    }

    /** The JSON "time": UTC, nanoseconds, 'Z'. */
    public static String isoTime(long ts) {
        long sec = Math.floorDiv(ts, 1_000_000_000L);
        long ns = Math.floorMod(ts, 1_000_000_000L);
        String n = Long.toString(ns);
        return SECONDS.format(Instant.ofEpochSecond(sec)) + "." + "0".repeat(9 - n.length()) + n + "Z";
    }
}
