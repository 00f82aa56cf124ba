package dev.falcoc.compiler.schema;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The libs event table (event codes, names, parameters) and the syscall names that have no event
 * of their own, which Falco reports through the generic "syscall" event.
 */
public final class EventTable {
    public record Param(String name, FieldType type, String format) {}

    public record Event(int id, boolean enter, String name, int category, Set<String> flags, List<Param> params) {}

    private static volatile EventTable instance;

    private final List<Event> events;
    private final Map<String, BitSet> codesByName = new HashMap<>();
    private final Set<String> genericSyscalls;
    private final Set<String> syscallNames;
    private final BitSet all = new BitSet();
    private final BitSet generic = new BitSet();
    private final int asyncEvent;

    private EventTable(List<Event> events, Set<String> genericSyscalls, Set<String> syscallNames) {
        this.events = List.copyOf(events);
        this.genericSyscalls = Collections.unmodifiableSet(genericSyscalls);
        this.syscallNames = Collections.unmodifiableSet(syscallNames);
        int async = -1;
        for (Event e : events) {
            codesByName.computeIfAbsent(e.name(), k -> new BitSet()).set(e.id());
            // The iterator ("task*") events are not part of the code set rules are indexed over.
            if (!e.name().startsWith("task") && !(e.id() >= 430 && e.id() <= 449)) all.set(e.id());
            if (e.name().equals("syscall")) generic.set(e.id());
            if (e.name().equals("asyncevent")) async = e.id();
        }
        this.asyncEvent = async;
    }

    public static EventTable get() {
        EventTable t = instance;
        if (t == null) {
            synchronized (EventTable.class) {
                if (instance == null) instance = load();
                t = instance;
            }
        }
        return t;
    }

    private static EventTable load() {
        List<Event> events = new ArrayList<>();
        for (String[] r : FieldCatalog.tsv("events.tsv")) {
            List<Param> params = new ArrayList<>();
            if (!r[5].equals("-") && !r[5].isEmpty()) {
                for (String p : r[5].split("\\|")) {
                    String[] f = p.split(":", -1);
                    params.add(new Param(f[0], FieldType.parse(f[1]), f.length > 2 ? f[2] : "NA"));
                }
            }
            Set<String> flags = r[4].equals("-") ? Set.of() : Set.of(r[4].split(","));
            events.add(new Event(Integer.parseInt(r[0]), r[1].equals(">"), r[2], Integer.parseInt(r[3]), flags, params));
        }
        Set<String> generic = new LinkedHashSet<>();
        for (String[] r : FieldCatalog.tsv("syscall-names.tsv")) generic.add(r[0].trim());
        Set<String> sc = new LinkedHashSet<>(generic);
        for (String[] r : FieldCatalog.tsv("syscalls-x86_64.tsv")) if (r.length > 1) sc.add(r[1].trim());
        return new EventTable(events, generic, sc);
    }

    public List<Event> events() { return events; }

    public Event event(int id) { return events.get(id); }

    public int size() { return events.size(); }

    /** Every event code a rule can be indexed under. */
    public BitSet all() { return (BitSet) all.clone(); }

    public int asyncEventCode() { return asyncEvent; }

    /** Valid right-hand values of evt.type: event names and syscall names. */
    public boolean isKnownEventType(String name) {
        return codesByName.containsKey(name) || syscallNames.contains(name);
    }

    public Set<String> eventNames() { return codesByName.keySet(); }

    public Set<String> syscallNames() { return syscallNames; }

    /** The codes an evt.type value stands for (generic syscalls map to the generic event). */
    public BitSet codesFor(String name) {
        BitSet b = codesByName.get(name);
        if (b != null) return (BitSet) b.clone();
        if (genericSyscalls.contains(name)) return (BitSet) generic.clone();
        return new BitSet();
    }

    /** Names as falco -L lists them: the generic event expands to the generic syscall names. */
    public Set<String> names(BitSet codes) {
        Set<String> out = new TreeSet<>();
        for (int i = codes.nextSetBit(0); i >= 0; i = codes.nextSetBit(i + 1)) {
            if (generic.get(i)) out.addAll(genericSyscalls);
            else if (i < events.size()) out.add(events.get(i).name());
        }
        // Falco also lists the syscalls its older events stand for: the accept events are
        // shared by accept and accept4 (the only such pair the event table hides).
        if (out.contains("accept")) out.add("accept4");
        return out;
    }

    /** The longest parameter name, across all events, that starts the given text (evt.arg.X). */
    public Param longestParamPrefix(String text) {
        Param best = null;
        for (Event e : events) {
            for (Param p : e.params()) {
                if (text.startsWith(p.name()) && (best == null || p.name().length() > best.name().length())) best = p;
            }
        }
        return best;
    }
}
