package dev.falcoc.compiler.ir;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Value helpers shared by the interpreter and generated code: transformers and C-like string ops. */
public final class Values {
    private Values() {}

    /** Applies transformers (innermost first) to a raw field value; null stays null. */
    public static Object apply(List<Transform> ts, Object v) {
        for (int i = 0, n = ts.size(); i < n; i++) v = apply(ts.get(i), v);
        return v;
    }

    public static Object apply(Transform t, Object v) {
        return switch (t) {
            case TOLOWER -> tolower(v);
            case TOUPPER -> toupper(v);
            case B64 -> b64(v);
            case BASENAME -> basename(v);
            case LEN -> len(v);
        };
    }

    public static Object tolower(Object v) {
        if (v instanceof String s) return lowerAscii(s);
        return map(Transform.TOLOWER, v);
    }

    public static Object toupper(Object v) {
        if (v instanceof String s) return upperAscii(s);
        return map(Transform.TOUPPER, v);
    }

    public static Object basename(Object v) {
        if (v instanceof String s) return s.substring(s.lastIndexOf('/') + 1);
        return map(Transform.BASENAME, v);
    }

    /** base64 decoding, padding optional; input that does not decode leaves the field without a value. */
    public static Object b64(Object v) {
        if (v instanceof String s) {
            byte[] b = decode(s.getBytes(StandardCharsets.UTF_8));
            return b == null ? null : cString(b);
        }
        if (v instanceof byte[] bytes) return decode(bytes);
        return map(Transform.B64, v);
    }

    /**
     * len(): UTF-8 length up to the first NUL, byte length, or element count. A missing value
     * stays missing (Falco applies transformers only to extracted values, so the check is false).
     */
    public static Object len(Object v) {
        if (v == null) return null;
        if (v instanceof String s) return (long) utf8Length(s);
        if (v instanceof byte[] b) return (long) b.length;
        if (v instanceof List<?> l) return (long) l.size();
        if (v instanceof Candidates c) return map(Transform.LEN, c);
        return null;
    }

    private static Object map(Transform t, Object v) {
        if (v instanceof Candidates c) {
            List<Object> out = new ArrayList<>(c.values().size());
            for (Object o : c.values()) {
                Object r = apply(t, o);
                if (r != null) out.add(r);
            }
            return new Candidates(out, c.kind());
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                Object r = apply(t, o);
                if (r != null) out.add(r);
            }
            return out;
        }
        return null;
    }

    private static byte[] decode(byte[] in) {
        try {
            return Base64.getDecoder().decode(in);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Bytes read as a C string: up to the first NUL, as UTF-8. */
    public static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    public static int utf8Length(String s) {
        int n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c == 0) break;
            if (c < 0x80) n++;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) { n += 4; i++; }
            else n += 3;
        }
        return n;
    }

    public static String lowerAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] a = s.toCharArray();
                for (int j = i; j < n; j++) if (a[j] >= 'A' && a[j] <= 'Z') a[j] += 32;
                return new String(a);
            }
        }
        return s;
    }

    public static String upperAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                char[] a = s.toCharArray();
                for (int j = i; j < n; j++) if (a[j] >= 'a' && a[j] <= 'z') a[j] -= 32;
                return new String(a);
            }
        }
        return s;
    }

    /** strcmp order: by code point, which is the order of the UTF-8 bytes. */
    public static int compareUtf8(String a, String b) {
        int i = 0, j = 0, na = a.length(), nb = b.length();
        while (i < na && j < nb) {
            int ca = a.codePointAt(i), cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(na - i, nb - j);
    }

    /** strcasestr with an already lower-cased needle (ASCII folding, as in the C locale). */
    public static boolean icontains(String hay, String lowerNeedle) {
        int n = hay.length(), m = lowerNeedle.length();
        if (m == 0) return true;
        outer:
        for (int i = 0; i + m <= n; i++) {
            for (int k = 0; k < m; k++) {
                char c = hay.charAt(i + k);
                if (c >= 'A' && c <= 'Z') c += 32;
                if (c != lowerNeedle.charAt(k)) continue outer;
            }
            return true;
        }
        return false;
    }

    /** memmem: an empty needle is found at 0. */
    public static int indexOf(byte[] hay, byte[] needle) {
        int n = hay.length, m = needle.length;
        outer:
        for (int i = 0; i + m <= n; i++) {
            for (int k = 0; k < m; k++) if (hay[i + k] != needle[k]) continue outer;
            return i;
        }
        return -1;
    }

    public static boolean startsWith(byte[] v, byte[] p) {
        if (p.length > v.length) return false;
        for (int i = 0; i < p.length; i++) if (v[i] != p[i]) return false;
        return true;
    }

    public static boolean endsWith(byte[] v, byte[] p) {
        if (p.length > v.length) return false;
        int off = v.length - p.length;
        for (int i = 0; i < p.length; i++) if (v[off + i] != p[i]) return false;
        return true;
    }
}
