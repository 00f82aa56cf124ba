package dev.falcoc.cli;

import dev.falcoc.compiler.cache.RulesCache;
import dev.falcoc.compiler.engine.RulesEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@code falcoc run} finds its compiled-rules cache: on unless --no-rules-cache or
 * FALCOC_NO_RULES_CACHE is given, and only when running from a jar (the jar's path, size and
 * modification time name the build; classes directories, as in tests, have no stable identity).
 */
final class RulesCacheSupport {
    private RulesCacheSupport() {}

    /** A cache directory and build identity to use regardless of the environment (tests, AOT training); a null dir turns it off. */
    record Settings(Path dir, String build) {}

    static volatile Settings override;

    /** The rules files as read for the key, the key, and the cached load when there is one. */
    record Lookup(RulesCache cache, byte[] key, List<Inputs.RulesFile> read, RulesCache.Entry hit) {}

    /** The cache settings of this process, or null when the cache is off. */
    static Settings settings(boolean off) {
        if (off) return null;
        Settings o = override;
        if (o != null) return o.dir() == null ? null : o;
        String no = System.getenv("FALCOC_NO_RULES_CACHE");
        if (no != null && !no.isEmpty() && !no.equals("0")) return null;
        String build = jarBuild();
        if (build == null) return null;
        Path dir = RulesCache.defaultDir(System.getenv(), System.getProperty("user.home"));
        return dir == null ? null : new Settings(dir, build);
    }

    /** The jar this class was loaded from, as path, size and modification time; null when not from a jar. */
    static String jarBuild() {
        try {
            var source = RulesCacheSupport.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) return null;
            Path p = Path.of(source.getLocation().toURI());
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            if (!a.isRegularFile()) return null;
            // the JDK too: nothing cached is known to depend on it, but a JDK update is rare and cheap to miss on
            return p.toAbsolutePath() + "\n" + a.size() + "\n" + a.lastModifiedTime().toMillis() + "\n" + Cli.VERSION
                    + "\n" + System.getProperty("java.runtime.version");
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * Reads every rules file and looks the load up. Null when the cache is off or a file cannot be
     * read (the normal load then reports it exactly as without a cache).
     */
    static Lookup lookup(boolean off, RulesEngine.Options options, List<String> files) {
        Settings s = settings(off);
        if (s == null) return null;
        List<Inputs.RulesFile> read = new ArrayList<>(files.size());
        List<String> names = new ArrayList<>(files.size()), contents = new ArrayList<>(files.size());
        for (String f : files) {
            try {
                Inputs.RulesFile rf = Inputs.read(f);
                read.add(rf);
                names.add(rf.name());
                contents.add(rf.content());
            } catch (Inputs.InputException e) {
                return null;
            }
        }
        RulesCache cache = new RulesCache(s.dir());
        byte[] key = RulesCache.key(s.build(), options, names, contents);
        return new Lookup(cache, key, read, cache.read(key));
    }

    /**
     * Writes a fresh load on a thread of its own, off the replay's path; the caller joins it before
     * the process exits (a temporary file renamed into place: an exit mid-write leaves no partial entry).
     */
    static Thread writeLater(Lookup lookup, RulesCache.Entry entry) {
        // a large stack: condition trees are written recursively and may nest deeply
        Thread t = new Thread(null, () -> lookup.cache().write(lookup.key(), entry), "falcoc-rules-cache", 1L << 26);
        t.start();
        return t;
    }

    /** Waits for a write started by {@link #writeLater}. */
    static void finish(Thread writer) {
        if (writer != null) dev.falcoc.grammar.DeepStack.joinUninterruptibly(writer);
    }
}
