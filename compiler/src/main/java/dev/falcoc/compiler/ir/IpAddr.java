package dev.falcoc.compiler.ir;

import java.util.Arrays;

/** An IPv4 (4 bytes) or IPv6 (16 bytes) address value. */
public record IpAddr(byte[] bytes) {
    public boolean isV4() { return bytes.length == 4; }

    @Override
    public boolean equals(Object o) { return o instanceof IpAddr a && Arrays.equals(bytes, a.bytes); }

    @Override
    public int hashCode() { return Arrays.hashCode(bytes); }
}
