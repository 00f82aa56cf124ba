package dev.falcoc.runtime.scap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.runtime.ScapException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading ahead on a second thread gives the same events, metadata at the same places, and errors at the same point. */
class PrefetchingSourceTest {
    @TempDir
    Path tmp;

    @Test
    void sameEventsAndMetadataInTheSameOrder() throws Exception {
        List<Path> captures = captures();
        assertTrue(captures.size() >= 2, "captures: " + captures);
        for (Path c : captures) {
            List<String> plain = new ArrayList<>(), ahead = new ArrayList<>(), small = new ArrayList<>();
            String e1 = replay(c, plain, 0), e2 = replay(c, ahead, 8192), e3 = replay(c, small, 7);
            assertEquals(plain, ahead, c.toString());
            assertEquals(plain, small, c + " in chunks of 7 events");
            assertEquals(e1, e2, c + ": error");
            assertEquals(e1, e3, c + ": error");
        }
    }

    @Test
    void aTruncatedCaptureFailsAfterTheSameEvents() throws Exception {
        byte[] all = plainBytes(Path.of("../test-rules/tests/captures/curl_google.scap"));
        for (int cut : new int[] {all.length / 3, all.length / 2 + 7, all.length - 5}) {
            Path f = tmp.resolve("cut" + cut + ".scap");
            Files.write(f, Arrays.copyOf(all, cut));
            List<String> plain = new ArrayList<>(), ahead = new ArrayList<>();
            String e1 = replay(f, plain, 0), e2 = replay(f, ahead, 5);
            assertTrue(e1 != null && e1.contains("corrupt capture"), "the cut capture fails: " + e1);
            assertEquals(e1, e2);
            assertEquals(plain, ahead);
            assertTrue(plain.size() > 10);
        }
    }

    /** Logs every event and metadata call; returns the capture error's message, or null. chunkEvents 0: no prefetching. */
    static String replay(Path capture, List<String> log, int chunkEvents) throws Exception {
        ScapSink sink = new ScapSink() {
            @Override public void process(ProcEntry p) { log.add("proc " + p.tid + " " + p.comm); }
            @Override public void fd(long tid, FdEntry fd) { log.add("fd " + tid + " " + fd.fd + " " + fd.name); }
            @Override public void user(long uid, long gid, String name, String home, String shell) { log.add("user " + uid + " " + name); }
            @Override public void machine(int numCpus, long memoryBytes, long maxPid, String hostname, long bootTs, long flags) { log.add("machine " + hostname); }
        };
        EventSource src = chunkEvents > 0 ? PrefetchingSource.open(capture, sink, false, chunkEvents) : ScapReader.open(capture, sink);
        try (src) {
            RawEvent ev = new RawEvent();
            while (src.next(ev)) {
                log.add(ev.cpu + " " + ev.dropFlags + " " + ev.blockOffset + " " + Arrays.hashCode(Arrays.copyOfRange(ev.buf, ev.off, ev.off + ev.len())));
            }
            return null;
        } catch (ScapException e) {
            return e.getMessage();
        }
    }

    static byte[] plainBytes(Path p) throws IOException {
        byte[] b = Files.readAllBytes(p);
        if (b.length < 2 || (b[0] & 0xff) != 0x1f || (b[1] & 0xff) != 0x8b) return b;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

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
