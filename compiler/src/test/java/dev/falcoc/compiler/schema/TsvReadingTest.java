package dev.falcoc.compiler.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-split table reader gives the rows that readLine + split("\t", -1) give, for every bundled table. */
class TsvReadingTest {
    @ParameterizedTest
    @ValueSource(strings = {"events.tsv", "field-classes.tsv", "fields.tsv", "ppm-sc.tsv", "syscall-names.tsv", "syscalls-x86_64.tsv"})
    void rowsAreThoseOfAPlainLineByLineSplit(String resource) throws Exception {
        List<String[]> expected = new ArrayList<>();
        try (InputStream in = FieldCatalog.class.getResourceAsStream("/dev/falcoc/schema/" + resource)) {
            BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = br.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                expected.add(line.split("\t", -1));
            }
        }
        List<String[]> actual = FieldCatalog.tsv(resource);
        assertTrue(expected.size() > 3, resource + " has rows");
        assertEquals(expected.size(), actual.size(), resource);
        for (int i = 0; i < expected.size(); i++) assertEquals(Arrays.asList(expected.get(i)), Arrays.asList(actual.get(i)), resource + " row " + i);
    }

    /** Random text over the characters that matter (tabs, the three line ends, comments, empty cells). */
    @net.jqwik.api.Property(tries = 2000)
    void anyTextSplitsAsReadLineAndSplitDo(@net.jqwik.api.ForAll("tables") String text) throws Exception {
        List<String> expected = new ArrayList<>();
        BufferedReader br = new BufferedReader(new java.io.StringReader(text));
        for (String line; (line = br.readLine()) != null; ) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            expected.add(Arrays.asList(line.split("\t", -1)).toString());
        }
        List<String> actual = new ArrayList<>();
        for (String[] r : FieldCatalog.rows(text)) actual.add(Arrays.asList(r).toString());
        assertEquals(expected, actual);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> tables() {
        return net.jqwik.api.Arbitraries.strings().withChars('a', 'b', '#', '\t', '\n', '\r', ' ').ofMaxLength(60);
    }
}
