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
}
