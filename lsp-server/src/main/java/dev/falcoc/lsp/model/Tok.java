package dev.falcoc.lsp.model;

/**
 * A token in the file: its file offsets [start, end), the decoded text, and its role. Tokens
 * of condition words that may name a list carry {@link Sym#VALUE}, {@link Sym#MACRO} or a list
 * item; whether they do is decided against the workspace's lists ({@link FileModel#symOf}).
 */
public record Tok(Sym sym, String text, int start, int end, String field, Item item, Scalar scalar, boolean listCandidate) {
    public boolean contains(int offset) { return offset >= start && offset <= end; }
}
