package dev.falcoc.lsp.features;

import dev.falcoc.compiler.schema.FieldCatalog;
import dev.falcoc.compiler.schema.FieldInfo;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.lsp.model.FileModel;
import dev.falcoc.lsp.model.Scalar;
import dev.falcoc.lsp.model.Sym;
import dev.falcoc.lsp.model.Tok;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensLegend;

/**
 * Semantic tokens for what a YAML highlighter cannot see: fields, macros, lists, operators and
 * values inside condition, output and list scalars. A token that spans lines (a string in a
 * folded scalar) is sent as one token per line, as the protocol requires.
 */
final class SemanticTokensBuilder {
    static final List<String> TYPES = List.of("property", "macro", "variable", "operator", "keyword", "string", "number",
            "function", "class", "enumMember");
    static final List<String> MODIFIERS = List.of("declaration", "deprecated", "defaultLibrary");
    static final SemanticTokensLegend LEGEND = new SemanticTokensLegend(TYPES, MODIFIERS);

    private SemanticTokensBuilder() {}

    static int type(Sym s, Tok t) {
        return switch (s) {
            case FIELD, OUTPUT_FIELD -> 0;
            case MACRO, MACRO_DEF -> 1;
            case LIST, LIST_DEF -> 2;
            case OPERATOR -> 3;
            case KEYWORD -> 4;
            case STRING -> 5;
            case NUMBER -> 6;
            case TRANSFORMER -> 7;
            case RULE_DEF -> 8;
            case EVENT_TYPE -> 9;
            case VALUE -> t.scalar() != null && t.scalar().role == Scalar.Role.PRIORITY ? 9 : 5;
            default -> -1;
        };
    }

    static SemanticTokens build(FileModel m, Set<String> lists, Set<String> baseNames) {
        List<Integer> data = new ArrayList<>();
        int prevLine = 0, prevChar = 0;
        FieldResolver resolver = FieldResolver.get();
        for (Tok t : m.tokens) {
            Sym s = FileModel.symOf(t, lists);
            int type = type(s, t);
            if (type < 0) continue;
            int mods = 0;
            if (s == Sym.MACRO_DEF || s == Sym.LIST_DEF || s == Sym.RULE_DEF) mods |= 1;
            if ((s == Sym.FIELD || s == Sym.OUTPUT_FIELD) && deprecated(resolver, t.text())) mods |= 2;
            if ((s == Sym.MACRO || s == Sym.LIST) && baseNames.contains(t.text())) mods |= 4;
            int a = t.start();
            while (a < t.end()) {
                int line = m.lines.line(a);
                int lineEnd = Math.min(t.end(), m.lines.lineEnd(m.text, line));
                if (lineEnd > a) {
                    int ch = a - m.lines.lineStart(line);
                    data.add(line - prevLine);
                    data.add(line == prevLine ? ch - prevChar : ch);
                    data.add(lineEnd - a);
                    data.add(type);
                    data.add(mods);
                    prevLine = line;
                    prevChar = ch;
                }
                if (line + 1 >= m.lines.lineCount()) break;
                a = Math.max(lineEnd, m.lines.lineStart(line + 1));
            }
        }
        return new SemanticTokens(data);
    }

    private static boolean deprecated(FieldResolver r, String text) {
        try {
            FieldResolver.Resolved x = r.resolvePrefix(text);
            return x != null && x.info().deprecated();
        } catch (FieldResolver.FieldSyntaxException e) {
            return false;
        }
    }

    static FieldInfo field(String name) { return FieldCatalog.get().byName(name); }
}
