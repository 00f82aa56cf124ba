package dev.falcoc.compiler.report;

import dev.falcoc.compiler.diag.Diagnostic;
import dev.falcoc.compiler.diag.Location;
import java.util.Map;

/** Turns diagnostics (positions in rules contents) into findings (positions in the user's files). */
public final class Findings {
    private Findings() {}

    /**
     * @param fallbackName the content the diagnostic was reported for, used when it has no exact
     *                     position of its own
     */
    public static Finding of(Diagnostic d, String fallbackName, Map<String, SourceFile> sources, boolean lint) {
        Location loc = d.context().exactLocation();
        SourceFile src;
        int contentOffset;
        if (loc.exactOffset() >= 0 && loc.file() != null && sources.containsKey(loc.file())) {
            src = sources.get(loc.file());
            contentOffset = loc.exactOffset();
        } else {
            // Falco's own position (0-based line/col in the content it was reported for)
            src = sources.get(fallbackName);
            contentOffset = src == null ? -1 : offsetOf(src.content(), loc.position().line(), loc.position().column());
        }
        String item = itemOf(d);
        if (src == null) {
            String name = loc.file() != null ? loc.file() : fallbackName;
            return new Finding(d.severity(), d.code(), d.message(), name, name, loc.position().line() + 1,
                    loc.position().column() + 1, item, null, -1, lint);
        }
        int off = src.toFileOffset(contentOffset);
        int[] lc = lineCol(src.text(), off);
        return new Finding(d.severity(), d.code(), d.message(), src.path(), src.uri(), lc[0], lc[1], item, src.text(), off, lint);
    }

    private static int offsetOf(String text, int line0, int col0) {
        if (text == null) return 0;
        int off = 0;
        for (int l = 0; l < line0 && off >= 0; l++) {
            int nl = text.indexOf('\n', off);
            if (nl < 0) return text.length();
            off = nl + 1;
        }
        return Math.min(text.length(), off + Math.max(0, col0));
    }

    /** 1-based line and column of an offset (clamped to the text). */
    public static int[] lineCol(String text, int offset) {
        int line = 1, col = 1;
        int end = Math.min(Math.max(offset, 0), text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') { line++; col = 1; } else col++;
        }
        return new int[] {line, col};
    }

    /** The innermost named rule, macro, list or exception of the context ("rule 'X'"). */
    public static String itemOf(Diagnostic d) {
        for (int i = d.context().locations().size() - 1; i >= 0; i--) {
            Location l = d.context().locations().get(i);
            if (!l.itemName().isEmpty() && !l.itemType().equals("value for") && !l.itemType().equals("overrides")) {
                return l.itemType() + " '" + l.itemName() + "'";
            }
        }
        return "";
    }
}
