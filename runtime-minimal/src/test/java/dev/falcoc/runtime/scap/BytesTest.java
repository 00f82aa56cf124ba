package dev.falcoc.runtime.scap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bytes' shift arithmetic reads and writes what a little-endian ByteBuffer does, and checks bounds. */
class BytesTest {
    @Test
    void agreesWithLittleEndianByteBuffers() {
        Random rnd = new Random(3);
        byte[] b = new byte[64];
        for (int round = 0; round < 2000; round++) {
            rnd.nextBytes(b);
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            int o = rnd.nextInt(b.length - 8);
            assertEquals(bb.getShort(o) & 0xffff, Bytes.u16(b, o));
            assertEquals(bb.getShort(o), Bytes.i16(b, o));
            assertEquals(bb.getInt(o), Bytes.i32(b, o));
            assertEquals(bb.getInt(o) & 0xffffffffL, Bytes.u32(b, o));
            assertEquals(bb.getLong(o), Bytes.i64(b, o));
            long v = rnd.nextLong();
            byte[] x = b.clone(), y = b.clone();
            ByteBuffer xb = ByteBuffer.wrap(x).order(ByteOrder.LITTLE_ENDIAN);
            switch (round % 3) {
                case 0 -> { xb.putShort(o, (short) v); Bytes.put16(y, o, (int) v); }
                case 1 -> { xb.putInt(o, (int) v); Bytes.put32(y, o, (int) v); }
                default -> { xb.putLong(o, v); Bytes.put64(y, o, v); }
            }
            assertArrayEquals(x, y);
        }
    }

    @Test
    void outOfRangeThrowsAndWritesNothing() {
        byte[] b = new byte[6];
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.i32(b, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.i64(b, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.put32(b, 4, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.put64(b, 0, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> Bytes.put16(b, 5, -1));
        assertArrayEquals(new byte[6], b);
    }
}
