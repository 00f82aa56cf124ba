package dev.falcoc.runtime.testing;

import dev.falcoc.compiler.ir.Candidates;
import dev.falcoc.compiler.ir.FieldBinder;
import dev.falcoc.compiler.ir.FieldGetter;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.runtime.fields.ValueRendering;
import dev.falcoc.runtime.output.FieldRenderer;
import java.util.ArrayList;
import java.util.List;

/**
 * Field access over {@link SyntheticEvent}s, for the compiled matchers ({@link FieldBinder}) and
 * for outputs ({@link FieldRenderer}, with the runtime's own renderings). Fields that stand for
 * several values in Falco are assembled here from the plain ones a test gives: proc.aname without
 * an index is any ancestor, fd.ip/fd.port/fd.net either end of the connection.
 */
public final class SyntheticFields implements FieldBinder, FieldRenderer {
    public static final SyntheticFields INSTANCE = new SyntheticFields();

    private SyntheticFields() {}

    @Override
    public FieldGetter bind(FieldResolver.Resolved field) {
        String text = field.text();
        String name = field.info().name();
        if (name.equals("proc.aname") && field.arg().isEmpty()) {
            return ctx -> ancestors((SyntheticEvent) ctx, "proc.aname");
        }
        switch (text) {
            case "fd.ip", "fd.net" -> { return ctx -> endpoints((SyntheticEvent) ctx, "fd.cip", "fd.sip"); }
            case "fd.port" -> { return ctx -> endpoints((SyntheticEvent) ctx, "fd.cport", "fd.sport"); }
            case "fd.cnet" -> { return ctx -> ((SyntheticEvent) ctx).get("fd.cip"); }
            case "fd.snet" -> { return ctx -> ((SyntheticEvent) ctx).get("fd.sip"); }
            case "fd.lnet" -> { return ctx -> ((SyntheticEvent) ctx).get("fd.lip"); }
            case "fd.rnet" -> { return ctx -> ((SyntheticEvent) ctx).get("fd.rip"); }
            default -> { return ctx -> ((SyntheticEvent) ctx).get(text); }
        }
    }

    private static Object ancestors(SyntheticEvent e, String key) {
        Object v = e.get(key);
        if (!(v instanceof List<?> l)) return null;
        return new Candidates(new ArrayList<>(l), Candidates.Kind.ANCESTORS);
    }

    private static Object endpoints(SyntheticEvent e, String a, String b) {
        List<Object> vs = new ArrayList<>(2);
        if (e.get(a) != null) vs.add(e.get(a));
        if (e.get(b) != null) vs.add(e.get(b));
        return vs.isEmpty() ? null : new Candidates(vs, Candidates.Kind.ENDPOINTS);
    }

    @Override
    public Object jsonValue(FieldResolver.Resolved f, Object ctx) {
        return ValueRendering.json(bind(f).get(ctx), f.type(), f.info().printFormat());
    }

    @Override
    public String text(FieldResolver.Resolved f, Object ctx) {
        return ValueRendering.text(bind(f).get(ctx), f.type(), f.info().printFormat());
    }
}
