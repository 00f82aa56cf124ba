package dev.falcoc.compiler.report;

import dev.falcoc.compiler.diag.Severity;

/**
 * One problem as every output format shows it: a file the user edits, a 1-based line and column
 * in it, a stable code and a message. {@code item} names the rule, macro or list ("rule 'X'")
 * when known; {@code text}/{@code offset} let formatters show the source line.
 */
public record Finding(Severity severity, String code, String message, String path, String uri, int line, int column,
                      String item, String text, int offset, boolean lint) {
    /** The source line of the finding, without its line break ("" when unknown). */
    public String sourceLine() {
        if (text == null || offset < 0 || offset > text.length()) return "";
        int start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
        if (offset < text.length() && text.charAt(offset) == '\n' && offset > 0) start = text.lastIndexOf('\n', offset - 1) + 1;
        int end = text.indexOf('\n', offset);
        if (end < 0) end = text.length();
        return text.substring(start, Math.max(start, end)).replace("\r", "");
    }

    /** "file:line:col: severity: message (item) [CODE]", the problemMatcher-friendly form. */
    public String oneLine() {
        return path + ":" + line + ":" + column + ": " + severity.label() + ": " + message
                + (item.isEmpty() ? "" : " (" + item + ")") + " [" + code + "]";
    }
}
