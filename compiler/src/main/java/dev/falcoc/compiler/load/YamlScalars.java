package dev.falcoc.compiler.load;

import java.util.Set;

/** yaml-cpp's scalar conversions, which Falco relies on for booleans and integers. */
final class YamlScalars {
    private YamlScalars() {}

    private static final Set<String> TRUE = Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");
    private static final Set<String> FALSE = Set.of("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF");

    static Boolean toBool(String s) {
        if (TRUE.contains(s)) return true;
        if (FALSE.contains(s)) return false;
        return null;
    }

    /**
     * An unsigned 32-bit integer as a C++ stream reads it with base detection (0x.. hex, 0..
     * octal), surrounding blanks allowed, nothing else after it; null when that fails.
     */
    static Long toUint32(String s) {
        String t = s.strip();
        if (t.isEmpty() || t.startsWith("-")) return null;
        if (t.startsWith("+")) t = t.substring(1);
        int radix = 10;
        if (t.startsWith("0x") || t.startsWith("0X")) { radix = 16; t = t.substring(2); }
        else if (t.length() > 1 && t.startsWith("0")) { radix = 8; t = t.substring(1); }
        if (t.isEmpty()) return null;
        try {
            long v = Long.parseLong(t, radix);
            return v >= 0 && v <= 0xFFFFFFFFL ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
