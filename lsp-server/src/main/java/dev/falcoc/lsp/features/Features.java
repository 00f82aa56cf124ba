package dev.falcoc.lsp.features;

import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.lsp.model.FileModel;
import dev.falcoc.lsp.model.Item;
import dev.falcoc.lsp.model.Scalar;
import dev.falcoc.lsp.model.Sym;
import dev.falcoc.lsp.model.Tok;
import dev.falcoc.compiler.yaml.YNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.WorkspaceSymbol;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;

/** The editor features, each answering from the file models and the last analysis. */
public final class Features {
    /** What the features need from the workspace. */
    public interface Files {
        FileModel model(String key);
        List<String> allFiles();
        Set<String> listNames();
        boolean isBase(String key);
        /** The engine after loading the file (the whole chain, or the chain plus a loose file). */
        RulesEngine engineFor(String key);
    }

    public static final SemanticTokensLegend LEGEND = SemanticTokensBuilder.LEGEND;

    private static final Pattern MACRO_NAME = Pattern.compile("[a-zA-Z]+[a-zA-Z0-9_]*");
    private static final Pattern LIST_NAME = Pattern.compile("[^()\"' \\t\\n\\x0B\\f\\r=,]+");

    final Files files;
    final Function<String, String> clientUri;

    public Features(Files files, Function<String, String> clientUri) {
        this.files = files;
        this.clientUri = clientUri;
    }

    /** A navigable symbol: a macro, list or rule name. */
    record Target(Sym kind, String name, Tok tok) {}

    /** A place a symbol occurs. */
    record Occurrence(String file, Tok tok, boolean declaration) {}

    Target targetAt(FileModel m, int offset) {
        Tok t = m.tokenAt(offset);
        if (t == null) return null;
        Sym s = FileModel.symOf(t, files.listNames());
        return switch (s) {
            case MACRO, MACRO_DEF -> new Target(Sym.MACRO, t.text(), t);
            case LIST, LIST_DEF -> new Target(Sym.LIST, t.text(), t);
            case RULE_DEF -> new Target(Sym.RULE, t.text(), t);
            default -> null;
        };
    }

    List<Occurrence> occurrences(Sym kind, String name) {
        Set<String> lists = files.listNames();
        List<Occurrence> out = new ArrayList<>();
        for (String f : files.allFiles()) {
            FileModel m = files.model(f);
            if (m == null) continue;
            for (Tok t : m.tokens) {
                if (!t.text().equals(name)) continue;
                Sym s = FileModel.symOf(t, lists);
                boolean decl = s == Sym.MACRO_DEF || s == Sym.LIST_DEF || s == Sym.RULE_DEF;
                boolean match = switch (kind) {
                    case MACRO -> s == Sym.MACRO || s == Sym.MACRO_DEF;
                    case LIST -> s == Sym.LIST || s == Sym.LIST_DEF;
                    case RULE -> s == Sym.RULE_DEF;
                    default -> false;
                };
                if (match) out.add(new Occurrence(f, t, decl));
            }
        }
        return out;
    }

    Location location(String file, FileModel m, int start, int end) {
        return new Location(clientUri.apply(file), m.lines.range(start, end));
    }

    // ------------------------------------------------------------------ navigation

    public List<Location> definition(String key, Position pos) {
        FileModel m = files.model(key);
        if (m == null) return List.of();
        int offset = m.lines.offset(pos);
        Target t = targetAt(m, offset);
        if (t == null) return List.of();
        List<Location> defs = new ArrayList<>(), all = new ArrayList<>();
        for (Occurrence o : occurrences(t.kind(), t.name())) {
            if (!o.declaration()) continue;
            FileModel om = files.model(o.file());
            Location l = location(o.file(), om, o.tok().start(), o.tok().end());
            all.add(l);
            if (!o.tok().item().modifies) defs.add(l);
        }
        return defs.isEmpty() ? all : defs;
    }

