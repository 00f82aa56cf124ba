package dev.falcoc.compiler.diag;

/**
 * One step of a diagnostic's context chain ("rules content" > "rule 'R'" > "rule condition" ...).
 * {@code position} is what Falco prints; {@code file}/{@code exactOffset} point at the real
 * character in the user's file (Falco's condition positions are only approximate), or -1.
 */
public record Location(String itemType, String itemName, Position position, String file, int exactOffset) {
    public Location withExact(String file, int offset) {
        return new Location(itemType, itemName, position, file, offset);
    }
}
