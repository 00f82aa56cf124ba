package dev.falcoc.runtime;

import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.runtime.scap.ScapReaderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link Inspector#preload} (the initial state read on the opening thread) changes nothing: the
 * same events, field values, counters and errors as a replay that reads it on its first event,
 * on every public trace and on damaged ones, with and without skipping bad blocks.
 */
class PreloadTest {
    private static final List<String> FIELDS = List.of("evt.num", "evt.type", "evt.args", "fd.name", "fd.types", "proc.cmdline",
            "proc.aname[2]", "proc.pid", "user.name", "group.name", "fd.sip", "fd.cport", "proc.cwd", "evt.hostname");

    /** Everything a replay of {@code f} shows: events, values, counters and the error it ends with. */
    static List<String> transcript(Path f, boolean preload, boolean skipBad) throws FieldResolver.FieldSyntaxException {
        FieldResolver res = FieldResolver.get();
        List<FieldResolver.Resolved> fields = new ArrayList<>();
        for (String n : FIELDS) fields.add(res.resolveExact(n));
        List<String> out = new ArrayList<>();
        try (Inspector in = Inspector.open(f)) {
            in.skipBadBlocks(skipBad);
            if (preload) in.preload();
            try {
                for (Object ctx; (ctx = in.next()) != null; ) {
                    StringBuilder b = new StringBuilder().append(in.eventCode(ctx)).append(' ').append(in.ts(ctx));
                    for (FieldResolver.Resolved r : fields) b.append(" | ").append(in.text(r, ctx));
                    out.add(b.toString());
                }
            } catch (ScapException e) {
                out.add("error: " + e.getMessage());
            }
            out.add("host " + in.hostname() + " threads " + in.threadCount() + " fds " + in.largestFdTable() + " skipped " + in.skippedBlocks()
                    + " first " + in.firstSkipped() + " parse errors " + in.parseErrors());
        } catch (ScapException e) {
            out.add("open error: " + e.getMessage());
        }
        return out;
    }

    @Test
    void publicTracesReplayTheSame() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(ScapReaderTest.traces())) { files = s.filter(p -> p.toString().endsWith(".scap")).sorted().toList(); }
        for (Path f : files) assertEquals(transcript(f, false, false), transcript(f, true, false), f.toString());
    }

    @Test
    void damagedCapturesFailTheSame(@TempDir Path tmp) throws Exception {
        byte[] plain = ScapReaderTest.plain(ScapReaderTest.traces().resolve("curl_google.scap"));
        Random rnd = new Random(3);
        for (int round = 0; round < 40; round++) {
            byte[] b = plain.clone();
            // damage the metadata blocks at the start (what preload reads) as often as the rest
            int span = round % 2 == 0 ? Math.min(b.length, 64 * 1024) : b.length;
            int hits = 1 + rnd.nextInt(10);
            for (int k = 0; k < hits; k++) b[rnd.nextInt(span)] = (byte) rnd.nextInt(256);
            if (round % 5 == 0) b = java.util.Arrays.copyOf(b, rnd.nextInt(Math.min(b.length, 200_000)));
            Path f = tmp.resolve("bad" + round + ".scap");
            Files.write(f, b);
            boolean skip = round % 3 == 0;
            assertEquals(transcript(f, false, skip), transcript(f, true, skip), "round " + round);
        }
    }
}
