package dev.falcoc.lsp;

import dev.falcoc.lsp.model.LineIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/** Test helpers: apply edits, and read the text a range covers. */
final class Texts {
    private Texts() {}

    static String apply(String text, List<TextEdit> edits) {
        LineIndex li = new LineIndex(text);
        List<TextEdit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt((TextEdit e) -> li.offset(e.getRange().getStart())).reversed());
        StringBuilder sb = new StringBuilder(text);
        for (TextEdit e : sorted) sb.replace(li.offset(e.getRange().getStart()), li.offset(e.getRange().getEnd()), e.getNewText());
        return sb.toString();
    }

    static String at(String text, Range r) {
        LineIndex li = new LineIndex(text);
        return text.substring(li.offset(r.getStart()), li.offset(r.getEnd()));
    }

    static String clean(String withCursor) { return withCursor.replace(LspClient.CURSOR, ""); }
}
