package dev.falcoc.runtime.output;

import dev.falcoc.compiler.check.OutputChecker;
import dev.falcoc.compiler.ir.Transform;
import dev.falcoc.compiler.ir.Values;
import dev.falcoc.compiler.schema.FieldResolver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Falco output format compiled once: literal text and %field tokens, rendered like libsinsp's
 * event formatter with a leading '*' (missing values print as &lt;NA&gt;; a width pads or cuts).
 */
public final class OutputFormat {
    static final String NA = "<NA>";

    /**
     * A %field token: its field, transformers (innermost first) and width; key is its output_fields
     * name. {@code count} is the token's own util.cnt counter (null for other fields): libsinsp
     * counts per field instance, i.e. per token of each rule's output.
     */
    record Token(String key, FieldResolver.Resolved field, List<Transform> transforms, int width, long[] count) {}

    private final Object[] parts;   // String literals and Tokens, in order
    private final List<Token> tokens;

    private OutputFormat(Object[] parts, List<Token> tokens) {
        this.parts = parts;
        this.tokens = tokens;
    }

    /** Compiles a format (with or without leading '*'); errors carry Falco's message. */
    public static OutputFormat compile(String fmt, FieldResolver resolver) throws OutputChecker.FormatException {
        List<OutputChecker.Token> toks = OutputChecker.parse(fmt, resolver);
        return fromTokens(fmt, toks, resolver);
    }

    /** Builds a format from an already checked format and its tokens (as the loader produced them). */
    public static OutputFormat fromTokens(String fmt, List<OutputChecker.Token> toks, FieldResolver resolver) throws OutputChecker.FormatException {
        List<Object> parts = new ArrayList<>();
        List<Token> tokens = new ArrayList<>();
        int pos = !fmt.isEmpty() && fmt.charAt(0) == '*' ? 1 : 0;
        for (OutputChecker.Token t : toks) {
            if (t.offset() > pos) parts.add(fmt.substring(pos, t.offset()));
            FieldResolver.Resolved r;
            try {
                r = resolver.resolveExact(t.field());
            } catch (FieldResolver.FieldSyntaxException e) {
                throw new OutputChecker.FormatException(e.getMessage(), t.offset());
            }
            if (r == null) throw new OutputChecker.FormatException("invalid formatting token " + t.field(), t.offset());
            List<Transform> ts = new ArrayList<>();
            for (String name : t.transformers()) ts.addFirst(Transform.parse(name)); // given outermost first
            Token tok = new Token(t.field(), r, List.copyOf(ts), t.width(), r.info().name().equals("util.cnt") ? new long[1] : null);
            parts.add(tok);
            tokens.add(tok);
            pos = t.offset() + t.text().length();
        }
        if (pos < fmt.length()) parts.add(fmt.substring(pos));
        return new OutputFormat(parts.toArray(), tokens);
    }

    /** Whether a %token of this format is the field {@code name} (e.g. "evt.buffer"). */
    public boolean uses(String name) {
        for (Token t : tokens) if (t.field().info().name().equals(name)) return true;
        return false;
    }

    /** The formatted text. */
    public void text(Object ctx, FieldRenderer r, StringBuilder out) {
        for (Object p : parts) {
            if (p instanceof String s) {
                out.append(s);
                continue;
            }
            Token t = (Token) p;
            String v;
            if (t.count() != null) {
                // Falco extracts util.cnt once for the text, twice for output_fields and once for
                // the alert's field values (see FdFields.counter): the text takes the first
                v = Long.toString(++t.count()[0]);
                t.count()[0]++;
            } else {
                v = r.text(t.field(), ctx);
            }
            if (v == null) v = NA;
            if (!t.transforms().isEmpty() && !v.equals(NA)) v = transformed(t, v, ctx, r);
            if (t.width() > 0) v = fit(v, t.width());
            out.append(v);
        }
    }

    /**
     * A %Nfield value cut or padded with spaces to N bytes of UTF-8, as libsinsp resizes the C
     * string; a character cut in the middle shows as U+FFFD (Falco writes its leading bytes).
     */
    static String fit(String v, int width) {
        boolean ascii = true;
        for (int i = 0; i < v.length() && ascii; i++) ascii = v.charAt(i) < 0x80;
        if (ascii) return v.length() > width ? v.substring(0, width) : v + " ".repeat(width - v.length());
        byte[] b = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (b.length <= width) return v + " ".repeat(width - b.length);
        return new String(b, 0, width, java.nio.charset.StandardCharsets.UTF_8);
    }

    public String text(Object ctx, FieldRenderer r) {
        StringBuilder sb = new StringBuilder();
        text(ctx, r, sb);
        return sb.toString();
    }

    /** Adds this format's fields to output_fields, as libsinsp does: untransformed values only. */
    public void fields(Object ctx, FieldRenderer r, Map<String, Object> out) {
        for (Token t : tokens) {
            if (t.count() != null) {
                out.put(t.key(), t.count()[0] + 1);
                t.count()[0] += 2;
            } else {
                out.put(t.key(), r.jsonValue(t.field(), ctx));
            }
        }
    }

    /**
     * libsinsp transforms the extracted values, then prints the result: each element of a list
     * field (len() counts them), the value of any other field. The transformations are the
     * conditions' own (compiler.ir.Values): ASCII-only case mapping, as C's toupper.
     */
    private static String transformed(Token t, String text, Object ctx, FieldRenderer r) {
        Object v = text;
        if (t.field().list() && r.jsonValue(t.field(), ctx) instanceof List<?> l) {
            List<Object> elems = new ArrayList<>(l.size());
            for (Object o : l) if (o != null) elems.add(String.valueOf(o));
            v = elems;
        }
        Object out = Values.apply(t.transforms(), v);
        if (out == null) return NA;
        if (out instanceof List<?> l) {
            StringBuilder b = new StringBuilder("(");
            for (int i = 0; i < l.size(); i++) b.append(i > 0 ? "," : "").append(l.get(i));
            return b.append(')').toString();
        }
        return String.valueOf(out);
    }
}
