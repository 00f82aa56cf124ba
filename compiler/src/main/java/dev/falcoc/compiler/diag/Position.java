package dev.falcoc.compiler.diag;

/** A position as Falco reports it in its JSON (name of the content, 0-based line/column, offset). */
public record Position(String name, int line, int column, int offset) {
    public static Position start(String name) { return new Position(name, 0, 0, 0); }
}
