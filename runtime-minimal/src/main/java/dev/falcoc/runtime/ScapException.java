package dev.falcoc.runtime;

/** A capture that cannot be read: the message names the file offset of the bad block. No stack trace. */
public final class ScapException extends Exception {
    public ScapException(String message) {
        super(message, null, false, false);
    }
}
