package dev.falcoc.compiler.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pmatch table: a trie over '/'-separated path components (empty components skipped), as
 * libs' path_prefix_search builds it. A path matches when some listed path is a component-wise
 * prefix of it (or equal); listed components holding '*', '?' or '[' match as globs.
 */
public final class PathPrefix {
    private final Node root = new Node();

    private static final class Node {
        boolean terminal;
        final Map<String, Node> direct = new HashMap<>();
        final List<Map.Entry<String, Node>> globs = new ArrayList<>();
    }

    public PathPrefix(List<String> paths) {
        for (String p : paths) add(p);
    }

    private void add(String path) {
        Node n = root;
        for (String c : split(path)) {
            if (n.terminal) return; // a shorter listed path already covers this one
            Node next;
            if (isGlob(c)) {
                next = null;
                for (Map.Entry<String, Node> e : n.globs) if (e.getKey().equals(c)) next = e.getValue();
                if (next == null) { next = new Node(); n.globs.add(Map.entry(c, next)); }
            } else {
                next = n.direct.computeIfAbsent(c, k -> new Node());
            }
            n = next;
        }
        n.terminal = true;
        n.direct.clear();
        n.globs.clear();
    }

    public boolean matches(String path) {
        return match(root, split(path), 0);
    }

    private static boolean match(Node n, List<String> comps, int i) {
        if (n.terminal) return true;
        if (i == comps.size()) return false;
        String c = comps.get(i);
        Node d = n.direct.get(c);
        if (d != null && match(d, comps, i + 1)) return true;
        for (Map.Entry<String, Node> e : n.globs) {
            if (Glob.match(e.getKey(), c, false) && match(e.getValue(), comps, i + 1)) return true;
        }
        return false;
    }

    static boolean isGlob(String c) {
        return c.indexOf('*') >= 0 || c.indexOf('?') >= 0 || c.indexOf('[') >= 0;
    }

    /** Components of a path, empty ones skipped ("/a//b/" gives a, b). */
    public static List<String> split(String path) {
        List<String> out = new ArrayList<>();
        int i = 0, n = path.length();
        while (i < n) {
            int j = path.indexOf('/', i);
            if (j < 0) j = n;
            if (j > i) out.add(path.substring(i, j));
            i = j + 1;
        }
        return out;
    }
}
