package dev.falcoc.grammar;

import dev.falcoc.grammar.ast.Pos;

/** A syntax error with Falco's exact message and the parser position where it was detected. */
public final class ParseException extends Exception {
    private final Pos pos;

    public ParseException(String message, Pos pos) {
        super(message, null, false, false);
        this.pos = pos;
    }

    public Pos pos() { return pos; }

    /** A message raised below the parser (e.g. while unescaping); the parser adds the position. */
    public static final class Message extends Exception {
        public Message(String message) { super(message, null, false, false); }
    }
}
