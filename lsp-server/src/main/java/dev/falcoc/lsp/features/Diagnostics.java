package dev.falcoc.lsp.features;

import dev.falcoc.compiler.diag.Codes;
import dev.falcoc.compiler.diag.Location;
import dev.falcoc.compiler.diag.Severity;
import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.lsp.model.FileModel;
import dev.falcoc.lsp.model.Item;
import dev.falcoc.lsp.model.Scalar;
import dev.falcoc.lsp.model.Sym;
import dev.falcoc.lsp.model.Tok;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DiagnosticTag;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Turns load results into LSP diagnostics per file. A problem goes to the file its exact
 * location is in (a macro's problem may surface while loading a later file); problems repeated by
 * later loads are reported once; unused-macro and unused-list warnings come from the last load
 * only, since a later file may still use what an earlier one defines.
 */
public final class Diagnostics {
    public static final String SOURCE = "falcoc";
    /** Editor-only hint: an `in (...)` value that is close to a list name but names none. */
    public static final String UNKNOWN_LIST = "FALCOC_UNKNOWN_LIST";

    private Diagnostics() {}

    /** One load result in its context: whether it is the final state for the files it reports on. */
    public record Source(LoadResult result, boolean last, Set<String> onlyFiles) {}

    public static Map<String, List<Diagnostic>> build(List<Source> sources, Function<String, FileModel> models,
                                                     Function<String, String> clientUri) {
        Map<String, List<Diagnostic>> out = new LinkedHashMap<>();
        Map<String, Set<String>> seen = new LinkedHashMap<>();
        for (Source src : sources) {
            LoadResult r = src.result();
            for (dev.falcoc.compiler.diag.Diagnostic d : r.all()) {
                if (!src.last() && (d.code().equals(Codes.UNUSED_MACRO) || d.code().equals(Codes.UNUSED_LIST))) continue;
                Location loc = d.context().exactLocation();
                String file = loc.file() != null && loc.exactOffset() >= 0 ? loc.file() : r.name;
                int offset = loc.exactOffset() >= 0 && loc.file() != null ? loc.exactOffset() : -1;
                if (src.onlyFiles() != null && !src.onlyFiles().contains(file)) continue;
                String dedup = d.code() + "|" + offset + "|" + d.message();
                if (!seen.computeIfAbsent(file, k -> new HashSet<>()).add(dedup)) continue;
                FileModel m = models.apply(file);
                if (m == null) continue;
                offset = m.hostOffset(offset);
                Diagnostic ld = new Diagnostic(m.lines.range(rangeStart(m, offset), rangeEnd(m, offset)), message(d),
                        severity(d.severity()), SOURCE, d.code());
                if (d.code().equals(Codes.DEPRECATED_ITEM)) ld.setTags(List.of(DiagnosticTag.Deprecated));
                if (d.code().equals(Codes.UNUSED_MACRO) || d.code().equals(Codes.UNUSED_LIST)) ld.setTags(List.of(DiagnosticTag.Unnecessary));
                ld.setRelatedInformation(related(d, loc, models, clientUri));
                out.computeIfAbsent(file, k -> new ArrayList<>()).add(ld);
            }
        }
        return out;
    }

    private static String message(dev.falcoc.compiler.diag.Diagnostic d) {
        String m = d.message();
        if (m == null || m.isEmpty()) m = Codes.shortText(d.code());
        return m;
    }

    private static DiagnosticSeverity severity(Severity s) {
        return switch (s) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
            case INFO -> DiagnosticSeverity.Information;
        };
    }

    /** The context chain, innermost first, as related locations (item, key, expression). */
    private static List<DiagnosticRelatedInformation> related(dev.falcoc.compiler.diag.Diagnostic d, Location primary,
                                                              Function<String, FileModel> models, Function<String, String> clientUri) {
        List<DiagnosticRelatedInformation> out = new ArrayList<>();
        List<Location> locs = d.context().locations();
        for (int i = locs.size() - 1; i >= 0; i--) {
            Location l = locs.get(i);
            if (l == primary || l.file() == null || l.exactOffset() < 0 || l.itemType().equals("rules content")) continue;
            if (l.file().equals(primary.file()) && l.exactOffset() == primary.exactOffset()) continue;
            FileModel m = models.apply(l.file());
            if (m == null) continue;
            int at = m.hostOffset(l.exactOffset());
            String what = l.itemName().isEmpty() ? l.itemType() : l.itemType() + " '" + l.itemName() + "'";
            out.add(new DiagnosticRelatedInformation(new org.eclipse.lsp4j.Location(clientUri.apply(l.file()),
                    m.lines.range(rangeStart(m, at), rangeEnd(m, at))), "in " + what));
        }
        return out;
    }

    static int rangeStart(FileModel m, int offset) {
        if (offset < 0) return 0;
        Tok t = tokenStartingAt(m, offset);
        return t != null ? t.start() : Math.min(offset, m.text.length());
    }

    static int rangeEnd(FileModel m, int offset) {
        String text = m.text;
        if (offset < 0) return m.lines.lineEnd(text, 0);
        Tok t = tokenStartingAt(m, offset);
        if (t != null) return t.end();
        // an item or key: underline its first line
        Item item = null;
        for (Item i : m.items) if (i.start() == offset) item = i;
        if (item != null && item.nameScalar != null) return item.nameScalar.end();
        int o = Math.min(offset, text.length());
        int e = o;
        while (e < text.length() && isWordChar(text.charAt(e))) e++;
        if (e == o) e = m.lines.lineEnd(text, m.lines.line(o));
        return Math.max(e, Math.min(o + 1, text.length()));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '[' || c == ']' || c == '%' || c == '/';
    }

    private static Tok tokenStartingAt(FileModel m, int offset) {
        for (Tok t : m.tokens) {
            if (t.start() > offset) break;
            if (t.start() <= offset && offset < t.end() && t.sym() != Sym.PUNCT) return t;
        }
        return null;
    }

    /** Editor-only hints for list values ("in (...)", list items) that look like a misspelled list name. */
    public static List<Diagnostic> hints(FileModel m, Set<String> lists) {
        List<Diagnostic> out = new ArrayList<>();
        Map<String, List<String>> memo = new java.util.HashMap<>();
        Tok prev = null;
        for (Tok t : m.tokens) {
            Tok before = prev;
            prev = t;
            if (!t.listCandidate() || t.scalar() == null || t.sym() == Sym.MACRO || lists.contains(t.text()) || t.text().indexOf('_') < 0) continue;
            boolean inList = t.scalar().role == Scalar.Role.LIST_ITEM
                    || (t.scalar().role == Scalar.Role.CONDITION && before != null && before.scalar() == t.scalar()
                        && before.sym() == Sym.PUNCT && (before.text().equals("(") || before.text().equals(",")));
            if (!inList) continue;
            List<String> near = memo.computeIfAbsent(t.text(), w -> Names.similar(w, lists, 3));
            if (near.isEmpty()) continue;
            out.add(new Diagnostic(m.lines.range(t.start(), t.end()),
                    "'" + t.text() + "' is not a list, so it is taken as a literal value; did you mean '" + near.getFirst() + "'?",
                    DiagnosticSeverity.Information, SOURCE, UNKNOWN_LIST));
        }
        return out;
    }

    static Either<String, Integer> code(String c) { return Either.forLeft(c); }
}
