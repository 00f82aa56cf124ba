package dev.falcoc.compiler.load;

/** A semantic version as Falco compares them (major must match, then the rest must be >=). */
public record Version(long major, long minor, long patch) implements Comparable<Version> {
    /** The rules engine version falcoc implements: Falco 0.42's. */
    public static final Version ENGINE = new Version(0, 57, 0);

    /** Parses like sscanf("%u.%u.%u"): a valid prefix is enough ("0.26.0-rc1"). */
    public static Version parse(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*\\+?(\\d+)\\.\\s*\\+?(\\d+)\\.\\s*\\+?(\\d+)").matcher(s);
        if (!m.find()) return null;
        try {
            return new Version(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public boolean compatibleWith(Version required) {
        return major == required.major && compareTo(required) >= 0;
    }

    @Override
    public int compareTo(Version o) {
        int c = Long.compare(major, o.major);
        if (c == 0) c = Long.compare(minor, o.minor);
        if (c == 0) c = Long.compare(patch, o.patch);
        return c;
    }

    @Override
    public String toString() { return major + "." + minor + "." + patch; }
}
