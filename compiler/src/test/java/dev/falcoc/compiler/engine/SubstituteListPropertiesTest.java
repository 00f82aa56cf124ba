package dev.falcoc.compiler.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.falcoc.compiler.load.SrcText;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The single-pass list substitution gives Falco's rewrite-per-occurrence result, origins included. */
class SubstituteListPropertiesTest {
    /** The substitution as it was written first: the whole text rebuilt at each occurrence. */
    static SrcText reference(SrcText cnd, Compiled.CList list, boolean[] used) {
        String name = list.name;
        int start = cnd.text().indexOf(name);
        while (start >= 0) {
            String t = cnd.text();
            int end = start + name.length();
            if ((start == 0 || isDelim(t.charAt(start - 1))) && (end >= t.length() || isDelim(t.charAt(end)))) {
                int origin = cnd.offsetAt(start);
                String file = cnd.fileAt(start);
                while (start > 0 && isBlank(t.charAt(start - 1))) start--;
                while (end < t.length() && isBlank(t.charAt(end))) end++;
                StringBuilder sub = new StringBuilder();
                for (String v : list.items) {
                    if (!sub.isEmpty()) sub.append(", ");
                    sub.append(RulesEngine.quoteItem(v));
                }
                if (sub.isEmpty()) {
                    if (start > 0 && t.charAt(start - 1) == ',') start--;
                    else if (end < t.length() && t.charAt(end) == ',') end++;
                }
                SrcText repl = file == null ? SrcText.synthetic(sub + " ") : SrcText.at(sub + " ", file, origin);
                SrcText next = start > 0 ? cnd.substring(0, start).concat(" ").concat(repl) : repl;
                if (end <= t.length()) next = next.concat(cnd.substring(end));
                cnd = next;
                start += sub.length() + 1;
                used[0] = true;
            }
            start = cnd.text().indexOf(name, start + 1);
        }
        return cnd;
    }

    private static boolean isBlank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

    private static boolean isDelim(char c) { return isBlank(c) || c == '(' || c == ')' || c == ',' || c == '='; }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("ab ,()=\t\nx").ofMaxLength(30);
    }

    @Provide
    Arbitrary<List<String>> items() {
        return Arbitraries.strings().withChars("ab x,").ofMaxLength(4).list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of("a", "ab", "b", "a b", "x,", "a(");
    }

    @Property(tries = 20000)
    void sameAsRewritingAtEachOccurrence(@ForAll("texts") String text, @ForAll("items") List<String> items,
                                         @ForAll("names") String name, @ForAll boolean synthetic, @ForAll boolean mixed) {
        SrcText cnd = synthetic ? SrcText.synthetic(text) : SrcText.at(text, "f.yaml", 7);
        if (mixed) cnd = SrcText.synthetic("(").concat(cnd).concat(") and ").concat(SrcText.at(text, "g.yaml", 3));
        Compiled.CList l = new Compiled.CList();
        l.name = name;
        l.items = new ArrayList<>(items);
        boolean[] u1 = {false}, u2 = {false};
        SrcText want = reference(cnd, l, u1);
        SrcText got = RulesEngine.substituteList(cnd, l, u2);
        assertEquals(want.text(), got.text());
        assertEquals(u1[0], u2[0]);
        for (int i = 0; i < want.length(); i++) {
            assertEquals(want.rawOffset(i), got.rawOffset(i), "offset " + i);
            assertEquals(want.rawFile(i), got.rawFile(i), "file " + i);
        }
    }
}
