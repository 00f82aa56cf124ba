package dev.falcoc.compiler.lint;

import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.load.Infos.ListInfo;
import dev.falcoc.compiler.load.Infos.MacroInfo;

/**
 * FALCOC_UNUSED_ITEM: macros and lists that no rule of the whole chain reaches. Items Falco
 * already reports as unused after the last file (LOAD_UNUSED_MACRO/LIST) are not reported again;
 * this finds the ones Falco counts as used because an unused macro or list refers to them.
 */
final class UnusedItems {
    private UnusedItems() {}

    static void run(LintContext cx, Usage usage) {
        for (MacroInfo m : cx.collector.macros()) {
            Compiled.CMacro c = cx.output.macros().get(m.name);
            if (c != null && c.used && !usage.macros.contains(m.name)) {
                cx.report(LintCode.FALCOC_UNUSED_ITEM, "macro '" + m.name + "' is not used by any rule of the chain, only by macros or lists no rule uses", m.ctx);
            }
        }
        for (ListInfo l : cx.collector.lists()) {
            Compiled.CList c = cx.output.lists().get(l.name);
            if (c != null && c.used && !usage.lists.contains(l.name)) {
                cx.report(LintCode.FALCOC_UNUSED_ITEM, "list '" + l.name + "' is not used by any rule of the chain, only by macros or lists no rule uses", l.ctx);
            }
        }
    }
}
