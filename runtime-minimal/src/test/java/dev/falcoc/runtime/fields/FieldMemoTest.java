package dev.falcoc.runtime.fields;

import dev.falcoc.compiler.ir.Candidates;
import dev.falcoc.compiler.ir.IpAddr;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.runtime.Inspector;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-event memo of {@link SyscallFieldBinder.Field#get} must never change a value: two
 * inspectors replay each public trace in lockstep, one reading every catalogue field through
 * memoised getters (each read three times, interleaved with the other fields), the other through
 * the same getters without memo; the values must be equal for every field of every event.
 */
class FieldMemoTest {
    @Test
    void memoisedValuesEqualFreshOnes() throws Exception {
        Path traces = Path.of(System.getProperty("falcoc.shared", "../../shared")).resolve("traces");
        if (!Files.isDirectory(traces)) {
            System.err.println("SKIPPED FieldMemoTest: no traces at " + traces.toAbsolutePath());
            Assumptions.abort("shared traces absent");
        }
        FieldResolver res = FieldResolver.get();
        List<FieldResolver.Resolved> fields = new ArrayList<>();
        for (var info : res.catalog().fields()) {
            String n = info.name();
            if (n.startsWith("container.") || n.startsWith("k8s.")) continue;
            for (String text : new String[] {n, n + "[1]", n + "[0]"}) {
                try {
                    FieldResolver.Resolved r = res.resolvePrefix(text);
                    if (r != null && r.consumed() == text.length()) fields.add(r);
                } catch (FieldResolver.FieldSyntaxException e) {
                    // a field that takes no argument, or needs another kind of argument
                }
            }
        }
        for (String extra : new String[] {"evt.arg.name", "evt.arg.flags", "evt.arg.fd", "evt.rawarg.res", "proc.aname[2]", "proc.apid[3]"}) {
            FieldResolver.Resolved r = res.resolvePrefix(extra);
            if (r != null) fields.add(r);
        }
        assertTrue(fields.size() > 200, "catalogue fields found: " + fields.size());
        List<Path> files;
        try (Stream<Path> s = Files.list(traces)) { files = s.filter(p -> p.toString().endsWith(".scap")).sorted().toList(); }
        long compared = 0;
        for (Path trace : files) {
            try (Inspector a = Inspector.open(trace); Inspector b = Inspector.open(trace)) {
                a.containerPlugin(false);
                b.containerPlugin(false);
                List<SyscallFieldBinder.Field> memo = new ArrayList<>(), fresh = new ArrayList<>();
                for (FieldResolver.Resolved r : fields) {
                    memo.add(((SyscallFieldBinder) a.binder()).field(r));
                    fresh.add(((SyscallFieldBinder) b.binder()).field(r).noMemo());
                }
                for (Object next; (next = a.next()) != null; ) {
                    Object ca = next, cb = b.next();
                    Object[] first = new Object[memo.size()];
                    for (int i = 0; i < memo.size(); i++) first[i] = value(memo.get(i), ca);
                    for (int k = memo.size() - 1; k >= 0; k--) {
                        int i = k;
                        String field = fields.get(i).text();
                        if (field.startsWith("util.cnt")) continue;
                        Object want = value(fresh.get(i), cb);
                        assertTrue(same(want, first[i]), () -> trace.getFileName() + " evt " + a.evtNum(ca) + " " + field + ": " + want + " vs " + first[i]);
                        Object again = value(memo.get(i), ca);
                        assertTrue(same(want, again), () -> trace.getFileName() + " evt " + a.evtNum(ca) + " " + field + " (re-read): " + want + " vs " + again);
                        compared++;
                    }
                }
                assertEquals(null, b.next());
            }
        }
        assertTrue(compared > 100_000, "values compared: " + compared);
    }

    private static Object value(SyscallFieldBinder.Field f, Object ctx) {
        try {
            return f.get(ctx);
        } catch (RuntimeException e) {
            return "threw " + e.getClass().getName();
        }
    }

    private static boolean same(Object x, Object y) {
        if (x instanceof byte[] p && y instanceof byte[] q) return Arrays.equals(p, q);
        if (x instanceof IpAddr p && y instanceof IpAddr q) return Arrays.equals(p.bytes(), q.bytes());
        if (x instanceof Candidates p && y instanceof Candidates q) return p.kind() == q.kind() && sameList(p.values(), q.values());
        if (x instanceof List<?> p && y instanceof List<?> q) return sameList(p, q);
        return Objects.equals(x, y);
    }

    private static boolean sameList(List<?> p, List<?> q) {
        if (p.size() != q.size()) return false;
        for (int i = 0; i < p.size(); i++) if (!same(p.get(i), q.get(i))) return false;
        return true;
    }
}
