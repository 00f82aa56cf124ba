package dev.falcoc.lsp.features;

import dev.falcoc.compiler.schema.EventTable;
import dev.falcoc.compiler.schema.FieldInfo;
import dev.falcoc.compiler.schema.FieldType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Field descriptions (Falco's own, from its field listing) and which events give a field a value:
 * evt.arg.X comes from the events with a parameter X, fd.* from events with a file descriptor,
 * fs.path.* from events with a path, fdlist.* from poll; the rest are thread state or event
 * metadata, present on every event.
 */
final class FieldDocs {
    private static volatile FieldDocs instance;
    private final Map<String, String> desc = new HashMap<>();
    private final Map<Integer, String> classDesc = new HashMap<>();

    static FieldDocs get() {
        FieldDocs d = instance;
        if (d == null) {
            synchronized (FieldDocs.class) {
                if (instance == null) instance = load();
                d = instance;
            }
        }
        return d;
    }

    private static FieldDocs load() {
        FieldDocs d = new FieldDocs();
        try (InputStream in = FieldDocs.class.getResourceAsStream("/dev/falcoc/lsp/field-docs.tsv")) {
            if (in == null) return d;
            BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = br.readLine()) != null; ) {
                if (line.startsWith("#") || line.isEmpty()) continue;
                String[] f = line.split("\t", -1);
                if (f[0].equals("@class") && f.length > 2) d.classDesc.put(Integer.parseInt(f[1]), f[2]);
                else if (f.length > 1) d.desc.putIfAbsent(f[0], f[1]);
            }
        } catch (IOException | RuntimeException e) {
            // descriptions are a nicety
        }
        return d;
    }

    String description(FieldInfo f) {
        String s = desc.get(f.name());
        if (s != null && !s.isEmpty()) return s;
        return f.display() == null ? "" : f.display();
    }

    String classDescription(int classIndex) { return classDesc.getOrDefault(classIndex, ""); }

    /** A one-line answer to "on which events does this field have a value?". */
    static String valuedOn(FieldInfo f, String arg) {
        EventTable t = EventTable.get();
        String cls = f.className();
        if ((f.name().equals("evt.arg") || f.name().equals("evt.rawarg")) && arg != null && !arg.isEmpty() && !Character.isDigit(arg.charAt(0))) {
            return list(eventsWith(t, p -> p.name().equals(arg)));
        }
        if (f.name().startsWith("fd.") && cls.equals("fd")) {
            return "events with a file descriptor: " + list(eventsWith(t, p -> p.type() == FieldType.FD || p.type() == FieldType.FD32));
        }
        if (f.name().startsWith("fs.path")) {
            return "events with a filesystem path: " + list(eventsWith(t, p -> p.type() == FieldType.FSPATH || p.type() == FieldType.FSRELPATH));
        }
        if (f.name().startsWith("fdlist.")) return list(eventsWith(t, p -> p.type() == FieldType.FDLIST));
        if (f.classIndex() == 0) return "all events";
        if (f.name().startsWith("evt.") || f.name().startsWith("syscall.")) return "syscall events";
        if (f.name().startsWith("container.") || f.name().startsWith("k8s.")) return "every event of a process in a container (from the container plugin)";
        return "every syscall event (process and thread state)";
    }

    private static Set<String> eventsWith(EventTable t, java.util.function.Predicate<EventTable.Param> p) {
        Set<String> out = new TreeSet<>();
        for (EventTable.Event e : t.events()) {
            for (EventTable.Param x : e.params()) if (p.test(x)) { out.add(e.name()); break; }
        }
        return out;
    }

    private static String list(Set<String> names) {
        if (names.isEmpty()) return "no event";
        List<String> l = List.copyOf(names);
        int max = 24;
        String s = String.join(", ", l.subList(0, Math.min(max, l.size())));
        return l.size() > max ? s + ", … (" + l.size() + " in all)" : s;
    }
}
