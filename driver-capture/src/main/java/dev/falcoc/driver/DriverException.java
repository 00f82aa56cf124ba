package dev.falcoc.driver;

/** The live driver cannot run here (not built, no privileges, kernel refused the probe). */
public final class DriverException extends Exception {
    public DriverException(String message) { super(message); }

    public DriverException(String message, Throwable cause) { super(message, cause); }
}
