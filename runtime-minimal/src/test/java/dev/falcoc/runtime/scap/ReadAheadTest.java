package dev.falcoc.runtime.scap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The background reader hands out exactly the source's bytes, in order, and its errors after them. */
class ReadAheadTest {

    /** A source that returns at most {@code step} bytes per read, as a pipe or a socket may. */
    private static InputStream trickle(byte[] data, int step) {
        return new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    private static byte[] drain(InputStream in, Random rnd) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = new byte[3 * ReadAhead.CHUNK];
        while (true) {
            if (rnd.nextInt(8) == 0) {
                int c = in.read();
                if (c < 0) break;
                out.write(c);
                continue;
            }
            int off = rnd.nextInt(16);
            int n = in.read(b, off, rnd.nextInt(b.length - off));
            if (n < 0) break;
            out.write(b, off, n);
        }
        return out.toByteArray();
    }

    @Property(tries = 40)
    void givesTheSourcesBytesInOrder(@ForAll @IntRange(max = 3 * ReadAhead.CHUNK + 17) int size,
                                     @ForAll @IntRange(min = 1, max = 100_000) int step,
                                     @ForAll long seed) throws IOException {
        Random rnd = new Random(seed);
        byte[] data = new byte[size];
        rnd.nextBytes(data);
        try (ReadAhead in = new ReadAhead(trickle(data, step), "test")) {
            assertArrayEquals(data, drain(in, rnd));
            assertEquals(-1, in.read(), "the end stays the end");
            assertEquals(-1, in.read(new byte[4], 0, 4));
        }
    }

    @Test
    void anErrorComesAfterTheBytesBeforeIt() throws IOException {
        byte[] data = new byte[ReadAhead.CHUNK + 1000];
        new Random(7).nextBytes(data);
        InputStream failing = new InputStream() {
            int at;

            @Override
            public int read() throws IOException {
                if (at == data.length) throw new IOException("disk on fire");
                return data[at++] & 0xff;
            }
        };
        try (ReadAhead in = new ReadAhead(failing, "test")) {
            byte[] got = new byte[data.length];
            int n = 0;
            while (n < got.length) n += in.read(got, n, got.length - n);
            assertArrayEquals(data, got);
            IOException e = assertThrows(IOException.class, () -> in.read(new byte[10], 0, 10));
            assertEquals("disk on fire", e.getMessage());
        }
    }

    @Test
    void closingEarlyStopsTheReaderAndClosesTheSource() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            boolean[] closed = {false};
            InputStream endless = new InputStream() {
                @Override
                public int read() {
                    return 1;
                }

                @Override
                public void close() {
                    closed[0] = true;
                }
            };
            ReadAhead in = new ReadAhead(endless, "test");
            assertEquals(1, in.read());
            in.close();
            assertTrue(closed[0]);
        });
    }

    @Test
    void anEmptySourceEndsAtOnce() throws IOException {
        try (ReadAhead in = new ReadAhead(new ByteArrayInputStream(new byte[0]), "test")) {
            assertEquals(-1, in.read(new byte[8], 0, 8));
            assertEquals(0, in.read(new byte[8], 0, 0));
        }
    }
}
