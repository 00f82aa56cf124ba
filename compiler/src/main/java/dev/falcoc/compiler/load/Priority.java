package dev.falcoc.compiler.load;

import java.util.Locale;

/** Falco rule priorities, most severe first (the ordinal is Falco's enum value). */
public enum Priority {
    EMERGENCY("Emergency"), ALERT("Alert"), CRITICAL("Critical"), ERROR("Error"), WARNING("Warning"),
    NOTICE("Notice"), INFORMATIONAL("Informational"), DEBUG("Debug");

    private final String display;

    Priority(String display) { this.display = display; }

    public String display() { return display; }

    /** Case-insensitive, with "info" for Informational; null when not a priority. */
    public static Priority parse(String s) {
        String l = s.toLowerCase(Locale.ROOT);
        if (l.equals("info")) return INFORMATIONAL;
        for (Priority p : values()) if (p.display.toLowerCase(Locale.ROOT).equals(l)) return p;
        return null;
    }
}
