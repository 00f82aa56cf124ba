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
    /** ppm_sc codes: name, the events listing each, the codes each event lists, and which ones the generic event covers. */
    private final Map<Integer, String> scNames = new HashMap<>();
    private final Map<Integer, BitSet> eventsOfSc = new HashMap<>();
    private final Map<Integer, BitSet> scOfEvent = new HashMap<>();
    private final Map<String, Integer> genericScByName = new HashMap<>();
    private final BitSet allSc = new BitSet();
    /** Parameter names (the first parameter of each name in table order) and their lengths, longest first. */
    private final Map<String, Param> paramsByName = new HashMap<>();
    private final int[] paramLengths;

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
        TreeSet<Integer> lengths = new TreeSet<>(Collections.reverseOrder());
        for (Event e : events) {
            for (Param p : e.params()) {
                paramsByName.putIfAbsent(p.name(), p);
                lengths.add(p.name().length());
            }
        }
        this.paramLengths = new int[lengths.size()];
        int i = 0;
        for (int len : lengths) paramLengths[i++] = len;
    }

    private void loadSyscallCodes() {
        for (String[] r : FieldCatalog.tsv("ppm-sc.tsv")) {
            int sc = Integer.parseInt(r[0].trim());
            String name = r[1].trim();
            if (sc == 0 || name.isEmpty()) continue; // libsinsp's all_sc_set skips "unknown"
            allSc.set(sc);
            scNames.put(sc, name);
            BitSet evs = new BitSet();
            if (!r[2].equals("-")) for (String c : r[2].split(",")) evs.set(Integer.parseInt(c));
            eventsOfSc.put(sc, evs);
            for (int ev = evs.nextSetBit(0); ev >= 0; ev = evs.nextSetBit(ev + 1)) scOfEvent.computeIfAbsent(ev, k -> new BitSet()).set(sc);
            if (evs.intersects(generic)) genericScByName.put(name, sc);
        }
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
        EventTable t = new EventTable(events, generic, sc);
        t.loadSyscallCodes();
        return t;
    }

    /** Every ppm_sc code (libsinsp all_sc_set). */
    public BitSet allSc() { return (BitSet) allSc.clone(); }

    /**
     * The ppm_sc codes an evt.type value stands for (libsinsp event_names_to_sc_set): those of its
     * events, or for a syscall without an event of its own, its code.
     */
    public BitSet scCodesFor(String name) {
        BitSet out = new BitSet();
        BitSet evs = codesByName.get(name);
        if (evs != null) {
            for (int ev = evs.nextSetBit(0); ev >= 0; ev = evs.nextSetBit(ev + 1)) {
                BitSet s = scOfEvent.get(ev);
                if (s != null && !generic.get(ev)) out.or(s);
            }
        } else {
            Integer sc = genericScByName.get(name);
            if (sc != null) out.set(sc);
        }
        return out;
    }

    /**
     * A rule's event types as falco -L lists them: the names of its event codes (the generic event
     * not expanded) and of its ppm_sc codes (libsinsp sc_set_to_event_names: the names of the
     * syscalls' events, and the syscall's own name where only the generic event covers it).
     */
    public Set<String> listedNames(BitSet eventCodes, BitSet scCodes) {
        Set<String> out = new TreeSet<>();
        for (int i = eventCodes.nextSetBit(0); i >= 0; i = eventCodes.nextSetBit(i + 1)) {
            if (!generic.get(i) && i < events.size()) out.add(events.get(i).name());
        }
        BitSet evs = new BitSet();
        for (int sc = scCodes.nextSetBit(0); sc >= 0; sc = scCodes.nextSetBit(sc + 1)) {
            BitSet e = eventsOfSc.get(sc);
            if (e != null) evs.or(e);
        }
        evs.andNot(generic);
        BitSet covered = new BitSet();
        for (int i = evs.nextSetBit(0); i >= 0; i = evs.nextSetBit(i + 1)) {
            if (i < events.size()) out.add(events.get(i).name());
            BitSet s = scOfEvent.get(i);
            if (s != null) covered.or(s);
        }
        for (int sc = scCodes.nextSetBit(0); sc >= 0; sc = scCodes.nextSetBit(sc + 1)) {
            if (!covered.get(sc) && scNames.containsKey(sc)) out.add(scNames.get(sc));
        }
        return out;
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
        // of equal names the first in table order wins, as a scan of every event's parameters would pick
        for (int len : paramLengths) {
            if (len > text.length()) continue;
            Param p = paramsByName.get(text.substring(0, len));
            if (p != null) return p;
        }
        return null;
    }
}
