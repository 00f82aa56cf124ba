package dev.falcoc.runtime.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The model of libsinsp's shared parameter-string storage behind evt.buffer of empty buffers. */
class ParamStringsTest {

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1).replace('\0', '|');
    }

    @Test
    void beforeAnyDataBufferAnEmptyOneIsEmpty() {
        assertEquals("", text(new ParamStrings().emptyBytebuf()));
    }

    @Test
    void emptyBufferIsNullOverLeftoversCutAtTheLastDataLength() {
        ParamStrings s = new ParamStrings();
        s.bytebuf("0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1));
        s.write("/etc/passwd");   // later renderings overwrite a prefix, with their NUL
        s.write("-2");
        assertEquals("NULL|passwd|cdef", text(s.emptyBytebuf()));
        // an empty buffer does not change the length: the same again
        assertEquals("NULL|passwd|cdef", text(s.emptyBytebuf()));
    }

    @Test
    void shortLastDataCutsNullItself() {
        ParamStrings s = new ParamStrings();
        s.bytebuf("abc".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("NUL", text(s.emptyBytebuf()));
    }

    @Test
    void growingKeepsTheContent() {
        ParamStrings s = new ParamStrings();
        s.bytebuf("x".repeat(3000).getBytes(StandardCharsets.ISO_8859_1));
        s.write(new byte[] {'a', 'b'}, 2);
        byte[] r = s.emptyBytebuf();
        assertEquals(3000, r.length);
        assertEquals("NULL|", text(r).substring(0, 5));
        assertEquals('x', (char) r[5]);
    }
}