    public List<Location> references(String key, Position pos, boolean includeDeclaration) {
        FileModel m = files.model(key);
        if (m == null) return List.of();
        Target t = targetAt(m, m.lines.offset(pos));
        if (t == null) return List.of();
        List<Location> out = new ArrayList<>();
        for (Occurrence o : occurrences(t.kind(), t.name())) {
            if (o.declaration() && !includeDeclaration) continue;
            out.add(location(o.file(), files.model(o.file()), o.tok().start(), o.tok().end()));
        }
        return out;
    }

    public PrepareRenameResult prepareRename(String key, Position pos) {
        FileModel m = files.model(key);
        if (m == null) return null;
        Target t = targetAt(m, m.lines.offset(pos));
        if (t == null) return null;
        return new PrepareRenameResult(m.lines.range(t.tok().start(), t.tok().end()), t.name());
    }

    public WorkspaceEdit rename(String key, Position pos, String newName) {
        FileModel m = files.model(key);
        if (m == null) return null;
        Target t = targetAt(m, m.lines.offset(pos));
        if (t == null) throw invalid("Only macros, lists and rules can be renamed.");
        if (newName == null || newName.isBlank()) throw invalid("The new name is empty.");
        if (t.kind() == Sym.MACRO && !MACRO_NAME.matcher(newName).matches()) throw invalid("'" + newName + "' is not a valid macro name.");
        if (t.kind() == Sym.LIST && !LIST_NAME.matcher(newName).matches()) throw invalid("'" + newName + "' is not a valid list name.");
        Map<String, List<TextEdit>> changes = new LinkedHashMap<>();
        for (Occurrence o : occurrences(t.kind(), t.name())) {
            FileModel om = files.model(o.file());
            Tok tok = o.tok();
            TextEdit edit = new TextEdit(om.lines.range(tok.start(), tok.end()), newName);
            if (tok.scalar() != null && tok.scalar().role == Scalar.Role.NAME && tok.scalar().node.style == YNode.Style.PLAIN && needsQuotes(newName)) {
                edit = new TextEdit(om.lines.range(tok.start(), tok.end()), '"' + newName.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
            }
            changes.computeIfAbsent(clientUri.apply(o.file()), k -> new ArrayList<>()).add(edit);
        }
        return new WorkspaceEdit(changes);
    }

    private static boolean needsQuotes(String s) {
        return s.contains(": ") || s.contains(" #") || s.endsWith(":") || "-?:,[]{}#&*!|>'\"%@`".indexOf(s.charAt(0)) >= 0
                || !s.equals(s.strip());
    }

    static ResponseErrorException invalid(String msg) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams, msg, null));
    }

    // ------------------------------------------------------------------ symbols and folding

    static SymbolKind kindOf(Item i) {
        return switch (i.kind) {
            case RULE -> SymbolKind.Event;
            case MACRO -> SymbolKind.Function;
            case LIST -> SymbolKind.Array;
            default -> SymbolKind.Namespace;
        };
    }

    private static String itemName(Item i) {
        return switch (i.kind) {
            case ENGINE_VERSION -> "required_engine_version";
            case PLUGIN_VERSIONS -> "required_plugin_versions";
            case OTHER -> "(unknown item)";
            default -> i.name.isEmpty() ? "(unnamed)" : i.name;
        };
    }

    public List<Either<SymbolInformation, DocumentSymbol>> documentSymbols(String key) {
        FileModel m = files.model(key);
        if (m == null) return List.of();
        List<Either<SymbolInformation, DocumentSymbol>> out = new ArrayList<>();
        for (Item i : m.items) {
            int end = trimmedEnd(m, i);
            Range full = m.lines.range(i.start(), end);
            Range sel = i.nameScalar != null ? m.lines.range(i.nameScalar.start(), i.nameScalar.end()) : m.lines.range(i.start(), i.start());
            DocumentSymbol ds = new DocumentSymbol(itemName(i), kindOf(i), full, sel,
                    i.kind.name().toLowerCase(java.util.Locale.ROOT) + (i.appendFlag ? " (append)" : i.modifies ? " (override)" : ""));
            List<DocumentSymbol> children = new ArrayList<>();
            YNode ex = i.node.get("exceptions");
            if (ex != null && ex.isSequence()) {
                for (YNode e : ex.items) {
                    YNode n = e.isMap() ? e.get("name") : null;
                    if (n == null || !n.isScalar()) continue;
                    Range r = m.lines.range(i.at(n.offset), i.atEnd(n.offset + n.value.length()));
                    children.add(new DocumentSymbol(n.value, SymbolKind.Field, m.lines.range(i.at(e.offset), trimmedEnd(m, i, e)), r, "exception"));
                }
            }
            if (!children.isEmpty()) ds.setChildren(children);
            out.add(Either.forRight(ds));
        }
        return out;
    }

    /** An item's YAML end includes the blank lines before the next item; stop at its last text. */
    static int trimmedEnd(FileModel m, Item i) {
        int e = Math.min(i.end(), m.text.length());
        while (e > i.start() && Character.isWhitespace(m.text.charAt(e - 1))) e--;
        return e;
    }

    public List<WorkspaceSymbol> workspaceSymbols(String query) {
        String q = query == null ? "" : query.toLowerCase(java.util.Locale.ROOT);
        List<WorkspaceSymbol> out = new ArrayList<>();
        for (String f : files.allFiles()) {
            FileModel m = files.model(f);
            if (m == null) continue;
            for (Item i : m.items) {
                if (i.nameScalar == null || !i.name.toLowerCase(java.util.Locale.ROOT).contains(q)) continue;
                WorkspaceSymbol ws = new WorkspaceSymbol(i.name, kindOf(i),
                        Either.forLeft(location(f, m, i.nameScalar.start(), i.nameScalar.end())));
                ws.setContainerName(f.substring(f.lastIndexOf('/') + 1));
                out.add(ws);
                if (out.size() >= 500) return out;
            }
        }
        return out;
    }

    public List<FoldingRange> folding(String key) {
        FileModel m = files.model(key);
        if (m == null) return List.of();
        List<FoldingRange> out = new ArrayList<>();
        for (Item i : m.items) {
            int a = m.lines.line(i.start()), b = m.lines.line(trimmedEnd(m, i));
            if (b > a) out.add(new FoldingRange(a, b));
            for (YNode.Entry e : i.node.entries) {
                int vs = m.lines.line(i.at(e.key().offset));
                int ve = m.lines.line(trimmedEnd(m, i, e.value()));
                if (ve > vs) out.add(new FoldingRange(vs, ve));
            }
        }
        return out;
    }

    /** Where a node's text ends in the file, without the blank lines YAML counts in. */
    private static int trimmedEnd(FileModel m, Item i, YNode n) {
        int start = i.at(n.offset);
        int e = Math.min(i.atEnd(Math.max(n.endOffset, n.offset)), m.text.length());
        while (e > start && Character.isWhitespace(m.text.charAt(e - 1))) e--;
        return Math.max(e, start);
    }

    // ------------------------------------------------------------------ delegated features

    public SemanticTokens semanticTokens(String key) {
        FileModel m = files.model(key);
        if (m == null) return new SemanticTokens(List.of());
        return SemanticTokensBuilder.build(m, files.listNames(), baseMacros());
    }

    Set<String> baseMacros() {
        Set<String> out = new java.util.HashSet<>();
        for (String f : files.allFiles()) {
            if (!files.isBase(f)) continue;
            FileModel m = files.model(f);
            if (m != null) for (Item i : m.items) if (i.kind != Item.Kind.RULE) out.add(i.name);
        }
        return out;
    }

    public Hover hover(String key, Position pos) { return new HoverBuilder(this).hover(key, pos); }

    public CompletionList completion(String key, Position pos) { return new Completion(this).complete(key, pos); }

    public org.eclipse.lsp4j.CompletionItem resolveCompletion(org.eclipse.lsp4j.CompletionItem item) { return Completion.resolve(item); }

    public List<Either<Command, CodeAction>> codeActions(String key, Range range, CodeActionContext ctx) {
        return new CodeActions(this).actions(key, range, ctx);
    }
}
