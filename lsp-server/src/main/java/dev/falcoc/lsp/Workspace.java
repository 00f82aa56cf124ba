package dev.falcoc.lsp;

import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.helm.HelmValues;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.lsp.model.FileModel;
import dev.falcoc.lsp.model.Item;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The files the server knows (open documents over files on disk), the load chain, and the
 * analysis state. Engines are snapshotted before each chain file, so an edit re-loads only the
 * edited file and the ones after it; open files outside the chain are each checked on top of the
 * whole chain.
 */
final class Workspace implements dev.falcoc.lsp.features.Features.Files {
    private final Map<String, TextDoc> open = new ConcurrentHashMap<>();
    private final Map<String, String> disk = new ConcurrentHashMap<>();
    private final Map<String, FileModel> models = new ConcurrentHashMap<>();
    private volatile ChainConfig config = ChainConfig.EMPTY;
    private volatile List<String> chain = List.of();
    private volatile int baseCount;

    // analysis state: only touched by the analysis thread
    private final List<RulesEngine> snapshots = new ArrayList<>();
    private final List<String> loadedTexts = new ArrayList<>();
    private final List<String> loadedKeys = new ArrayList<>();
    private final List<LoadResult> chainResults = new ArrayList<>();
    private final Map<String, Loose> loose = new LinkedHashMap<>();
    private List<String> analysedChain = List.of();

    /** An open file outside the chain, checked on top of the whole chain (all its embedded rules for Helm values). */
    record Loose(String text, RulesEngine engine, List<LoadResult> results, Set<String> keys, RulesEngine base) {}

    /** What an analysis produced, published atomically for the features to read. */
    record Snapshot(List<String> chain, Map<String, String> texts, List<LoadResult> chainResults,
                    Map<String, Loose> loose, RulesEngine finalEngine) {
        RulesEngine engineFor(String key) {
            Loose l = loose.get(hostOf(key));
            return l != null ? l.engine() : finalEngine;
        }
    }

    private volatile Snapshot last;

    Snapshot last() { return last; }

    void configure(ChainConfig c) {
        config = c;
        List<String> keys = new ArrayList<>();
        for (Path p : c.files()) keys.add(Uris.key(p));
        chain = List.copyOf(keys);
        baseCount = c.baseCount();
    }

    ChainConfig config() { return config; }

    List<String> chain() { return chain; }

    @Override
    public boolean isBase(String key) {
        int i = chain.indexOf(key);
        return i >= 0 && i < baseCount;
    }

    // ------------------------------------------------------------------ documents

    void open(String key, TextDoc doc) { open.put(key, doc); }

    TextDoc doc(String key) { return open.get(key); }

    void close(String key) { open.remove(key); }

    Collection<TextDoc> openDocs() { return open.values(); }

    Set<String> openKeys() { return open.keySet(); }

    void forgetDisk(String key) { disk.remove(key); }

    /** Current text: the editor's if open, else the file on disk (null when unreadable). */
    String text(String key) {
        TextDoc d = open.get(key);
        if (d != null) return d.text();
        return disk.computeIfAbsent(key, k -> {
            Path p = Uris.path(k);
            if (p == null) return null;
            try {
                return new String(Files.readAllBytes(p), StandardCharsets.UTF_8).replace("\uFEFF", "");
            } catch (IOException | RuntimeException e) {
                return null;
            }
        });
    }

    /** The model of a file's current text, cached per text. */
    /** Separator between a Helm values file and the name of a rules file embedded in it. */
    static final String EMBEDDED = "#";

    private final Map<String, Object[]> helmCache = new ConcurrentHashMap<>();

    /** The rules files embedded in a Helm values text, or null when it is not one. */
    List<HelmValues.EmbeddedRules> embedded(String key, String text) {
        if (text == null || !FileModel.mayBeHelm(text)) return null;
        Object[] c = helmCache.get(key);
        if (c != null && c[0] == text) {
            @SuppressWarnings("unchecked") List<HelmValues.EmbeddedRules> l = (List<HelmValues.EmbeddedRules>) c[1];
            return l;
        }
        List<HelmValues.EmbeddedRules> l = null;
        try {
            if (HelmValues.detect(text)) l = HelmValues.extract(key, text);
        } catch (RuntimeException e) {
            l = null;
        }
        helmCache.put(key, new Object[] {text, l});
        return l;
    }

    static String embeddedKey(String host, HelmValues.EmbeddedRules e) { return host + EMBEDDED + e.container() + "/" + e.key(); }

    static String hostOf(String key) {
        int i = key.indexOf(EMBEDDED);
        return i < 0 ? key : key.substring(0, i);
    }

    /** The contents the engine loads for a file: itself, or the loaded rules embedded in it. */
    List<String[]> units(String key, String text) {
        List<HelmValues.EmbeddedRules> emb = embedded(key, text);
        if (emb == null) return List.<String[]>of(new String[] {key, text});
        List<String[]> out = new ArrayList<>();
        for (HelmValues.EmbeddedRules e : emb) if (e.loaded()) out.add(new String[] {embeddedKey(key, e), e.text()});
        return out;
    }

