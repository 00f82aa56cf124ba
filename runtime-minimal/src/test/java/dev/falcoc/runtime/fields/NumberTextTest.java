package dev.falcoc.runtime.fields;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.falcoc.compiler.schema.FieldType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

/**
 * Text of numeric fields in alert outputs, as libsinsp's rawval_to_string prints them: DOUBLE with
 * C's "%.1lf", the 10_PADDED_DEC format with "%09", HEX as "%X" of the field's width. None of these
 * fields is in the outputs oracle's rules, so the expected texts are the C formats' own results.
 */
class NumberTextTest {
    @Test
    void doublesPrintWithOneDecimalRoundedLikeC() {
        // glibc rounds the exact binary value half-even
        assertEquals("0.2", SyscallFieldBinder.oneDecimal(0.25));
        assertEquals("0.1", SyscallFieldBinder.oneDecimal(0.15));   // 0.1499999999999999944...
        assertEquals("0.1", SyscallFieldBinder.oneDecimal(0.05));   // 0.0500000000000000027...
        assertEquals("0.3", SyscallFieldBinder.oneDecimal(0.35));   // 0.3499999999999999777...
        assertEquals("0.5", SyscallFieldBinder.oneDecimal(0.45));   // 0.4500000000000000111...
    }

    @Test
    void doublesOfTheTraces() {
        // values proc.fdusage and thread.cpu take in the public traces (oracle/fields)
        assertEquals("0.2", SyscallFieldBinder.oneDecimal(0.177001953125));
        assertEquals("0.0", SyscallFieldBinder.oneDecimal(0.005626678466796875));
        assertEquals("1.4", SyscallFieldBinder.oneDecimal(1.3671875));
        assertEquals("0.0", SyscallFieldBinder.oneDecimal(0.0));
        assertEquals("12.0", SyscallFieldBinder.oneDecimal(12.0));
    }

    @Test
    void signsAndSpecialValuesAsC() {
        assertEquals("-0.0", SyscallFieldBinder.oneDecimal(-0.04));
        assertEquals("-0.0", SyscallFieldBinder.oneDecimal(-0.0));
        assertEquals("-2.5", SyscallFieldBinder.oneDecimal(-2.5));
        assertEquals("inf", SyscallFieldBinder.oneDecimal(Double.POSITIVE_INFINITY));
        assertEquals("-inf", SyscallFieldBinder.oneDecimal(Double.NEGATIVE_INFINITY));
        assertEquals("nan", SyscallFieldBinder.oneDecimal(Double.NaN));
    }

    /** Every double in range prints as its exact decimal expansion rounded half-even to one place. */
    @Property(tries = 2000)
    void oneDecimalIsTheExactValueRoundedHalfEven(@ForAll @DoubleRange(min = 0, max = 1e6) double d) {
        String want = new BigDecimal(d).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
        assertEquals(want, SyscallFieldBinder.oneDecimal(d));
        assertEquals(2, want.length() - want.indexOf('.'));
    }

    @Test
    void paddedDecimalIsNineDigitsWide() {
        assertEquals("000001234", SyscallFieldBinder.padded(1234, FieldType.RELTIME));
        assertEquals("000000000", SyscallFieldBinder.padded(0, FieldType.ABSTIME));
        assertEquals("999999999", SyscallFieldBinder.padded(999_999_999, FieldType.ABSTIME));
        assertEquals("1522704422999999999", SyscallFieldBinder.padded(1_522_704_422_999_999_999L, FieldType.RELTIME));
        assertEquals("-00000005", SyscallFieldBinder.padded(-5, FieldType.INT64));
        assertEquals("18446744073709551615", SyscallFieldBinder.padded(-1, FieldType.UINT64));
    }

    @Test
    void hexIsUpperCaseOfTheFieldsWidth() {
        assertEquals("803", SyscallFieldBinder.hex(0x803, FieldType.INT32));
        assertEquals("FFFFFFFF", SyscallFieldBinder.hex(-1, FieldType.INT32));
        assertEquals("FF", SyscallFieldBinder.hex(-1, FieldType.UINT8));
        assertEquals("FFFFFFFF", SyscallFieldBinder.hex(-1, FieldType.INT8));
        assertEquals("FFFFFFFFFFFFFFFF", SyscallFieldBinder.hex(-1, FieldType.INT64));
    }
}
