package dev.falcoc.runtime.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.falcoc.runtime.event.EventSchema.Fmt;
import dev.falcoc.runtime.event.EventSchema.PT;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * evt.rawarg.* values printed with the parameter's own type and format, as libsinsp's
 * rawval_to_string / rawval_to_json do (expected texts are C printf's for those formats).
 */
class RawArgTextTest {
    @Test
    void flagsAndModesPrintInTheirParametersFormat() {
        // open's flags: FLAGS32 in hex; its mode: UINT32 in octal; dev: UINT32 in hex
        assertEquals("1001", RawArgText.text(4097, PT.FLAGS32, Fmt.HEX));
        assertEquals("1001", RawArgText.json(4097, PT.FLAGS32, Fmt.HEX));
        assertEquals("644", RawArgText.text(0644, PT.UINT32, Fmt.OCT));
        assertEquals("644", RawArgText.json(0644, PT.UINT32, Fmt.OCT));
        assertEquals("803", RawArgText.text(0x803, PT.UINT32, Fmt.HEX));
        assertEquals("FF", RawArgText.text(-1, PT.UINT8, Fmt.HEX));
        assertEquals("FFFFFFFF", RawArgText.text(-1, PT.INT32, Fmt.HEX)); // promoted to int
        assertEquals("37777777777", RawArgText.text(-1, PT.INT8, Fmt.OCT));
    }

    @Test
    void decimalValuesAreNumbersInJson() {
        assertEquals("3", RawArgText.text(3, PT.FD, Fmt.DEC));
        assertEquals(3L, RawArgText.json(3, PT.FD, Fmt.DEC));
        assertEquals(-2L, RawArgText.json(-2, PT.ERRNO, Fmt.DEC));
        assertEquals(8192L, RawArgText.json(8192, PT.UINT32, Fmt.DEC));
        assertEquals("18446744073709551615", RawArgText.text(-1, PT.UINT64, Fmt.DEC));
        assertEquals(new BigInteger("18446744073709551615"), RawArgText.json(-1, PT.UINT64, Fmt.DEC));
        assertEquals(true, RawArgText.json(1, PT.BOOL, Fmt.NA));
        assertEquals("false", RawArgText.text(0, PT.BOOL, Fmt.NA));
    }

    @Test
    void formatsWithoutARenderingAsLibsinsp() {
        // a 64-bit signed value without a format prints in decimal, and is that text in JSON
        assertEquals("3", RawArgText.text(3, PT.FD, Fmt.NA));
        assertEquals("3", RawArgText.json(3, PT.FD, Fmt.NA));
        // unsigned values without a format have no text (<NA>) and no JSON value
        assertNull(RawArgText.text(5, PT.UINT64, Fmt.NA));
        assertNull(RawArgText.json(5, PT.UINT32, Fmt.NA));
        assertEquals("000000042", RawArgText.text(42, PT.RELTIME, Fmt.PADDED_DEC));
        // types libsinsp does not render this way are left to the field's generic rendering
        assertSame(RawArgText.OTHER, RawArgText.text(1, PT.SOCKTUPLE, Fmt.NA));
        assertSame(RawArgText.OTHER, RawArgText.json(1, PT.MODE, Fmt.OCT));
    }
}
