package dev.falcoc.runtime.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-scanned loader of events.tsv must read the table exactly as a plain split-based reading does. */
class EventSchemaLoadTest {
    @Test
    void everyEventAndParameterMatchesAPlainReadingOfTheTable() throws Exception {
        String text;
        try (InputStream in = EventSchema.class.getResourceAsStream("/dev/falcoc/runtime/events.tsv")) {
            assertNotNull(in);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        EventSchema schema = EventSchema.get();
        int lines = 0, params = 0, flagged = 0;
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) continue;
            lines++;
            String[] r = line.split("\t", -1);
            EventSchema.Event e = schema.event(Integer.parseInt(r[0]));
            assertNotNull(e, line);
            assertEquals(Integer.parseInt(r[0]), e.id());
            assertEquals(r[1].equals(">"), e.enter(), line);
            assertEquals(r[2], e.name());
            assertEquals(Integer.parseInt(r[3]), e.category(), line);
            String[] flagNames = {"CREATES_FD", "DESTROYS_FD", "USES_FD", "READS_FROM_FD", "WRITES_TO_FD", "MODIFIES_STATE",
                    "UNUSED", "WAITS", "SKIPPARSERESET", "OLD_VERSION", "CONVERTER_MANAGED", "LARGE_PAYLOAD"};
            int flags = 0;
            if (!r[4].equals("-")) for (String f : r[4].split(","))
                for (int i = 0; i < flagNames.length; i++) if (flagNames[i].equals(f)) flags |= 1 << i;
            assertEquals(flags, e.flags(), line);
            String[] ps = r[5].equals("-") ? new String[0] : r[5].split("\\|");
            assertEquals(ps.length, e.nparams(), line);
            for (int i = 0; i < ps.length; i++) {
                String[] f = ps[i].split(":", 5);
                EventSchema.Param p = e.params()[i];
                assertEquals(f[0], p.name(), line);
                assertEquals(EventSchema.PT.valueOf(f[1]), p.type(), line);
                assertEquals(EventSchema.Fmt.valueOf(f[2]), p.fmt(), line);
                assertEquals(Integer.parseInt(f[3]), p.dirfd(), line);
                Map<String, Long> vals = new LinkedHashMap<>();
                if (!f[4].isEmpty()) for (String kv : f[4].split(",")) {
                    int eq = kv.lastIndexOf('=');
                    vals.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
                }
                assertArrayEquals(vals.keySet().toArray(new String[0]), p.flagNames(), line);
                assertArrayEquals(vals.values().stream().mapToLong(Long::longValue).toArray(), p.flagValues(), line);
                params++;
                if (!vals.isEmpty()) flagged++;
            }
        }
        // the table is the libs schema: hundreds of events, a good share of parameters with flag tables
        assertEquals(lines, schema.size(), "one event per line, codes 0..n-1");
        org.junit.jupiter.api.Assertions.assertTrue(lines > 300 && params > 800 && flagged > 50, lines + " " + params + " " + flagged);
    }
}
