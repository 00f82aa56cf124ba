package dev.falcoc.runtime.fields;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** FdFields.parent (cached) against the computation it caches, over paths that collide in its table. */
class ParentDirTest {
    static String reference(String n) {
        int pos = n.lastIndexOf('/');
        if (pos > 0) { if (pos < n.length() - 1) n = n.substring(0, pos); }
        else n = "/";
        return n;
    }

    @Test
    void sameAsUncached() {
        Random rnd = new Random(13);
        String[] parts = {"/", "a", "b", "/usr", "/lib", "x.so", "/"};
        for (int i = 0; i < 300_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = rnd.nextInt(6); k >= 0; k--) b.append(parts[rnd.nextInt(parts.length)]);
            String p = b.toString();
            assertEquals(reference(p), FdFields.parent(p), p);
        }
    }

    /** ArgRender.flagNames (cached) against the computation it caches, for every flags parameter of the schema. */
    @Test
    void flagNamesSameAsUncached() {
        Random rnd = new Random(17);
        var schema = dev.falcoc.runtime.event.EventSchema.get();
        java.util.List<dev.falcoc.runtime.event.EventSchema.Param> flagParams = new java.util.ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            var e = schema.event(c);
            if (e == null) continue;
            for (var p : e.params()) if (p.flagNames().length > 0) flagParams.add(p);
        }
        org.junit.jupiter.api.Assertions.assertFalse(flagParams.isEmpty());
        for (int i = 0; i < 200_000; i++) {
            var p = flagParams.get(rnd.nextInt(flagParams.size()));
            long[] vals = p.flagValues();
            long v = rnd.nextInt(3) == 0 ? rnd.nextInt(64) : vals[rnd.nextInt(vals.length)] | (rnd.nextBoolean() ? vals[rnd.nextInt(vals.length)] : 0);
            boolean en = rnd.nextBoolean();
            assertEquals(ArgRender.flagNamesOf(p, v, en), ArgRender.flagNames(p, v, en));
        }
    }
}
