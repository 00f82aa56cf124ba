package dev.falcoc.compiler.lint;

import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.load.Entry;
import dev.falcoc.compiler.load.Infos.ExceptionInfo;
import dev.falcoc.compiler.load.Infos.ListInfo;
import dev.falcoc.compiler.load.Infos.MacroInfo;
import dev.falcoc.compiler.load.Infos.RuleInfo;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Which macros and lists the rules of the whole chain use, directly or through other macros and
 * lists. Names are found as Falco's list substitution finds them (delimited words), so a value
 * spelled like a macro counts as a use: the lints built on this stay quiet rather than wrong.
 */
final class Usage {
    final Set<String> macros = new HashSet<>(), lists = new HashSet<>();

    static Usage of(LintContext cx) {
        Usage u = new Usage();
        Deque<String> todo = new ArrayDeque<>();
        for (RuleInfo r : cx.collector.rules()) {
            Compiled.CRule c = cx.output.rules().get(r.name);
            StringBuilder text = new StringBuilder(c != null ? c.compiledConditionText : r.cond.text());
            for (ExceptionInfo ex : r.exceptions) for (Entry v : ex.values) appendEntry(v, text);
            u.mark(Conditions.words(text.toString()), cx, todo);
        }
        while (!todo.isEmpty()) {
            String n = todo.pop();
            MacroInfo m = n.startsWith("m:") ? cx.collector.macros().get(n.substring(2)) : null;
            if (m != null) {
                u.mark(Conditions.words(m.cond.text()), cx, todo);
            } else if (n.startsWith("l:")) {
                ListInfo l = cx.collector.lists().get(n.substring(2));
                if (l != null) u.mark(new HashSet<>(l.items), cx, todo);
            }
        }
        return u;
    }

    private static void appendEntry(Entry e, StringBuilder sb) {
        sb.append(' ').append(e.item);
        for (Entry i : e.items) appendEntry(i, sb);
    }

    private void mark(Set<String> words, LintContext cx, Deque<String> todo) {
        for (String w : words) {
            if (cx.collector.macros().get(w) != null && macros.add(w)) todo.push("m:" + w);
            if (cx.collector.lists().get(w) != null && lists.add(w)) todo.push("l:" + w);
        }
    }
}
