package dev.falcoc.lsp.features;

import dev.falcoc.compiler.diag.Codes;
import dev.falcoc.compiler.schema.FieldCatalog;
import dev.falcoc.compiler.schema.FieldInfo;
import dev.falcoc.compiler.yaml.YNode;
import dev.falcoc.lsp.model.FileModel;
import dev.falcoc.lsp.model.Item;
import dev.falcoc.lsp.model.Scalar;
import dev.falcoc.lsp.model.Sym;
import dev.falcoc.lsp.model.Tok;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Quick fixes: "did you mean" for unknown fields, macros and lists; rewriting the deprecated
 * {@code append: true} as {@code override:}; restricting a rule without evt.type.
 */
final class CodeActions {
    private static final Pattern UNKNOWN_FIELD = Pattern.compile("nonexistent field (\\S+)|invalid formatting token (\\S+)|'([^']+)' is not a supported filter field");
    private static final Pattern UNKNOWN_MACRO = Pattern.compile("Undefined macro '([^']+)'|unexpected identifier '([^']+)'");

    private final Features f;

    CodeActions(Features f) { this.f = f; }

    List<Either<Command, CodeAction>> actions(String key, Range range, CodeActionContext ctx) {
        FileModel m = f.files.model(key);
        if (m == null) return List.of();
        List<Either<Command, CodeAction>> out = new ArrayList<>();
        List<Diagnostic> diags = ctx == null || ctx.getDiagnostics() == null ? List.of() : ctx.getDiagnostics();
        for (Diagnostic d : diags) {
            String code = d.getCode() == null ? "" : d.getCode().isLeft() ? d.getCode().getLeft() : String.valueOf(d.getCode().getRight());
            didYouMean(key, m, d, code, out);
            if (code.equals(Codes.NO_EVTTYPE)) restrict(key, m, m.lines.offset(d.getRange().getStart()), d, out);
        }
        int at = m.lines.offset(range.getStart());
        Item item = m.itemAt(at);
        if (item != null && item.appendFlag) convertAppend(key, m, item, diags, out);
        return out;
    }

    private CodeAction action(String title, String kind, String key, List<TextEdit> edits, Diagnostic d) {
        CodeAction a = new CodeAction(title);
        a.setKind(kind);
        a.setEdit(new WorkspaceEdit(Map.of(f.clientUri.apply(key), edits)));
        if (d != null) a.setDiagnostics(List.of(d));
        return a;
    }

    // ------------------------------------------------------------------ did you mean

    private void didYouMean(String key, FileModel m, Diagnostic d, String code, List<Either<Command, CodeAction>> out) {
        String msg = d.getMessage();
        int start = m.lines.offset(d.getRange().getStart());
        Tok tok = m.tokenAt(start);
        if (tok == null || tok.start() > start) return;
        Matcher fm = UNKNOWN_FIELD.matcher(msg);
        Matcher mm = UNKNOWN_MACRO.matcher(msg);
        List<String> candidates;
        String kind;
        if (fm.find()) {
            String bad = tok.text();
            Set<String> names = new LinkedHashSet<>();
            for (FieldInfo fi : FieldCatalog.get().fields()) if (!fi.hidden()) names.add(fi.name());
            String base = bad.contains("[") ? bad.substring(0, bad.indexOf('[')) : bad;
            candidates = new ArrayList<>();
            for (String c : Names.similar(base, names, 3)) candidates.add(c + bad.substring(base.length()));
            kind = "field";
        } else if (mm.find() || code.equals(Diagnostics.UNKNOWN_LIST)) {
            Set<String> names = new LinkedHashSet<>();
            boolean list = code.equals(Diagnostics.UNKNOWN_LIST);
            for (String file : f.files.allFiles()) {
                FileModel fm2 = f.files.model(file);
                if (fm2 == null) continue;
                for (Item i : fm2.items) if (i.kind == (list ? Item.Kind.LIST : Item.Kind.MACRO)) names.add(i.name);
            }
            candidates = Names.similar(tok.text(), names, 3);
            kind = list ? "list" : "macro";
        } else {
            return;
        }
        for (String c : candidates) {
            CodeAction a = action("Did you mean " + kind + " '" + c + "'?", CodeActionKind.QuickFix, key,
                    List.of(new TextEdit(m.lines.range(tok.start(), tok.end()), c)), d);
            if (c.equals(candidates.getFirst())) a.setIsPreferred(true);
            out.add(Either.forRight(a));
        }
    }

