package dev.falcoc.grammar.ast;

/** A position in condition text as Falco's parser counts it: 0-based index, 1-based line and column. */
public record Pos(int idx, int line, int col) {
    public static final Pos START = new Pos(0, 1, 1);

    @Override
    public String toString() {
        return "index " + idx + ", line " + line + ", column " + col;
    }
}
