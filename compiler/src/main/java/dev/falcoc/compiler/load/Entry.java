package dev.falcoc.compiler.load;

import java.util.ArrayList;
import java.util.List;

/** An exception's fields, comps or value: a scalar or a (possibly nested) list of entries. */
public final class Entry {
    public boolean isList;
    public String item = "";
    public final List<Entry> items = new ArrayList<>();
    /** Offset of the YAML node in its file, for exact positions; -1 when unknown. */
    public int offset = -1;

    public Entry() {}

    public Entry(String item) { this.item = item; }

    /** Falco's validity test: a non-empty scalar or a non-empty list. */
    public boolean isValid() { return isList ? !items.isEmpty() : !item.isEmpty(); }

    public Entry copy() {
        Entry e = new Entry();
        e.isList = isList;
        e.item = item;
        e.offset = offset;
        for (Entry i : items) e.items.add(i.copy());
        return e;
    }
}