    @Override
    public FileModel model(String key) {
        if (key.contains(EMBEDDED)) return embeddedModel(key);
        String t = text(key);
        if (t == null) return null;
        FileModel m = models.get(key);
        if (m != null && m.text.equals(t)) return m;
        m = FileModel.build(key, t);
        models.put(key, m);
        return m;
    }

    private FileModel embeddedModel(String key) {
        String host = hostOf(key);
        String t = text(host);
        List<HelmValues.EmbeddedRules> emb = embedded(host, t);
        if (emb == null) return null;
        FileModel m = models.get(key);
        if (m != null && m.text.equals(t)) return m;
        for (HelmValues.EmbeddedRules e : emb) {
            if (embeddedKey(host, e).equals(key)) {
                m = FileModel.embedded(host, t, e);
                models.put(key, m);
                return m;
            }
        }
        return null;
    }

    /** Every file the features look across: the chain and the open files. */
    @Override
    public List<String> allFiles() {
        LinkedHashSet<String> s = new LinkedHashSet<>(chain);
        s.addAll(open.keySet());
        return new ArrayList<>(s);
    }

    private volatile List<FileModel> listStamp = List.of();
    private volatile Set<String> listCache = Set.of();

    /** Names of the lists defined anywhere in the workspace (recomputed when a model changes). */
    @Override
    public Set<String> listNames() {
        List<FileModel> ms = new ArrayList<>();
        for (String f : allFiles()) ms.add(model(f));
        List<FileModel> stamp = listStamp;
        if (stamp.size() == ms.size()) {
            boolean same = true;
            for (int i = 0; i < ms.size() && same; i++) same = stamp.get(i) == ms.get(i);
            if (same) return listCache;
        }
        Set<String> out = new HashSet<>();
        for (FileModel m : ms) {
            if (m == null) continue;
            for (Item i : m.items) if (i.kind == Item.Kind.LIST) out.add(i.name);
        }
        listCache = Set.copyOf(out);
        listStamp = ms;
        return listCache;
    }

    @Override
    public RulesEngine engineFor(String key) {
        Snapshot s = last;
        return s == null ? null : s.engineFor(key);
    }

    // ------------------------------------------------------------------ analysis

    /**
     * Loads what changed since the last analysis. Returns null when {@code cancelled} said stop
     * (a newer edit arrived); the snapshots kept so far stay valid for the next run.
     */
    Snapshot analyse(BooleanSupplier cancelled) {
        List<String> ch = chain;
        Map<String, String> texts = new LinkedHashMap<>();
        for (String k : ch) texts.put(k, text(k));
        for (String k : open.keySet()) texts.put(k, text(k));
        // the chain as the engine loads it: Helm values files stand for their embedded rules
        List<String[]> units = new ArrayList<>();
        for (String k : ch) units.addAll(units(k, texts.get(k)));
        if (!ch.equals(analysedChain)) {
            snapshots.clear();
            loadedTexts.clear();
            loadedKeys.clear();
            chainResults.clear();
            loose.clear();
            analysedChain = ch;
        }
        if (snapshots.isEmpty()) snapshots.add(new RulesEngine(RulesEngine.Options.defaults()));
        int start = 0;
        while (start < loadedTexts.size() && start < units.size() && loadedKeys.get(start).equals(units.get(start)[0])
                && java.util.Objects.equals(loadedTexts.get(start), units.get(start)[1])) start++;
        // drop everything from the first changed content on
        while (loadedTexts.size() > start) {
            loadedTexts.removeLast();
            loadedKeys.removeLast();
            chainResults.removeLast();
            snapshots.removeLast();
        }
        RulesEngine e = snapshots.getLast();
        for (int j = start; j < units.size(); j++) {
            if (cancelled.getAsBoolean()) return null;
            String t = units.get(j)[1];
            RulesEngine next = e.copy();
            LoadResult r = next.load(units.get(j)[0], t == null ? "" : t);
            snapshots.add(next);
            loadedTexts.add(t);
            loadedKeys.add(units.get(j)[0]);
            chainResults.add(r);
            e = next;
        }
        RulesEngine finalEngine = snapshots.getLast();
        Map<String, Loose> newLoose = new LinkedHashMap<>();
        for (String k : open.keySet()) {
            if (ch.contains(k)) continue;
            if (cancelled.getAsBoolean()) return null;
            String t = texts.get(k);
            if (t == null) continue;
            Loose prev = loose.get(k);
            if (prev != null && prev.text().equals(t) && prev.base() == finalEngine) {
                newLoose.put(k, prev);
                continue;
            }
            RulesEngine le = finalEngine.copy();
            List<LoadResult> rs = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            for (String[] u : units(k, t)) {
                rs.add(le.load(u[0], u[1]));
                keys.add(u[0]);
            }
            newLoose.put(k, new Loose(t, le, rs, keys, finalEngine));
        }
        loose.clear();
        loose.putAll(newLoose);
        Snapshot s = new Snapshot(ch, texts, List.copyOf(chainResults), Map.copyOf(newLoose), finalEngine);
        last = s;
        return s;
    }
}
