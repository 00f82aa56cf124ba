package dev.falcoc.compiler.cache;

import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.engine.RulesEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A persistent cache of successful rules loads, like .pyc files: one file per key (the falcoc
 * build, the load options and every rules file's name and text, in load order) holding what a
 * replay needs of the load. Every failure (missing, unreadable, truncated or garbled file, another
 * format, an unwritable directory) means "not cached": the caller loads normally.
 */
public final class RulesCache {
    /** Bumped whenever the file layout or {@link Compiled.CRule} changes. */
    public static final int FORMAT = 1;
    /** Entries kept in the directory; older ones (by last use) are removed after a write. */
    public static final int KEEP = 16;
    static final String SUFFIX = ".rules";

    /** What a replay uses of a load: the compiled rules in Falco's order, the warning count, the container plugin. */
    public record Entry(Map<String, Compiled.CRule> rules, long warnings, boolean containerPluginLoaded) {}

    private final Path dir;

    public RulesCache(Path dir) { this.dir = dir; }

    public Path dir() { return dir; }

    /** $FALCOC_CACHE_DIR, else $XDG_CACHE_HOME/falcoc, else ~/.cache/falcoc; null when none can be named. */
    public static Path defaultDir(Map<String, String> env, String userHome) {
        try {
            String d = env.get("FALCOC_CACHE_DIR");
            if (d != null && !d.isEmpty()) return Path.of(d);
            String xdg = env.get("XDG_CACHE_HOME");
            if (xdg != null && !xdg.isEmpty()) return Path.of(xdg, "falcoc");
            if (userHome != null && !userHome.isEmpty() && !userHome.equals("?")) return Path.of(userHome, ".cache", "falcoc");
        } catch (RuntimeException e) {
            // an unusable path: no cache
        }
        return null;
    }

    /**
     * SHA-256 over the format, the build, the options and each file's name and text, each part
     * length-prefixed so that no two different inputs run together into the same bytes.
     */
    public static byte[] key(String build, RulesEngine.Options options, List<String> names, List<String> contents) {
        Sha256 md = new Sha256();
        part(md, ("falcoc rules cache " + FORMAT).getBytes(StandardCharsets.UTF_8));
        part(md, build.getBytes(StandardCharsets.UTF_8));
        part(md, new byte[] {(byte) (options.containerPlugin() ? 1 : 0), (byte) (options.containerPluginAuto() ? 1 : 0)});
        part(md, Integer.toString(names.size()).getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < names.size(); i++) {
            part(md, names.get(i).getBytes(StandardCharsets.UTF_8));
            part(md, contents.get(i).getBytes(StandardCharsets.UTF_8));
        }
        return md.digest();
    }

    private static void part(Sha256 md, byte[] b) {
        int n = b.length;
        md.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        md.update(b);
    }

    Path file(byte[] key) { return dir.resolve(HexFormat.of().formatHex(key) + SUFFIX); }

    /** The cached load for this key, or null (not there, or anything wrong with it). */
    public Entry read(byte[] key) {
        Path f = file(key);
        try {
            byte[] data = Files.readAllBytes(f);
            Entry e = RulesCodec.decode(key, data);
            try {
                // marks it recently used, so pruning keeps the entries in use
                Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis()));
            } catch (IOException | RuntimeException x) {
                // a read-only cache still serves
            }
            return e;
        } catch (IOException | RulesCodec.Garbled | RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    /**
     * Writes the entry atomically (a temporary file renamed into place, so a reader never sees a
     * partial file) and prunes the directory to the {@link #KEEP} most recently used entries.
     * False when it could not be written; nothing is left behind then.
     */
    public boolean write(byte[] key, Entry entry) {
        Path tmp = null;
        try {
            byte[] data = RulesCodec.encode(key, entry);
            Files.createDirectories(dir);
            Path target = file(key);
            tmp = dir.resolve(target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            Files.write(tmp, data);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            prune();
            return true;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return false;
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException | RuntimeException e) {
                    // nothing more to do
                }
            }
        }
    }

    /** Keeps the newest KEEP entries; also removes temporary files a killed writer left (older than an hour). */
    void prune() throws IOException {
        record Item(Path path, long time) {}
        List<Item> entries = new ArrayList<>();
        long stale = System.currentTimeMillis() - 3_600_000L;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                try {
                    long t = Files.getLastModifiedTime(p).toMillis();
                    if (n.endsWith(SUFFIX)) entries.add(new Item(p, t));
                    else if (n.endsWith(".tmp") && n.contains(SUFFIX + ".") && t < stale) Files.deleteIfExists(p);
                } catch (IOException e) {
                    // removed meanwhile by another falcoc
                }
            }
        }
        if (entries.size() <= KEEP) return;
        entries.sort((a, b) -> Long.compare(b.time(), a.time()));
        for (Item i : entries.subList(KEEP, entries.size())) {
            try {
                Files.deleteIfExists(i.path());
            } catch (IOException e) {
                // another falcoc may be pruning too
            }
        }
    }
}
