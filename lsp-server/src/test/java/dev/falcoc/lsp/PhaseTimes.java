package dev.falcoc.lsp;

import dev.falcoc.lsp.features.Diagnostics;
import dev.falcoc.lsp.model.FileModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where a re-check's time goes, phase by phase (a profiling aid, not a test). */
public final class PhaseTimes {
    static long cpu() { return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }

    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a.length > 0 ? a[0] : "../shared/rules");
        Workspace w = new Workspace();
        w.configure(new ChainConfig(List.of(dir.resolve("falco_rules.yaml").toString()),
                List.of(dir.resolve("falco-incubating_rules.yaml").toString(), dir.resolve("falco-sandbox_rules.yaml").toString()), null, 0));
        String sand = Uris.key(dir.resolve("falco-sandbox_rules.yaml"));
        String text = Files.readString(dir.resolve("falco-sandbox_rules.yaml"));
        w.open(sand, new TextDoc(sand, text, 1));
        w.analyse(() -> false);
        for (int i = 0; i < 40; i++) {
            String t = text.replaceFirst("proc.name", i % 2 == 0 ? "proc.nmae" : "proc.name");
            long t0 = cpu();
            FileModel m = FileModel.build(sand, t);
            long t1 = cpu();
            w.doc(sand).apply(List.of(new org.eclipse.lsp4j.TextDocumentContentChangeEvent(t)), i + 2);
            Workspace.Snapshot s = w.analyse(() -> false);
            long t2 = cpu();
            var sources = new java.util.ArrayList<Diagnostics.Source>();
            for (int k = 0; k < s.chainResults().size(); k++) sources.add(new Diagnostics.Source(s.chainResults().get(k), k == s.chainResults().size() - 1, null));
            var all = Diagnostics.build(sources, w::model, x -> x);
            long t3 = cpu();
            var h = Diagnostics.hints(m, w.listNames());
            long t4 = cpu();
            if (i >= 30) System.out.printf("model %.1f analyse %.1f diags %.1f (%d) hints %.1f (%d)%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6,
                    all.values().stream().mapToInt(List::size).sum(), (t4 - t3) / 1e6, h.size());
        }
    }
}
