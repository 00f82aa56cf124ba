package dev.falcoc.compiler.chain;

import dev.falcoc.compiler.helm.HelmValues;
import dev.falcoc.compiler.lint.LintCode;
import dev.falcoc.compiler.report.Finding;
import dev.falcoc.compiler.report.Findings;
import dev.falcoc.compiler.report.SourceFile;
import java.util.List;

/** Turns one file of a chain into its rules contents: itself, or the rules embedded in Helm values. */
public final class ChainInputs {
    private ChainInputs() {}

    /**
     * Adds the contents of a file to {@code inputs}; findings about the file itself (ignored
     * Helm keys) go to {@code extra} when the file is local.
     */
    public static void add(String path, String uri, String content, boolean local, List<ChainCheck.Input> inputs, List<Finding> extra) {
        if (!HelmValues.detect(content)) {
            inputs.add(new ChainCheck.Input(SourceFile.plain(path, uri, content), local));
            return;
        }
        for (HelmValues.EmbeddedRules e : HelmValues.extract(path, content)) {
            if (!e.loaded()) {
                if (local) {
                    int[] lc = Findings.lineCol(content, e.keyOffset());
                    extra.add(new Finding(LintCode.FALCOC_HELM_KEY_IGNORED.severity(), LintCode.FALCOC_HELM_KEY_IGNORED.name(),
                            e.container() + " key '" + e.key() + "' does not end in .yaml or .yml: Falco >= 0.41 does not load it from rules.d (rename it to '"
                                    + e.key() + ".yaml')", path, uri, lc[0], lc[1], "", content, e.keyOffset(), true));
                }
                continue;
            }
            String name = path + "#" + e.container() + "/" + e.key();
            inputs.add(new ChainCheck.Input(new SourceFile(name, path, uri, content, e.text(), e.offsets()), local));
        }
    }
}
