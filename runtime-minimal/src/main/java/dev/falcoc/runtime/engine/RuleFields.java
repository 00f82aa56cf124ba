package dev.falcoc.runtime.engine;

import dev.falcoc.compiler.check.OutputChecker;
import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.grammar.ast.Expr;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/** The field names rules read: in their conditions (macros, lists and exceptions expanded) and outputs. */
public final class RuleFields {
    private RuleFields() {}

    public static Set<String> of(Collection<Compiled.CRule> rules) {
        Set<String> out = new TreeSet<>();
        for (Compiled.CRule r : rules) {
            if (r.ast != null) visit(r.ast, out);
            if (r.outputTokens != null) {
                for (OutputChecker.Token t : r.outputTokens) if (t.field() != null) out.add(t.field());
            } else if (r.outputCompiled != null) {
                fieldsOfFormat(r.outputCompiled, out);
            }
        }
        return out;
    }

    /**
     * True when some field reads the counters only context switches and brk/mmap/munmap update
     * (memory sizes and page faults): without such a field, those events change nothing else anyone reads.
     */
    public static boolean readsMemoryCounters(Set<String> fields) {
        for (String f : fields) {
            if (f.startsWith("proc.vm") || f.startsWith("thread.vm") || f.startsWith("thread.pf")) return true;
        }
        return false;
    }

    /** An over-approximation for an output not tokenised by the loader: every %name and %(name) in it. */
    private static void fieldsOfFormat(String fmt, Set<String> out) {
        for (int i = fmt.indexOf('%'); i >= 0; i = fmt.indexOf('%', i + 1)) {
            int s = i + 1 < fmt.length() && fmt.charAt(i + 1) == '(' ? i + 2 : i + 1, e = s;
            while (e < fmt.length() && (Character.isLetterOrDigit(fmt.charAt(e)) || fmt.charAt(e) == '.' || fmt.charAt(e) == '_')) e++;
            if (e > s) out.add(fmt.substring(s, e));
        }
    }

    private static void visit(Expr e, Set<String> out) {
        Expr.forEach(e, n -> { if (n instanceof Expr.Field f) out.add(f.name()); });
    }
}
