package dev.falcoc.compiler.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HelmValuesTest {
    /** Every decoded character maps to the same character in values.yaml (line breaks may fold to spaces). */
    private static void assertAligned(String values, HelmValues.EmbeddedRules e) {
        assertEquals(e.text().length(), e.offsets().length);
        int prev = -1;
        for (int i = 0; i < e.text().length(); i++) {
            char c = e.text().charAt(i);
            int o = e.offsets()[i];
            assertTrue(o > prev, "offsets increase at " + i);
            prev = o;
            char r = values.charAt(o);
            assertTrue(r == c || (c == ' ' && r == '\n') || (c == '\n' && r == '\\') || r == '\\',
                    "char " + i + " '" + c + "' maps to '" + r + "' in " + e.key());
        }
    }

    private static int offsetOf(String values, String needle) {
        int i = values.indexOf(needle);
        assertTrue(i >= 0, needle);
        return i;
    }

    @Test
    void detectsValuesNotRules() {
        assertTrue(HelmValues.detect("customRules:\n  a.yaml: |\n    - list: l\n      items: []\n"));
        assertTrue(HelmValues.detect("falco:\n  customRules:\n    a.yaml: x\n"));
        assertTrue(HelmValues.detect("apiVersion: v1\nkind: ConfigMap\ndata:\n  a.yaml: |\n    - list: l\n"));
        assertFalse(HelmValues.detect("- list: customRules\n  items: []\n"));
        assertFalse(HelmValues.detect("customRules: [\n"));
        assertFalse(HelmValues.detect("driver:\n  kind: ebpf\n"));
        // the quick text test must not miss keys spelled with escapes or an escaped line break
        assertTrue(HelmValues.detect("\"custom\\x52ules\":\n  a.yaml: x\n"));
        assertTrue(HelmValues.detect("kind: \"Config\\\n  Map\"\ndata:\n  a.yaml: x\n"));
        assertFalse(HelmValues.detect("- rule: r\n  condition: proc.name = \"a\\tb\"\n"));
    }

    @Test
    void literalFoldedQuotedAndIndicators() {
        String values = """
                customRules:
                  b-literal.yaml: |
                    - rule: L
                      condition: evt.type = open and  fd.name = x
                  a-folded.yaml: >-
                    - rule: F

                      condition: >
                        evt.type = open and
                        fd.name = y
                  c-indicator.yaml: |2
                      - rule: I
                        condition: proc.name = z
                  d-double.yaml: "- rule: D\\n  condition: proc.name = \\"q\\"\\n"
                  e-single.yaml: '- rule: S
                    condition: proc.name = ''s'''
                  f-keep.yaml: |+
                    - list: K
                      items: [k]

                other: 1
                """;
        List<HelmValues.EmbeddedRules> all = HelmValues.extract("values.yaml", values);
        assertEquals(List.of("a-folded.yaml", "b-literal.yaml", "c-indicator.yaml", "d-double.yaml", "e-single.yaml", "f-keep.yaml"),
                all.stream().map(HelmValues.EmbeddedRules::key).toList(), "mount order: sorted");
        for (HelmValues.EmbeddedRules e : all) {
            if (!e.key().startsWith("d-")) assertAligned(values, e);
        }
        HelmValues.EmbeddedRules lit = all.get(1);
        assertEquals(offsetOf(values, "fd.name = x"), lit.toValuesOffset(lit.text().indexOf("fd.name")));
        assertEquals(offsetOf(values, " fd.name = x") , lit.toValuesOffset(lit.text().indexOf(" fd.name")), "spaces inside content map exactly");
        HelmValues.EmbeddedRules folded = all.getFirst();
        assertEquals(offsetOf(values, "fd.name = y"), folded.toValuesOffset(folded.text().indexOf("fd.name = y")));
        HelmValues.EmbeddedRules ind = all.get(2);
        assertEquals("  - rule: I\n    condition: proc.name = z\n", ind.text(), "indicator 2 keeps two spaces");
        assertEquals(offsetOf(values, "- rule: I"), ind.toValuesOffset(2));
        HelmValues.EmbeddedRules dq = all.get(3);
        assertEquals(offsetOf(values, "q\\\""), dq.toValuesOffset(dq.text().indexOf('q')));
        HelmValues.EmbeddedRules sq = all.get(4);
        assertEquals(offsetOf(values, "proc.name = ''s"), sq.toValuesOffset(sq.text().indexOf("proc.name")));
        assertEquals(offsetOf(values, "customRules:\n  b-literal") + 15, lit.keyOffset());
    }
}
