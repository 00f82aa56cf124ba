package dev.falcoc.compiler.yaml;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/** Composes every YAML document of a text into {@link YNode} trees, keeping start positions. */
public final class YamlReader {
    private YamlReader() {}

    /** A syntax error: yaml-cpp-style message and 0-based position of the problem. */
    public static final class SyntaxError extends Exception {
        public final int line, column, offset;

        SyntaxError(String message, int line, int column, int offset) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
            this.offset = offset;
        }
    }

    /** All documents; an empty document is a null entry, as yaml-cpp gives an undefined node. */
    public static List<YNode> readAll(String label, String text) throws SyntaxError {
        // the hand-written reader covers what rules files use; anything else (and every error) goes to SnakeYAML
        List<YNode> fast = FastYaml.read(text);
        return fast != null ? fast : readAllSnake(label, text);
    }

    /** The SnakeYAML path: the reference for {@link FastYaml}, and what gives every syntax error. */
    static List<YNode> readAllSnake(String label, String text) throws SyntaxError {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(label)
                .setAllowDuplicateKeys(true)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setCodePointLimit(MAX_CODE_POINTS)
                .setUseMarks(true)
                .build();
        Composer composer = new Composer(settings, new DepthLimited(new ParserImpl(settings, new StreamReader(settings, text)), text));
        List<YNode> docs = new ArrayList<>();
        int[] cpToChar = codePointToCharIndex(text);
        try {
            while (composer.hasNext()) {
                Node n = composer.next();
                docs.add(convert(n, null, cpToChar, new IdentityHashMap<>(), 0, new Expansion()));
            }
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> m = e.getProblemMark().or(e::getContextMark);
            int line = m.map(Mark::getLine).orElse(0), col = m.map(Mark::getColumn).orElse(0);
            int idx = m.map(x -> charIndex(cpToChar, x.getIndex())).orElse(0);
            throw new SyntaxError(YamlErrors.yamlCppMessage(e, line, col), line, col, idx);
        } catch (TooDeep e) {
            throw e.error;
        } catch (ReaderException e) {
            // a character YAML forbids (NUL, other controls): SnakeYAML gives only its code point index
            int idx = charIndex(cpToChar, e.getPosition());
            int line = 0, lineStart = 0;
            for (int i = 0; i < idx && i < text.length(); i++) if (text.charAt(i) == '\n') { line++; lineStart = i + 1; }
            int col = idx - lineStart;
            throw new SyntaxError("yaml-cpp: error at line " + (line + 1) + ", column " + (col + 1) + ": control character U+"
                    + String.format("%04X", e.getCodePoint()) + " is not allowed", line, col, idx);
        } catch (YamlEngineException e) {
            throw new SyntaxError("yaml-cpp: error at line 1, column 1: " + e.getMessage(), 0, 0, 0);
        } catch (StackOverflowError e) {
            throw new SyntaxError("YAML nesting is too deep", 0, 0, 0);
        }
        return docs;
    }

    /** Limits against hostile files (see README "Limits"): alias references per document ... */
    public static final int MAX_ALIASES = 1000;
    /** ... characters per file (64 Mi; SnakeYAML's default of 3 MB is too small for big rule sets) ... */
    public static final int MAX_CODE_POINTS = 64 << 20;
    /** ... and nesting depth of collections. */
    public static final int MAX_DEPTH = 1000;
    /** ... and nodes that aliases add to a document when expanded (a billion laughs stops here). */
    public static final long MAX_ALIAS_EXPANSION = 1_000_000;

    /** Stops at MAX_DEPTH open collections, before SnakeYAML's recursive composer could overflow the stack. */
    private static final class DepthLimited implements Parser {
        private final Parser p;
        private final String text;
        private int depth, aliases;

        DepthLimited(Parser p, String text) {
            this.p = p;
            this.text = text;
        }

        @Override public boolean checkEvent(Event.ID id) { return p.checkEvent(id); }
        @Override public Event peekEvent() { return p.peekEvent(); }
        @Override public boolean hasNext() { return p.hasNext(); }

        @Override
        public Event next() {
            Event e = p.next();
            switch (e.getEventId()) {
                case SequenceStart, MappingStart -> {
                    if (++depth > MAX_DEPTH) throw tooMany(e, "YAML nesting is deeper than " + MAX_DEPTH + " levels");
                }
                case SequenceEnd, MappingEnd -> depth--;
                // counted here (every alias, per file) so the error can point at the alias
                case Alias -> {
                    if (++aliases > MAX_ALIASES) throw tooMany(e, "more than " + MAX_ALIASES + " aliases");
                }
                default -> { }
            }
            return e;
        }

        private TooDeep tooMany(Event e, String what) {
            int line = e.getStartMark().map(Mark::getLine).orElse(0), col = e.getStartMark().map(Mark::getColumn).orElse(0);
            int idx = e.getStartMark().map(Mark::getIndex).orElse(0);
            return new TooDeep(new SyntaxError("yaml-cpp: error at line " + (line + 1) + ", column " + (col + 1) + ": " + what,
                    line, col, charIndex(codePointToCharIndex(text), idx)));
        }
    }

    private static final class TooDeep extends RuntimeException {
        final SyntaxError error;

        TooDeep(SyntaxError error) {
            super(null, null, false, false);
            this.error = error;
        }
    }

    /** Nodes the aliases of one document add when a consumer walks the tree (they are shared, not copied). */
    private static final class Expansion {
        final Map<Node, Long> size = new IdentityHashMap<>();
        long extra, total;
    }

    private static YNode convert(Node n, Node parent, int[] cp, Map<Node, YNode> seen, int depth, Expansion ex) {
        YNode done = seen.get(n);
        if (done != null) {  // aliases share the converted node; bound what walking them would cost
            long sz = ex.size.getOrDefault(n, 1L);  // a recursive alias (still open) counts as one
            ex.extra += sz;
            ex.total += sz;
            if (ex.extra > MAX_ALIAS_EXPANSION) {
                Node at = parent != null ? parent : n;
                int line = at.getStartMark().map(Mark::getLine).orElse(0), col = at.getStartMark().map(Mark::getColumn).orElse(0);
                throw new TooDeep(new SyntaxError("yaml-cpp: error at line " + (line + 1) + ", column " + (col + 1)
                        + ": aliases expand to more than " + MAX_ALIAS_EXPANSION + " nodes", line, col,
                        at.getStartMark().map(m -> charIndex(cp, m.getIndex())).orElse(0)));
            }
            return done;
        }
        long before = ex.total++;
        int line = n.getStartMark().map(Mark::getLine).orElse(0);
        int col = n.getStartMark().map(Mark::getColumn).orElse(0);
        int off = n.getStartMark().map(m -> charIndex(cp, m.getIndex())).orElse(0);
        if (depth > MAX_DEPTH) throw new TooDeep(new SyntaxError("yaml-cpp: error at line " + (line + 1) + ", column " + (col + 1)
                + ": YAML nesting is deeper than " + MAX_DEPTH + " levels", line, col, off));
        int end = n.getEndMark().map(m -> charIndex(cp, m.getIndex())).orElse(off);
        YNode y;
        switch (n) {
            case ScalarNode s -> y = new YNode(YNode.Kind.SCALAR, s.getValue(), style(s.getScalarStyle()), List.of(), List.of(), line, col, off, end);
            case SequenceNode s -> {
                List<YNode> items = new ArrayList<>();
                y = new YNode(YNode.Kind.SEQUENCE, "", YNode.Style.PLAIN, items, List.of(), line, col, off, end);
                seen.put(n, y);
                for (Node c : s.getValue()) items.add(convert(c, n, cp, seen, depth + 1, ex));
            }
            case MappingNode m -> {
                List<YNode.Entry> entries = new ArrayList<>();
                y = new YNode(YNode.Kind.MAP, "", YNode.Style.PLAIN, List.of(), entries, line, col, off, end);
                seen.put(n, y);
                for (NodeTuple t : m.getValue()) {
                    entries.add(new YNode.Entry(convert(t.getKeyNode(), n, cp, seen, depth + 1, ex), convert(t.getValueNode(), n, cp, seen, depth + 1, ex)));
                }
            }
            default -> y = new YNode(YNode.Kind.SCALAR, "", YNode.Style.PLAIN, List.of(), List.of(), line, col, off, end);
        }
        seen.put(n, y);
        ex.size.put(n, ex.total - before);
        return y;
    }

    private static YNode.Style style(ScalarStyle s) {
        return switch (s) {
            case SINGLE_QUOTED -> YNode.Style.SINGLE_QUOTED;
            case DOUBLE_QUOTED -> YNode.Style.DOUBLE_QUOTED;
            case LITERAL -> YNode.Style.LITERAL;
            case FOLDED -> YNode.Style.FOLDED;
            default -> YNode.Style.PLAIN;
        };
    }

    /** SnakeYAML counts code points; our offsets are Java char indexes. */
    private static int[] codePointToCharIndex(String text) {
        if (text.codePoints().count() == text.length()) return null;
        int n = text.codePointCount(0, text.length());
        int[] map = new int[n + 1];
        int ci = 0;
        for (int i = 0; i < n; i++) {
            map[i] = ci;
            ci += Character.charCount(text.codePointAt(ci));
        }
        map[n] = ci;
        return map;
    }

    private static int charIndex(int[] map, int cp) {
        if (map == null) return cp;
        return cp < map.length ? map[cp] : map[map.length - 1];
    }
}
