package dev.falcoc.cli;

import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.report.FalcoJson;
import dev.falcoc.compiler.report.Json;
import dev.falcoc.compiler.schema.EventTable;
import dev.falcoc.compiler.schema.FieldCatalog;
import dev.falcoc.compiler.schema.FieldInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** falcoc list: describe loaded rules like falco -L, or list fields and event types. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Describe the rules, macros and lists of rules files (like falco -L),",
                "or 'list fields' / 'list events' for the field catalogue and event types."})
final class ListCommand implements Callable<Integer> {
    enum Format { text, json }

    @Parameters(arity = "1..*", paramLabel = "RULES|fields|events")
    List<String> paths;

    @Option(names = "--format", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES}.")
    Format format;

    @Option(names = "--container-plugin", negatable = true, description = "Act as if Falco's container plugin is loaded (default: when the rules require it).")
    Boolean containerPlugin;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    static RulesEngine.Options options(Boolean containerPlugin) {
        return containerPlugin == null ? RulesEngine.Options.defaults() : new RulesEngine.Options(containerPlugin, false);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        if (paths.size() == 1 && paths.getFirst().equals("fields")) return fields(out);
        if (paths.size() == 1 && paths.getFirst().equals("events")) return events(out);
        List<String> files;
        try {
            files = Inputs.expand(paths);
        } catch (Inputs.InputException e) {
            err.println("falcoc: " + e.getMessage());
            return Cli.USAGE;
        }
        RulesEngine engine = new RulesEngine(options(containerPlugin));
        for (String f : files) {
            Inputs.RulesFile rf;
            try {
                rf = Inputs.read(f);
            } catch (Inputs.InputException e) {
                err.println("falcoc: " + e.getMessage());
                return Cli.USAGE;
            }
            LoadResult r = engine.load(rf.name(), rf.content());
            if (!r.successful()) {
                err.println("falcoc: " + f + ": rules could not be loaded; run 'falcoc check' for details");
                err.println(r.errors.getFirst().code() + ": " + r.errors.getFirst().message());
                return Cli.FINDINGS;
            }
        }
        Map<String, Object> d = FalcoJson.describe(engine);
        if (format == Format.json) {
            out.println(Json.write(d));
        } else {
            RulesEngine.CompileOutput o = engine.output();
            o.rules().values().forEach(r -> out.println("rule   " + r.name + "  [" + r.priority.display() + (r.enabled ? "" : ", disabled") + "]  "
                    + dev.falcoc.compiler.report.FalcoJson.class.getSimpleName().substring(0, 0) + dev.falcoc.grammar.ast.AstPrinter.print(r.ast)));
            o.macros().values().forEach(m -> out.println("macro  " + m.name + (m.used ? "" : "  (unused)")));
            o.lists().values().forEach(l -> out.println("list   " + l.name + "  " + l.items + (l.used ? "" : "  (unused)")));
        }
        return Cli.OK;
    }

    private int fields(PrintWriter out) {
        FieldCatalog c = FieldCatalog.get();
        if (format == Format.json) {
            List<Object> arr = new ArrayList<>();
            for (FieldInfo f : c.fields()) {
                Map<String, Object> o = Json.obj();
                o.put("name", f.name());
                o.put("class", f.className());
                o.put("type", f.type().display());
                o.put("flags", new TreeSet<>(f.flags()));
                o.put("description", f.description());
                arr.add(o);
            }
            out.println(Json.write(arr));
        } else {
            for (FieldInfo f : c.fields()) {
                if (f.hidden()) continue;
                out.printf("%-40s %-9s %s%n", f.name() + (f.argRequired() ? "[ARG]" : ""), f.type().display(), f.description());
            }
        }
        return Cli.OK;
    }

    private int events(PrintWriter out) {
        EventTable t = EventTable.get();
        TreeSet<String> names = new TreeSet<>(t.eventNames());
        names.remove("NA");
        names.addAll(t.syscallNames());
        if (format == Format.json) out.println(Json.write(names));
        else names.forEach(out::println);
        return Cli.OK;
    }
}
