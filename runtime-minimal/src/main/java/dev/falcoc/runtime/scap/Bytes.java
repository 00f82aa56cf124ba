package dev.falcoc.runtime.scap;

import java.nio.charset.StandardCharsets;

/** Little-endian reads and writes on byte arrays (the .scap byte order). */
public final class Bytes {
    // Plain shifts rather than byte-array VarHandles: a replay runs interpreted and in C1 code for
    // its first hundred thousand events, where each VarHandle access goes through several method
    // handle frames; C2 compiles both forms to the same loads.
    private Bytes() {}

    public static int u8(byte[] b, int o) { return b[o] & 0xff; }
    public static int u16(byte[] b, int o) { return b[o] & 0xff | (b[o + 1] & 0xff) << 8; }
    public static short i16(byte[] b, int o) { return (short) u16(b, o); }
    public static int i32(byte[] b, int o) { return b[o] & 0xff | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff) << 16 | b[o + 3] << 24; }
    public static long u32(byte[] b, int o) { return i32(b, o) & 0xffffffffL; }
    public static long i64(byte[] b, int o) { return i32(b, o) & 0xffffffffL | (long) i32(b, o + 4) << 32; }

    public static void put16(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
    }

    public static void put32(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
        b[o + 2] = (byte) (v >>> 16);
        b[o + 3] = (byte) (v >>> 24);
    }

    public static void put64(byte[] b, int o, long v) {
        put32(b, o, (int) v);
        put32(b, o + 4, (int) (v >>> 32));
    }

    /** A C string inside [o, o+len): stops at the first NUL. */
    public static String cstr(byte[] b, int o, int len) {
        int end = o;
        int lim = o + len;
        while (end < lim && b[end] != 0) end++;
        return new String(b, o, end - o, StandardCharsets.UTF_8);
    }
}
