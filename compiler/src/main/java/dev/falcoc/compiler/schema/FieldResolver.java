package dev.falcoc.compiler.schema;


/**
 * Resolves a field reference ("proc.aname[2]", "evt.arg.flags", "k8s.pod.label.app") the way
 * Falco's filtercheck classes parse field names: the first class that recognises a prefix wins,
 * then that class parses the argument; for conditions the whole text must be consumed.
 */
public final class FieldResolver {
    /** A resolved field: its catalogue entry, argument, effective type and listness. */
    public record Resolved(FieldInfo info, String text, String arg, FieldType type, boolean list, int consumed) {}

    /** A class-specific syntax problem (the message is Falco's). */
    public static final class FieldSyntaxException extends Exception {
        public FieldSyntaxException(String message) { super(message, null, false, false); }
    }

    private final FieldCatalog catalog;
    private final EventTable events;

    public FieldResolver(FieldCatalog catalog, EventTable events) {
        this.catalog = catalog;
        this.events = events;
    }

    public static FieldResolver get() { return new FieldResolver(FieldCatalog.get(), EventTable.get()); }

    public FieldCatalog catalog() { return catalog; }

    /** For conditions: null when no field matches exactly ("nonexistent field"). */
    public Resolved resolveExact(String text) throws FieldSyntaxException {
        Resolved r = resolvePrefix(text);
        if (r == null || r.consumed() != text.length()) return null;
        return r;
    }

    /** Outcome of one lookup, memoised: rules name the same few fields over and over. */
    private record Lookup(Resolved resolved, String error) {}

    private static final int CACHE_LIMIT = 50_000;
    private static final java.util.concurrent.ConcurrentHashMap<String, Lookup> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

    /** The field a text starts with, as the first matching class parses it; null when none. */
    public Resolved resolvePrefix(String text) throws FieldSyntaxException {
        Lookup l = CACHE.get(text);
        if (l == null) {
            try {
                l = new Lookup(lookup(text), null);
            } catch (FieldSyntaxException e) {
                l = new Lookup(null, e.getMessage());
            }
            if (CACHE.size() < CACHE_LIMIT) CACHE.put(text, l);
        }
        if (l.error() != null) throw new FieldSyntaxException(l.error());
        return l.resolved();
    }

    private Resolved lookup(String text) throws FieldSyntaxException {
        // the first class with a field name starting the text parses it (a class never declines one)
        FieldInfo best = catalog.longestPrefixField(text);
        return best == null ? null : parseInClass(best, text);
    }

    private Resolved parseInClass(FieldInfo best, String text) throws FieldSyntaxException {
        String name = best.name();
        switch (name) {
            case "evt.arg", "evt.rawarg", "evt.around" -> { return eventArg(best, text); }
            case "evt.abspath" -> {
                // libsinsp parses evt.abspath itself: bare, .src or .dst, despite its ARG_REQUIRED flag
                for (String sub : new String[] {"src", "dst"}) {
                    if (text.startsWith(name + "." + sub)) {
                        return new Resolved(best, name + "." + sub, sub, best.type(), false, name.length() + 1 + sub.length());
                    }
                }
                return new Resolved(best, name, null, best.type(), false, name.length());
            }
            case "evt.type.is" -> {
                if (text.length() > name.length() && text.charAt(name.length()) == '.') {
                    String rest = text.substring(name.length() + 1);
                    return new Resolved(best, text, rest, best.type(), false, text.length());
                }
                throw new FieldSyntaxException("filter syntax error: " + text);
            }
            case "k8s.pod.label", "k8s.rc.label", "k8s.svc.label", "k8s.ns.label", "k8s.rs.label", "k8s.deployment.label", "thread.cgroup" -> {
                if (text.length() > name.length() && text.charAt(name.length()) == '.') {
                    String rest = text.substring(name.length() + 1);
                    int n = rest.length();
                    if (name.equals("thread.cgroup")) {
                        n = 0;
                        while (n < rest.length() && (Character.isLetter(rest.charAt(n)) || rest.charAt(n) == '_')) n++;
                    }
                    return new Resolved(best, text.substring(0, name.length() + 1 + n), rest.substring(0, n), best.type(), false, name.length() + 1 + n);
                }
                // libsinsp takes the subsystem of thread.cgroup only after a dot (thread.cgroup.cpu)
                if (name.equals("thread.cgroup")) throw new FieldSyntaxException("filter syntax error: " + text);
            }
            default -> { }
        }
        if (best.argAllowed() && text.length() > name.length() && text.charAt(name.length()) == '[') {
            int close = text.indexOf(']', name.length());
            if (close < 0) throw new FieldSyntaxException("filter syntax error: " + text);
            String arg = text.substring(name.length() + 1, close);
            if (best.has("ARG_INDEX") && !best.has("ARG_KEY") && !isInteger(arg)) {
                throw new FieldSyntaxException("filter syntax error: " + text);
            }
            return new Resolved(best, text.substring(0, close + 1), arg, best.type(), best.isList() && !name.equals("fd.types") ? true : best.isList(), close + 1);
        }
        if (best.argRequired()) throw new FieldSyntaxException("filter syntax error: " + text);
        return new Resolved(best, name, null, best.type(), best.isList(), name.length());
    }

    private Resolved eventArg(FieldInfo f, String text) throws FieldSyntaxException {
        String name = f.name();
        boolean raw = name.equals("evt.rawarg");
        if (text.length() > name.length() && text.charAt(name.length()) == '[') {
            if (raw) throw new FieldSyntaxException("evt.arg fields must be expressed explicitly");
            int close = text.indexOf(']');
            if (close < 0) close = text.length() - 1;
            String arg = text.substring(name.length() + 1, Math.max(name.length() + 1, close));
            if (!isInteger(arg.strip())) throw new FieldSyntaxException(arg + " is not a valid number");
            return new Resolved(f, text.substring(0, close + 1), arg, f.type(), false, close + 1);
        }
        if (text.length() > name.length() && text.charAt(name.length()) == '.') {
            if (name.equals("evt.around")) throw new FieldSyntaxException("wrong syntax for evt.around");
            String rest = text.substring(name.length() + 1);
            EventTable.Param p = events.longestParamPrefix(rest);
            if (p == null) throw new FieldSyntaxException("unknown event argument " + rest);
            FieldType t = raw ? p.type() : f.type();
            return new Resolved(f, name + "." + p.name(), p.name(), t, false, name.length() + 1 + p.name().length());
        }
        throw new FieldSyntaxException("filter syntax error: " + text);
    }

    private static boolean isInteger(String s) {
        return s.matches("[+-]?[0-9]+");
    }
}
