package dev.falcoc.runtime;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small JSON reader (container metadata events, oracle files in tests); malformed input gives null. */
public final class MiniJson {
    private final String s;
    private int p;

    private MiniJson(String s) { this.s = s; }

    public static Object parse(String s) {
        try {
            return new MiniJson(s).value();
        } catch (RuntimeException e) {
            return null; // malformed input has no value
        }
    }

    private void ws() { while (p < s.length() && Character.isWhitespace(s.charAt(p))) p++; }

    private Object value() {
        ws();
        char c = s.charAt(p);
        switch (c) {
            case '{' -> {
                p++;
                Map<String, Object> m = new LinkedHashMap<>();
                ws();
                if (s.charAt(p) == '}') { p++; return m; }
                while (true) {
                    ws();
                    String k = str();
                    ws();
                    p++; // ':'
                    m.put(k, value());
                    ws();
                    if (s.charAt(p++) == '}') return m;
                }
            }
            case '[' -> {
                p++;
                List<Object> l = new ArrayList<>();
                ws();
                if (s.charAt(p) == ']') { p++; return l; }
                while (true) {
                    l.add(value());
                    ws();
                    if (s.charAt(p++) == ']') return l;
                }
            }
            case '"' -> { return str(); }
            case 't' -> { p += 4; return Boolean.TRUE; }
            case 'f' -> { p += 5; return Boolean.FALSE; }
            case 'n' -> { p += 4; return null; }
            default -> {
                int st = p;
                while (p < s.length() && "+-0123456789.eE".indexOf(s.charAt(p)) >= 0) p++;
                String n = s.substring(st, p);
                if (n.contains(".") || n.contains("e") || n.contains("E")) return Double.parseDouble(n);
                BigInteger b = new BigInteger(n);
                return b.bitLength() < 64 ? (Object) b.longValue() : b;
            }
        }
    }

    private String str() {
        StringBuilder b = new StringBuilder();
        p++;
        while (true) {
            char c = s.charAt(p++);
            if (c == '"') return b.toString();
            if (c == '\\') {
                char e = s.charAt(p++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> { b.append((char) Integer.parseInt(s.substring(p, p + 4), 16)); p += 4; }
                    default -> b.append(e);
                }
            } else b.append(c);
        }
    }
}
