package dev.falcoc.compiler.codegen;

import dev.falcoc.compiler.ir.Candidates;
import dev.falcoc.compiler.ir.Op;
import java.util.List;

/**
 * One check with its constants, called from generated code as {@code pred.test(value)}. Each
 * subclass tests the common plain value inline and leaves missing values, candidates and list
 * fields to {@link #multi}, which applies Falco's rules around {@link #one}.
 */
public abstract class Pred {
    private final boolean endpointsAll; // '!=' on endpoints: both ends must differ
    private final boolean listAll;      // 'in' on a list field: every element is in the set
    private final boolean listAny;      // 'intersects' on a list field: some element is; on endpoints: never

    protected Pred(Op op) {
        this.endpointsAll = op == Op.NE;
        this.listAll = op == Op.IN;
        this.listAny = op == Op.INTERSECTS;
    }

    /** The check on one plain value (not null, not candidates, not a list). */
    protected abstract boolean one(Object v);

    public boolean test(Object v) { return multi(v); }

    protected final boolean multi(Object v) {
        if (v == null) return false;
        if (v instanceof Candidates c) {
            List<Object> vs = c.values();
            // libs compares connected sockets' ends for =, !=, in and the orderings only
            if (listAny && c.kind() == Candidates.Kind.ENDPOINTS) return false;
            if (endpointsAll && c.kind() == Candidates.Kind.ENDPOINTS) {
                if (vs.isEmpty()) return false;
                for (int i = 0, n = vs.size(); i < n; i++) {
                    Object o = vs.get(i);
                    if (o == null || !one(o)) return false;
                }
                return true;
            }
            for (int i = 0, n = vs.size(); i < n; i++) {
                Object o = vs.get(i);
                if (o != null && one(o)) return true;
            }
            return false;
        }
        if (v instanceof List<?> l) {
            if (listAll) {
                for (int i = 0, n = l.size(); i < n; i++) if (!one(l.get(i))) return false;
                return true;
            }
            if (listAny) {
                for (int i = 0, n = l.size(); i < n; i++) if (one(l.get(i))) return true;
            }
            return false;
        }
        return one(v);
    }

    /** {@code exists}: a value, or at least one candidate. */
    public static final class Exists {
        public boolean test(Object v) {
            return v != null && !(v instanceof Candidates c && c.values().isEmpty());
        }
    }
}
