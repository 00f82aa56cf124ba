package dev.falcoc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.runtime.event.EventSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Passing over unneeded events ({@link Inspector#skipUnneededEvents}) changes nothing rules see:
 * on every capture at hand, the events of the rules' types come with the same evt.num and the
 * same values of state-dependent fields as in a full replay, and no event is lost from the count.
 */
class SkipUnneededEventsTest {
    /** The event types of the imagined rules: files, processes, network. */
    static final Set<String> RULE_TYPES = Set.of("open", "openat", "openat2", "execve", "connect", "accept", "sendto", "unlink");
    static final List<String> FIELDS = List.of("evt.num", "evt.time", "evt.deltatime", "evt.latency", "evt.res", "thread.tid",
            "proc.pid", "proc.name", "proc.pname", "proc.aname[3]", "proc.cmdline", "proc.cwd", "proc.vmsize", "user.uid",
            "user.name", "fd.num", "fd.name", "fd.type", "fd.sip", "fd.cport", "proc.duration", "thread.ismain");

    @Test
    void rulesSeeTheSameEventsAndValues() throws Exception {
        List<Path> captures = captures();
        assertTrue(captures.size() >= 2, "captures found: " + captures);
        BitSet codes = new BitSet();
        EventSchema s = EventSchema.get();
        for (int c = 0; c < s.size(); c++) if (s.event(c) != null && RULE_TYPES.contains(s.event(c).name())) codes.set(c);
        long totalSkipped = 0;
        for (Path capture : captures) {
            for (boolean counters : new boolean[] {false, true}) {
                Replay full = replay(capture, null, counters);
                Replay skipping = replay(capture, codes, counters);
                assertEquals(full.seen, skipping.seen, capture + ": values of the rules' events");
                assertEquals(full.shown, skipping.shown + skipping.skipped, capture + ": events counted");
                totalSkipped += skipping.skipped;
            }
        }
        assertTrue(totalSkipped > 1000, "the captures have events to pass over: " + totalSkipped);
    }

    record Replay(List<String> seen, long shown, long skipped) {}

    static Replay replay(Path capture, BitSet codes, boolean counters) throws Exception {
        FieldResolver res = FieldResolver.get();
        List<FieldResolver.Resolved> fields = new ArrayList<>();
        for (String f : FIELDS) {
            // without counters in use, context switches are passed over and memory sizes may lag
            if (counters || !f.startsWith("proc.vm")) fields.add(res.resolvePrefix(f));
        }
        List<String> seen = new ArrayList<>();
        long shown = 0;
        try (Inspector in = Inspector.open(capture)) {
            if (codes != null) in.skipUnneededEvents(codes, counters);
            for (Object ctx; (ctx = in.next()) != null; ) {
                shown++;
                if (!RULE_TYPES.contains(Inspector.eventName(in.eventCode(ctx)))) continue;
                StringBuilder b = new StringBuilder(Inspector.eventName(in.eventCode(ctx)));
                for (FieldResolver.Resolved f : fields) b.append(' ').append(in.text(f, ctx));
                seen.add(b.toString());
            }
            return new Replay(seen, shown, in.skippedEvents());
        }
    }

    /** The bundled rule-test captures, and the public traces of ../shared when present. */
    static List<Path> captures() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path dir : List.of(Path.of("../test-rules/tests/captures"), Path.of(System.getProperty("falcoc.shared", "../../shared"), "traces"))) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> l = Files.list(dir)) {
                l.filter(p -> p.toString().endsWith(".scap")).sorted().forEach(out::add);
            }
        }
        return out;
    }
}
