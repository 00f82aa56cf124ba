package dev.falcoc.compiler.lint;

import dev.falcoc.compiler.check.OutputChecker;
import dev.falcoc.compiler.diag.Context;
import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.load.Entry;
import dev.falcoc.compiler.load.Infos.ExceptionInfo;
import dev.falcoc.compiler.load.Infos.RuleInfo;
import dev.falcoc.compiler.schema.EventTable;
import dev.falcoc.compiler.schema.FieldResolver;
import java.util.BitSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * FALCOC_FIELD_NEVER_SET: output and exception fields that no event type of the rule gives a
 * value. Derived from the event table: libs extracts no fd.* field (fd.name included) unless the
 * event is flagged as creating, using or closing a file descriptor (sinsp_filter_check_fd's
 * extract_fd), so execveat's dirfd parameter does not count; falcoc also accepts the read/write
 * flags, to stay on the safe side. evt.arg.NAME/evt.rawarg.NAME need
 * an event with a parameter NAME. Rules on the generic syscall event or on very many event types
 * are skipped.
 */
final class FieldNeverSet {
    private FieldNeverSet() {}

    private static final Set<String> FD_FLAGS = Set.of("USES_FD", "CREATES_FD", "DESTROYS_FD", "READS_FROM_FD", "WRITES_TO_FD");

    static void run(LintContext cx) {
        for (RuleInfo r : cx.enabledRules()) {
            if (!r.source.equals("syscall")) continue;
            Compiled.CRule c = cx.compiled(r);
            BitSet ev = cx.syscallEvents(c);
            if (ev.isEmpty() || ev.cardinality() > 100 || hasGeneric(ev, cx.events)) continue;
            String names = String.join(", ", cx.events.names(ev));
            for (OutputChecker.Token t : c.outputTokens) {
                if (t.offset() >= r.output.length()) continue; // the extra formats Falco appends
                String why = whyUnset(t.field(), ev, cx);
                if (why == null) continue;
                Context ctx = r.outputCtx;
                if (ctx != null && t.offset() < r.outputText.length()) {
                    String file = r.outputText.fileAt(t.offset());
                    int off = r.outputText.offsetAt(t.offset());
                    if (file != null && off >= 0) ctx = ctx.withExact(file, off);
                }
                cx.report(LintCode.FALCOC_FIELD_NEVER_SET, "output field '" + t.field() + "' never has a value for the rule's event types ("
                        + names + "): " + why + "; the output prints <NA>", ctx != null ? ctx : r.ctx);
            }
            for (ExceptionInfo ex : r.exceptions) {
                Set<String> fields = new TreeSet<>();
                if (ex.fields.isList) for (Entry f : ex.fields.items) fields.add(f.item);
                else fields.add(ex.fields.item);
                for (String f : fields) {
                    String why = whyUnset(f, ev, cx);
                    if (why != null) {
                        cx.report(LintCode.FALCOC_FIELD_NEVER_SET, "exception field '" + f + "' never has a value for the rule's event types ("
                                + names + "): " + why + "; exception '" + ex.name + "' never matches", ex.ctx);
                    }
                }
            }
        }
    }

    private static boolean hasGeneric(BitSet ev, EventTable t) {
        for (int i = ev.nextSetBit(0); i >= 0; i = ev.nextSetBit(i + 1)) {
            if (i < t.size() && t.event(i).name().equals("syscall")) return true;
        }
        return false;
    }

    /** Why a field has no value for any of the events, or null when it may have one. */
    static String whyUnset(String field, BitSet ev, LintContext cx) {
        return whyUnset(field, ev, cx.resolver, cx.events);
    }

    static String whyUnset(String field, BitSet ev, FieldResolver resolver, EventTable events) {
        FieldResolver.Resolved res;
        try {
            res = resolver.resolveExact(field);
        } catch (FieldResolver.FieldSyntaxException e) {
            return null;
        }
        if (res == null) return null;
        String name = res.info().name();
        if (res.info().className().equals("fd")) {
            for (int i = ev.nextSetBit(0); i >= 0; i = ev.nextSetBit(i + 1)) {
                EventTable.Event e = events.event(i);
                if (e.flags().stream().anyMatch(FD_FLAGS::contains)) return null;
            }
            return "none of them has a file descriptor";
        }
        if ((name.equals("evt.arg") || name.equals("evt.rawarg")) && !res.arg().isEmpty() && !Character.isDigit(res.arg().charAt(0))) {
            String param = res.arg();
            for (int i = ev.nextSetBit(0); i >= 0; i = ev.nextSetBit(i + 1)) {
                if (events.event(i).params().stream().anyMatch(p -> p.name().equals(param))) return null;
            }
            return "none of them has a parameter '" + param + "'";
        }
        return null;
    }
}
