package dev.falcoc.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The parser's hand-written token scanners end where the regular expressions they replace do. */
class TokenScannerPropertiesTest {
    private static final Pattern NOT_BLANK = Pattern.compile("not[ \\t\\n\\x0B\\f\\r]+");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z]+[a-zA-Z0-9_]*");
    private static final Pattern FIELD_NAME = Pattern.compile("[a-zA-Z]+[a-zA-Z0-9_]*(\\.[a-zA-Z]+[a-zA-Z0-9_]*)+");
    private static final Pattern FIELD_ARG_BARE = Pattern.compile("[^\\]\\[\"' \\t\\n\\x0B\\f\\r]+");
    private static final Pattern HEX_NUMBER = Pattern.compile("0[xX][0-9a-fA-F]+");
    private static final Pattern NUMBER = Pattern.compile("[+\\-]?[0-9]+\\.?[0-9]*([eE][+\\-][0-9]+)?");
    private static final Pattern BARE_STR = Pattern.compile("[^()\"' \\t\\n\\x0B\\f\\r=,]+");

    private static int regexEnd(Pattern p, String s, int i) {
        Matcher m = p.matcher(s).region(i, s.length());
        return m.lookingAt() ? m.end() : i;
    }

    @Provide
    Arbitrary<String> soup() {
        return Arbitraries.strings().withChars("notxXeE0123456789abfAF_.+-=,()[]\"' \t\n\u000B\f\r\b\u00e9\uff10").ofMaxLength(14);
    }

    @Property(tries = 20000)
    void scannersAgreeWithRegexes(@ForAll("soup") String s) {
        for (int i = 0; i < s.length(); i++) {
            assertEquals(regexEnd(NOT_BLANK, s, i), ConditionParser.scanNotBlank(s, i), s);
            assertEquals(regexEnd(IDENTIFIER, s, i), ConditionParser.scanIdentifier(s, i), s);
            assertEquals(regexEnd(FIELD_NAME, s, i), ConditionParser.scanFieldName(s, i), s);
            assertEquals(regexEnd(FIELD_ARG_BARE, s, i), ConditionParser.scanExcluding(s, i, "][\"' \t\n\u000B\f\r"), s);
            assertEquals(regexEnd(HEX_NUMBER, s, i), ConditionParser.scanHex(s, i), s);
            assertEquals(regexEnd(NUMBER, s, i), ConditionParser.scanNumber(s, i), s);
            assertEquals(regexEnd(BARE_STR, s, i), ConditionParser.scanExcluding(s, i, "()\"' \t\n\u000B\f\r=,"), s);
        }
    }
}
