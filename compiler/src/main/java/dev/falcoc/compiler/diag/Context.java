package dev.falcoc.compiler.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The chain of locations from the rules content down to the item, key or expression at fault. */
public final class Context {
    private final List<Location> locations;
    /** For condition expressions: the (expanded) condition text the position refers to. */
    private final String altContent;

    private Context(List<Location> locations, String altContent) {
        this.locations = Collections.unmodifiableList(locations);
        this.altContent = altContent;
    }

    public static Context root(String contentName) {
        return new Context(List.of(new Location("rules content", "", Position.start(contentName), contentName, 0)), null);
    }

    public Context child(String itemType, String itemName, Position pos, int exactOffset) {
        List<Location> l = new ArrayList<>(locations);
        l.add(new Location(itemType, itemName, pos, contentName(), exactOffset));
        return new Context(l, null);
    }

    /**
     * A condition-expression location as Falco computes it: the parser position added to the
     * parent's position, named after the first characters of the condition.
     */
    public Context conditionExpression(String condition, int idx, int line, int col, String exactFile, int exactOffset) {
        String name = condition.length() > 20 ? "\"" + condition.substring(0, 17) + "...\"" : "\"" + condition + "\"";
        name = name.replace('\n', ' ').replace('\r', ' ');
        Position parent = last().position();
        Position p = new Position(name, parent.line() + line, parent.column() + col, parent.offset() + idx);
        List<Location> l = new ArrayList<>(locations);
        l.add(new Location("condition expression", "", p, exactFile, exactOffset));
        return new Context(l, condition);
    }

    /** The same chain, with the innermost location pointing at a more precise character. */
    public Context withExact(String file, int offset) {
        List<Location> l = new ArrayList<>(locations);
        l.set(l.size() - 1, l.getLast().withExact(file, offset));
        return new Context(l, altContent);
    }

    public List<Location> locations() { return locations; }

    public Location last() { return locations.getLast(); }

    public String contentName() { return locations.getFirst().position().name(); }

    public String altContent() { return altContent; }

    /** The innermost location that knows its real place in a file. */
    public Location exactLocation() {
        for (int i = locations.size() - 1; i >= 0; i--) {
            if (locations.get(i).exactOffset() >= 0 && locations.get(i).file() != null) return locations.get(i);
        }
        return locations.getFirst();
    }
}
