package dev.falcoc.compiler.check;

import dev.falcoc.grammar.ast.Pos;

/** A type-checking error with the position of the node being compiled, as Falco reports it. */
public final class CheckException extends Exception {
    private final Pos pos;

    public CheckException(String message, Pos pos) {
        super(message, null, false, false);
        this.pos = pos;
    }

    public Pos pos() { return pos; }

    /** A message raised below the checker; the checker adds the current position. */
    public static final class Message extends Exception {
        public Message(String message) { super(message, null, false, false); }
    }
}