    // ------------------------------------------------------------------ append: true -> override

    private void convertAppend(String key, FileModel m, Item item, List<Diagnostic> diags, List<Either<Command, CodeAction>> out) {
        YNode keyNode = item.node.keyNode("append");
        YNode val = item.node.get("append");
        if (keyNode == null || val == null) return;
        List<String> keys = new ArrayList<>();
        switch (item.kind) {
            case RULE -> { for (String k : List.of("condition", "output", "desc", "tags", "exceptions")) if (item.node.has(k)) keys.add(k); }
            case MACRO -> keys.add("condition");
            case LIST -> keys.add("items");
            default -> { return; }
        }
        if (keys.isEmpty()) return;
        int keyAt = item.at(keyNode.offset);
        int col = m.lines.position(keyAt).getCharacter();
        String pad = " ".repeat(col + 2);
        StringBuilder sb = new StringBuilder("override:");
        for (String k : keys) sb.append('\n').append(pad).append(k).append(": append");
        int end = item.atEnd(val.offset + Math.max(1, val.value.length()));
        Diagnostic related = null;
        for (Diagnostic d : diags) if (d.getMessage() != null && d.getMessage().startsWith("'append' key is deprecated")) related = d;
        CodeAction a = action("Replace 'append: true' with 'override:'", CodeActionKind.QuickFix, key,
                List.of(new TextEdit(m.lines.range(keyAt, end), sb.toString())), related);
        out.add(Either.forRight(a));
    }

    // ------------------------------------------------------------------ evt.type restriction

    private void restrict(String key, FileModel m, int at, Diagnostic d, List<Either<Command, CodeAction>> out) {
        Item item = m.itemAt(at);
        if (item == null || item.kind != Item.Kind.RULE) return;
        Scalar cond = item.scalar(Scalar.Role.CONDITION);
        if (cond == null || cond.value.isBlank() || cond.offsets.length == 0) return;
        boolean net = false, file = false, proc = false;
        for (Tok t : m.tokens) {
            if (t.scalar() != cond || t.sym() != Sym.FIELD) continue;
            String n = t.text();
            if (n.startsWith("fd.sip") || n.startsWith("fd.rip") || n.startsWith("fd.sport") || n.startsWith("fd.rport")
                    || n.startsWith("fd.cip") || n.startsWith("fd.lip") || n.startsWith("fd.l4proto") || n.startsWith("fd.net")
                    || n.startsWith("fd.sockfamily") || n.startsWith("fd.port")) net = true;
            else if (n.startsWith("fd.") || n.startsWith("fs.path")) file = true;
            else if (n.startsWith("proc.") || n.startsWith("user.")) proc = true;
        }
        List<String[]> choices = new ArrayList<>();
        if (net) choices.add(new String[] {"network connections", "connect, accept, accept4"});
        if (file) choices.add(new String[] {"file opens", "open, openat, openat2"});
        if (proc || choices.isEmpty()) choices.add(new String[] {"process spawns", "execve, execveat"});
        int a = cond.fileStart(0);
        String v = cond.value;
        int last = v.length();
        while (last > 0 && Character.isWhitespace(v.charAt(last - 1))) last--;
        int b = cond.fileEnd(last);
        int first = 0;
        while (first < last && Character.isWhitespace(v.charAt(first))) first++;
        a = cond.fileStart(first);
        for (String[] c : choices) {
            List<TextEdit> edits = List.of(
                    new TextEdit(m.lines.range(a, a), "evt.type in (" + c[1] + ") and ("),
                    new TextEdit(m.lines.range(b, b), ")"));
            out.add(Either.forRight(action("Restrict '" + item.name + "' to " + c[0] + " (evt.type in (" + c[1] + "))",
                    CodeActionKind.QuickFix, key, edits, d)));
        }
    }
}
