package dev.falcoc.compiler.ir;

/** A network (address and prefix length), the constant side of IPNET comparisons. */
public record IpNet(IpAddr addr, int prefix) {
    /** True when the address lies inside this network (same family only). */
    public boolean contains(IpAddr a) {
        byte[] n = addr.bytes(), b = a.bytes();
        if (n.length != b.length) return false;
        int full = prefix / 8, rest = prefix % 8;
        for (int i = 0; i < full && i < n.length; i++) if (n[i] != b[i]) return false;
        if (rest == 0 || full >= n.length) return true;
        int mask = (0xff << (8 - rest)) & 0xff;
        return (n[full] & mask) == (b[full] & mask);
    }
}
