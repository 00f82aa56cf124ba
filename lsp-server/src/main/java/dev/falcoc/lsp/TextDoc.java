package dev.falcoc.lsp;

import dev.falcoc.lsp.model.LineIndex;
import java.util.List;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/** An open document: its text and version, updated by applying every change of a batch in order. */
final class TextDoc {
    final String uri;
    private String text;
    private int version;
    private LineIndex lines;

    TextDoc(String uri, String text, int version) {
        this.uri = uri;
        this.text = text;
        this.version = version;
        this.lines = new LineIndex(text);
    }

    synchronized String text() { return text; }

    synchronized int version() { return version; }

    /** Each change's range refers to the text as left by the previous change of the batch. */
    synchronized void apply(List<TextDocumentContentChangeEvent> changes, int newVersion) {
        for (TextDocumentContentChangeEvent c : changes) {
            String t = c.getText() == null ? "" : c.getText();
            if (c.getRange() == null) {
                text = t;
            } else {
                int a = lines.offset(c.getRange().getStart()), b = lines.offset(c.getRange().getEnd());
                if (b < a) { int x = a; a = b; b = x; }
                text = text.substring(0, a) + t + text.substring(b);
            }
            lines = new LineIndex(text);
        }
        version = newVersion;
    }
}
