package dev.falcoc.compiler.check;

/** Strict IPv4/IPv6 text parsing (inet_pton semantics), without name resolution. */
public final class Ip {
    private Ip() {}

    public static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) return null;
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) return null;
            if (p.length() > 1 && p.charAt(0) == '0') return null;
            int v = Integer.parseInt(p);
            if (v > 255) return null;
            out[i] = (byte) v;
        }
        return out;
    }

    public static byte[] parseV6(String s) {
        if (s.isEmpty()) return null;
        String head = s, tail = "";
        int dbl = s.indexOf("::");
        if (dbl >= 0) {
            if (s.indexOf("::", dbl + 1) >= 0) return null;
            head = s.substring(0, dbl);
            tail = s.substring(dbl + 2);
        }
        java.util.List<Integer> h = groups(head), t = groups(tail);
        if (h == null || t == null) return null;
        int total = h.size() + t.size();
        if (dbl < 0 && total != 8) return null;
        if (dbl >= 0 && total > 7) return null;
        byte[] out = new byte[16];
        int k = 0;
        for (int g : h) { out[k++] = (byte) (g >> 8); out[k++] = (byte) g; }
        k = 16 - t.size() * 2;
        for (int g : t) { out[k++] = (byte) (g >> 8); out[k++] = (byte) g; }
        return out;
    }

    private static java.util.List<Integer> groups(String s) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        if (s.isEmpty()) return out;
        String[] parts = s.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && p.contains(".")) {
                byte[] v4 = parseV4(p);
                if (v4 == null) return null;
                out.add(((v4[0] & 0xff) << 8) | (v4[1] & 0xff));
                out.add(((v4[2] & 0xff) << 8) | (v4[3] & 0xff));
                continue;
            }
            if (p.isEmpty() || p.length() > 4) return null;
            try {
                out.add(Integer.parseInt(p, 16));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return out;
    }
}
