package dev.falcoc.runtime;

import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.runtime.scap.ScapReaderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Damaged captures give a ScapException naming an offset, never another exception. */
class CorruptCaptureTest {
    @Test
    void randomDamageNeverEscapesAsAnotherException(@TempDir Path tmp) throws Exception {
        byte[] plain = ScapReaderTest.plain(ScapReaderTest.traces().resolve("curl_google.scap"));
        FieldResolver res = FieldResolver.get();
        List<FieldResolver.Resolved> fields = List.of(res.resolveExact("evt.args"), res.resolveExact("fd.name"),
                res.resolveExact("proc.cmdline"), res.resolveExact("proc.aname[2]"), res.resolveExact("evt.arg[1]"));
        Random rnd = new Random(42);
        int failures = 0;
        for (int round = 0; round < 60; round++) {
            byte[] b = plain.clone();
            int hits = 1 + rnd.nextInt(20);
            for (int k = 0; k < hits; k++) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
            if (round % 3 == 0) b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
            Path f = tmp.resolve("bad" + round + ".scap");
            Files.write(f, b);
            try (Inspector in = Inspector.open(f)) {
                for (Object ctx; (ctx = in.next()) != null; ) {
                    for (FieldResolver.Resolved r : fields) {
                        in.text(r, ctx);
                        in.jsonValue(r, ctx);
                    }
                }
            } catch (ScapException e) {
                failures++;
                assertTrue(e.getMessage().contains("offset") || e.getMessage().contains("capture"), e.getMessage());
            }
        }
        assertTrue(failures > 0, "some damage should be detected");
    }

    @Test
    void missingFileIsAScapException() {
        ScapException e = assertThrows(ScapException.class, () -> Inspector.open(Path.of("/nonexistent/x.scap")));
        assertTrue(e.getMessage().contains("No such file"));
    }
}
