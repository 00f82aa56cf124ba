package dev.falcoc.runtime.scap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Little-endian reads and writes on byte arrays (the .scap byte order). */
public final class Bytes {
    private static final VarHandle I16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Bytes() {}

    public static int u8(byte[] b, int o) { return b[o] & 0xff; }
    public static int u16(byte[] b, int o) { return (short) I16.get(b, o) & 0xffff; }
    public static short i16(byte[] b, int o) { return (short) I16.get(b, o); }
    public static int i32(byte[] b, int o) { return (int) I32.get(b, o); }
    public static long u32(byte[] b, int o) { return (int) I32.get(b, o) & 0xffffffffL; }
    public static long i64(byte[] b, int o) { return (long) I64.get(b, o); }

    public static void put16(byte[] b, int o, int v) { I16.set(b, o, (short) v); }
    public static void put32(byte[] b, int o, int v) { I32.set(b, o, v); }
    public static void put64(byte[] b, int o, long v) { I64.set(b, o, v); }

    /** A C string inside [o, o+len): stops at the first NUL. */
    public static String cstr(byte[] b, int o, int len) {
        int end = o;
        int lim = o + len;
        while (end < lim && b[end] != 0) end++;
        return new String(b, o, end - o, StandardCharsets.UTF_8);
    }
}
