package dev.falcoc.compiler.lint;

import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.load.Infos.RuleInfo;
import dev.falcoc.grammar.ast.AstPrinter;
import dev.falcoc.grammar.ast.Expr;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * FALCOC_COSTLY_PATTERN: checks that cost far more than a string comparison (a regex match, a
 * glob, a walk over every ancestor process) in rules on the most frequent events, when they run
 * for every such event: no selective check (a comparison on a field other than the event type,
 * direction or open flags) is evaluated before them. proc.aname[2] reads one ancestor only.
 */
final class CostlyPatterns {
    private CostlyPatterns() {}

    /** Event types that dominate a busy host's event rate. */
    static final Set<String> HOT = Set.of("open", "openat", "openat2", "creat", "read", "write", "pread", "pwrite", "readv", "writev",
            "preadv", "pwritev", "recvfrom", "sendto", "recvmsg", "sendmsg", "close");
    private static final Set<String> ANCESTOR_FIELDS = Set.of("proc.aname", "proc.apid", "proc.aexe", "proc.aexepath", "proc.acmdline");

    static void run(LintContext cx) {
        for (RuleInfo r : cx.enabledRules()) {
            if (!r.source.equals("syscall")) continue;
            Compiled.CRule c = cx.compiled(r);
            BitSet ev = cx.syscallEvents(c);
            if (ev.isEmpty() || ev.cardinality() > 100) continue;  // LOAD_NO_EVTTYPE's territory
            Set<String> hot = new TreeSet<>(cx.events.names(ev));
            hot.retainAll(HOT);
            if (hot.isEmpty()) continue;
            Set<String> costly = new LinkedHashSet<>();
            List<Expr> where = new java.util.ArrayList<>();
            visit(c.ast, false, costly, where);
            if (costly.isEmpty()) continue;
            cx.report(LintCode.FALCOC_COSTLY_PATTERN, "rule '" + r.name + "' runs " + String.join(", ", costly)
                    + " on hot event types (" + String.join(", ", hot) + ")", cx.atCheck(r, where.getFirst()));
        }
    }

    /** Costly checks that run on every event of the rule's types: no cheaper, selective check is evaluated before them. */
    static Set<String> costly(Expr ast) {
        Set<String> out = new LinkedHashSet<>();
        visit(ast, false, out, new java.util.ArrayList<>());
        return out;
    }

    /** Collects the unguarded costly checks (descriptions in out, the checks themselves in where). */
    private static void visit(Expr e, boolean guarded, Set<String> out, List<Expr> where) {
        // instanceof tests, not a pattern switch: that would spin a class at every start (SwitchBootstraps)
        if (e instanceof Expr.And a) {
            // Falco evaluates "and" left to right and stops at the first false operand
            boolean g = guarded;
            for (Expr c : a.children()) {
                visit(c, g, out, where);
                g |= selective(c);
            }
        } else if (e instanceof Expr.Or o) {
            for (Expr c : o.children()) visit(c, guarded, out, where);
        } else if (e instanceof Expr.Not n) {
            visit(n.child(), guarded, out, where);
        } else if (e instanceof Expr.BinaryCheck b) {
            if (guarded) return;
            int before = out.size();
            if (List.of("regex", "glob", "iglob").contains(b.op())) out.add("'" + b.op() + "' on " + AstPrinter.print(b.left()));
            ancestors(b.left(), out);
            if (out.size() > before) where.add(b);
        } else if (e instanceof Expr.UnaryCheck u) {
            int before = out.size();
            if (!guarded) ancestors(u.left(), out);
            if (out.size() > before) where.add(u);
        }
    }

    private static void ancestors(Expr left, Set<String> out) {
        while (left instanceof Expr.Transformer t) left = t.child();
        if (left instanceof Expr.Field f && ANCESTOR_FIELDS.contains(f.name()) && (!f.hasArg() || f.arg().equals("*"))) {
            out.add(f.name() + (f.hasArg() ? "[*]" : "") + " (every ancestor)");
        }
    }

    /** Fields every event of a rule's types tends to pass: checks on them filter nothing. */
    private static final Set<String> UNSELECTIVE = Set.of("evt.type", "syscall.type", "evt.dir", "evt.is_open_read", "evt.is_open_write",
            "evt.is_open_exec", "evt.is_open_create", "evt.rawres", "evt.res", "evt.failed", "fd.typechar", "fd.type", "fd.num",
            "evt.arg.flags", "evt.rawarg.flags", "evt.num");

    /** Whether a check passes few events, so that what follows it in an "and" rarely runs. */
    static boolean selective(Expr e) {
        if (e instanceof Expr.And a) {
            for (Expr c : a.children()) if (selective(c)) return true;
            return false;
        }
        if (e instanceof Expr.Or o) {
            for (Expr c : o.children()) if (!selective(c)) return false;
            return true;
        }
        if (e instanceof Expr.BinaryCheck b) {
            Expr l = b.left();
            while (l instanceof Expr.Transformer t) l = t.child();
            return l instanceof Expr.Field f && !UNSELECTIVE.contains(f.name()) && !ANCESTOR_FIELDS.contains(f.name())
                    && !List.of("!=", "regex", "glob", "iglob").contains(b.op());
        }
        return false;
    }
}
