package dev.falcoc.compiler.check;

import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.compiler.schema.FieldType;
import dev.falcoc.grammar.ConditionParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates an output format string as Falco's event formatter parses it: "%" tokens with an
 * optional width, transformers written directly after "%", and the longest field a class accepts.
 */
public final class OutputChecker {
    private OutputChecker() {}

    /** A %field token: the text as written (key of output_fields) and where it starts. */
    public record Token(String field, String text, int offset, List<String> transformers, int width) {}

    public static final class FormatException extends Exception {
        public final int offset;

        public FormatException(String m, int offset) {
            super(m, null, false, false);
            this.offset = offset;
        }
    }

    public static List<Token> parse(String fmt, FieldResolver resolver) throws FormatException {
        if (fmt.isEmpty()) throw new FormatException("empty formatting token", 0);
        int base = 0;
        String f = fmt;
        if (f.charAt(0) == '*') { f = f.substring(1); base = 1; }
        List<Token> tokens = new ArrayList<>();
        int n = f.length();
        for (int j = 0; j < n; j++) {
            if (f.charAt(j) != '%') continue;
            int start = j;
            if (j == n - 1) throw new FormatException("invalid formatting syntax: formatting cannot end with a %", base + j);
            int width = 0;
            if (Character.isDigit(f.charAt(j + 1))) {
                int k = j + 1;
                while (k < n && Character.isDigit(f.charAt(k))) k++;
                try { width = Integer.parseInt(f.substring(j + 1, k)); } catch (NumberFormatException e) { width = Integer.MAX_VALUE; }
                while (true) {
                    if (j == n - 1) throw new FormatException("invalid formatting syntax: formatting cannot end with a number", base + j);
                    if (Character.isDigit(f.charAt(j + 1))) { j++; continue; }
                    break;
                }
            }
            int tstart = j + 1;
            int msize = 0;
            List<String> transformers = new ArrayList<>();
            while (true) {
                int prev = msize;
                for (String tr : ConditionParser.TRANSFORMERS) {
                    int at = tstart + msize;
                    if ((j + 1 + tr.length() + 1) < n && at + tr.length() < n && f.charAt(at + tr.length()) == '('
                            && f.startsWith(tr, at)) {
                        transformers.add(tr);
                        msize += tr.length() + 1;
                        j += tr.length() + 1;
                    }
                }
                if (prev == msize) break;
            }
            String rest = f.substring(j + 1);
            FieldResolver.Resolved r;
            try {
                r = resolver.resolvePrefix(rest);
            } catch (FieldResolver.FieldSyntaxException e) {
                throw new FormatException(e.getMessage(), base + j + 1);
            }
            if (r == null) throw new FormatException("invalid formatting token " + rest, base + j + 1);
            if (r.info().filterOnly()) throw new FormatException(rest + " is filter only and cannot be used as a display field", base + j + 1);
            int fsize = r.consumed();
            String fieldText = rest.substring(0, fsize);
            j += fsize;
            FieldType type = r.type();
            boolean list = r.list();
            for (int i = transformers.size() - 1; i >= 0; i--) {
                String tr = transformers.get(i);
                if (r.info().noTransformer()) throw new FormatException("field '" + r.info().name() + "' does not support transformers", base + start);
                FieldType out = FilterChecker.transformType(tr, type, list);
                if (out == null) {
                    throw new FormatException("can't add field transformer: type '" + type.display() + "' is not supported by '" + tr
                            + "' transformer applied on " + (list ? "list " : "") + "field '" + r.info().name() + "'", base + start);
                }
                if (tr.equals("len")) list = false;
                type = out;
                if (j + 1 >= n || f.charAt(j + 1) != ')') {
                    throw new FormatException("missing closing transformer parenthesis: " + f.substring(j), base + j);
                }
                j++;
            }
            tokens.add(new Token(fieldText, f.substring(start, j + 1), base + start, transformers, width));
        }
        return tokens;
    }
}
