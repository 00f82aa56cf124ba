package dev.falcoc.runtime.state;

import dev.falcoc.runtime.scap.Bytes;
import dev.falcoc.runtime.scap.FdEntry;


/** Socket address and tuple decoding (PT_SOCKADDR / PT_SOCKTUPLE) and libsinsp's textual forms. */
public final class Sockets {
    public static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10, AF_NETLINK = 16;

    private Sockets() {}

    public static String ip(byte[] a) {
        if (a == null || a.length != 4 && a.length != 16) return "";
        // every connect and sendto names its socket from the same few addresses: their texts are kept
        int h = java.util.Arrays.hashCode(a);
        h ^= h >>> 16;
        IpText c = IP_TEXTS[h & (IP_TEXTS.length - 1)];
        if (c != null && java.util.Arrays.equals(c.bytes, a)) return c.text;
        String t = a.length == 4 ? (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff) : v6(a);
        IP_TEXTS[h & (IP_TEXTS.length - 1)] = new IpText(a.clone(), t);
        return t;
    }

    /** An address and its text; immutable, so threads sharing the table see whole entries or none. */
    private record IpText(byte[] bytes, String text) {}

    private static final IpText[] IP_TEXTS = new IpText[256];

    /** inet_ntop's IPv6 text: lower-case hex groups, the longest run (>= 2) of zero groups as "::". */
    static String v6(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) g[i] = (a[2 * i] & 0xff) << 8 | (a[2 * i + 1] & 0xff);
        int bestStart = -1, bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] == 0) {
                int j = i;
                while (j < 8 && g[j] == 0) j++;
                if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
                i = j;
            } else i++;
        }
        StringBuilder b = new StringBuilder(40);
        // IPv4-mapped and IPv4-compatible addresses keep a dotted tail
        if (bestStart == 0 && (bestLen == 5 && g[5] == 0xffff || bestLen == 6 && (g[6] != 0 || g[7] > 1))) {
            b.append(bestLen == 5 ? "::ffff:" : "::");
            return b.append(a[12] & 0xff).append('.').append(a[13] & 0xff).append('.').append(a[14] & 0xff).append('.').append(a[15] & 0xff).toString();
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                b.append("::");
                i += bestLen - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLen) b.append(':');
            b.append(Integer.toHexString(g[i]));
        }
        return b.toString();
    }

    static boolean isV4Mapped(byte[] b, int o) {
        for (int i = 0; i < 10; i++) if (b[o + i] != 0) return false;
        return (b[o + 10] & 0xff) == 0xff && (b[o + 11] & 0xff) == 0xff;
    }

    static byte[] slice(byte[] b, int o, int n) {
        byte[] r = new byte[n];
        System.arraycopy(b, o, r, 0, n);
        return r;
    }

    static int port(byte[] b, int o) { return Bytes.u16(b, o); }

    /** Fills an fd from a tuple parameter; false when the tuple is not usable. Also sets the name. */
    public static boolean applyTuple(FdInfo f, byte[] b, int o, int len) {
        if (len < 1) return false;
        int fam = b[o] & 0xff;
        if (fam == AF_INET && len >= 13) {
            f.type = FdEntry.IPV4_SOCK;
            f.sip = slice(b, o + 1, 4);
            f.sport = port(b, o + 5);
            f.dip = slice(b, o + 7, 4);
            f.dport = port(b, o + 11);
        } else if (fam == AF_INET6 && len >= 37) {
            if (isV4Mapped(b, o + 1) && isV4Mapped(b, o + 19)) {
                f.type = FdEntry.IPV4_SOCK;
                f.sip = slice(b, o + 13, 4);
                f.sport = port(b, o + 17);
                f.dip = slice(b, o + 31, 4);
                f.dport = port(b, o + 35);
            } else {
                f.type = FdEntry.IPV6_SOCK;
                f.sip = slice(b, o + 1, 16);
                f.sport = port(b, o + 17);
                f.dip = slice(b, o + 19, 16);
                f.dport = port(b, o + 35);
            }
        } else if (fam == AF_UNIX && len >= 17) {
            f.type = FdEntry.UNIX_SOCK;
            f.unixSource = Bytes.i64(b, o + 1);
            f.unixDest = Bytes.i64(b, o + 9);
            f.name = Bytes.cstr(b, o + 17, len - 17);
            return true;
        } else {
            return false;
        }
        f.name = tupleName(f);
        return true;
    }

    public static String tupleName(FdInfo f) {
        return ip(f.sip) + ":" + f.sport + "->" + ip(f.dip) + ":" + f.dport;
    }

    /** Text of a PT_SOCKTUPLE parameter as evt.arg shows it. */
    public static String tupleText(byte[] b, int o, int len) {
        if (len < 1) return "NULL";
        int fam = b[o] & 0xff;
        if (fam == AF_INET && len >= 13) {
            return ip(slice(b, o + 1, 4)) + ":" + port(b, o + 5) + "->" + ip(slice(b, o + 7, 4)) + ":" + port(b, o + 11);
        }
        if (fam == AF_INET6 && len >= 37) {
            if (isV4Mapped(b, o + 1) && isV4Mapped(b, o + 19))
                return ip(slice(b, o + 13, 4)) + ":" + port(b, o + 17) + "->" + ip(slice(b, o + 31, 4)) + ":" + port(b, o + 35);
            return ip(slice(b, o + 1, 16)) + ":" + port(b, o + 17) + "->" + ip(slice(b, o + 19, 16)) + ":" + port(b, o + 35);
        }
        if (fam == AF_UNIX && len >= 17) {
            return String.format("%x->%x %s", Bytes.i64(b, o + 1), Bytes.i64(b, o + 9), Bytes.cstr(b, o + 17, len - 17));
        }
        return "family " + fam;
    }

    /** Text of a PT_SOCKADDR parameter. */
    public static String addrText(byte[] b, int o, int len) {
        if (len < 1) return "NULL";
        int fam = b[o] & 0xff;
        if (fam == AF_INET && len >= 7) return ip(slice(b, o + 1, 4)) + ":" + port(b, o + 5);
        if (fam == AF_INET6 && len >= 19) return ip(slice(b, o + 1, 16)) + ":" + port(b, o + 17);
        if (fam == AF_UNIX) return Bytes.cstr(b, o + 1, len - 1);
        return "family " + fam;
    }

    /** Name libsinsp gives an fd loaded from the capture's fd list. */
    public static String nameFromEntry(FdEntry e) {
        return switch (e.type) {
            case FdEntry.IPV4_SOCK, FdEntry.IPV6_SOCK -> ip(e.sip) + ":" + e.sport + "->" + ip(e.dip) + ":" + e.dport;
            case FdEntry.IPV4_SERVSOCK, FdEntry.IPV6_SERVSOCK -> ip(e.sip) + ":" + e.sport;
            default -> e.name;
        };
    }

    static boolean isV6(byte[] a) { return a != null && a.length == 16; }

}
