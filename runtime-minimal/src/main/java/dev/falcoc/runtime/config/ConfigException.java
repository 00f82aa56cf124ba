package dev.falcoc.runtime.config;

/** A configuration problem, worded for the user (no stack trace is ever shown). */
public final class ConfigException extends Exception {
    public ConfigException(String message) { super(message, null, false, false); }
}
