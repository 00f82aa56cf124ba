package dev.falcoc.compiler.diag;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The chain of locations from the rules content down to the item, key or expression at fault. */
public final class Context {
    // A chain shares its parent's locations (one link per level) instead of copying them into a new
    // list at every level: a rules file makes a context per item, key and list entry.
    private final Context parent;
    private final Location location;
    private final int depth;
    private final String contentName;
    /** For condition expressions: the (expanded) condition text the position refers to. */
    private final String altContent;
    private List<Location> locations;

    private Context(Context parent, Location location, String altContent) {
        this.parent = parent;
        this.location = location;
        this.depth = parent == null ? 1 : parent.depth + 1;
        this.contentName = parent == null ? location.position().name() : parent.contentName;
        this.altContent = altContent;
    }

    public static Context root(String contentName) {
        return new Context(null, new Location("rules content", "", Position.start(contentName), contentName, 0), null);
    }

    public Context child(String itemType, String itemName, Position pos, int exactOffset) {
        return new Context(this, new Location(itemType, itemName, pos, contentName(), exactOffset), null);
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
        return new Context(this, new Location("condition expression", "", p, exactFile, exactOffset), condition);
    }

    /** The same chain, with the innermost location pointing at a more precise character. */
    public Context withExact(String file, int offset) {
        return new Context(parent, location.withExact(file, offset), altContent);
    }

    /** The chain from the rules content down (built on first use: only reports need it). */
    public List<Location> locations() {
        List<Location> l = locations;
        if (l == null) {
            Location[] a = new Location[depth];
            Context c = this;
            for (int i = depth - 1; i >= 0; i--, c = c.parent) a[i] = c.location;
            locations = l = Collections.unmodifiableList(Arrays.asList(a));
        }
        return l;
    }

    public Location last() { return location; }

    private Location first() {
        Context c = this;
        while (c.parent != null) c = c.parent;
        return c.location;
    }

    public String contentName() { return contentName; }

    public String altContent() { return altContent; }

    /** The innermost location that knows its real place in a file. */
    public Location exactLocation() {
        for (Context c = this; c != null; c = c.parent) {
            if (c.location.exactOffset() >= 0 && c.location.file() != null) return c.location;
        }
        return first();
    }
}
