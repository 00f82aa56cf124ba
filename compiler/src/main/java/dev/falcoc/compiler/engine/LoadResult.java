package dev.falcoc.compiler.engine;

import dev.falcoc.compiler.diag.Diagnostic;
import dev.falcoc.compiler.diag.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of loading one rules file. {@code errors} and {@code warnings} are exactly what
 * Falco reports; {@code additional} holds the further independent problems falcoc found.
 */
public final class LoadResult {
    public final String name;
    public final String content;
    public final List<Diagnostic> errors = new ArrayList<>();
    public final List<Diagnostic> warnings = new ArrayList<>();
    public final List<Diagnostic> additional = new ArrayList<>();
    public boolean schemaValid = true;
    public final List<String> schemaWarnings = new ArrayList<>();

    public LoadResult(String name, String content) {
        this.name = name;
        this.content = content;
    }

    public boolean successful() { return errors.isEmpty(); }

    /** Everything, Falco's first: what a user fixes in one pass. */
    public List<Diagnostic> all() {
        List<Diagnostic> all = new ArrayList<>(errors);
        all.addAll(additional);
        all.addAll(warnings);
        return all;
    }

    public long count(Severity s) {
        return all().stream().filter(d -> d.severity() == s).count();
    }
}
