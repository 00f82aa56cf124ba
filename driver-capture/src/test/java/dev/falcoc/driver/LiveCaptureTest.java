package dev.falcoc.driver;

import dev.falcoc.runtime.event.EventSchema;
import dev.falcoc.runtime.scap.Bytes;
import dev.falcoc.runtime.scap.RawEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The probe and the ring reader on this host; skipped loudly where eBPF cannot run. */
class LiveCaptureTest {
    static String skip;

    @BeforeAll
    static void canRun() {
        if (!LiveCapture.probeBuilt()) skip = "the eBPF probe was not built (clang/bpftool/libbpf-dev missing at build time)";
        else if (LiveCapture.privilegeProblem() != null) skip = LiveCapture.privilegeProblem();
        else if (!Files.exists(Path.of("/sys/kernel/btf/vmlinux"))) skip = "the kernel has no BTF";
        if (skip != null) System.err.println("\n*** LIVE DRIVER TESTS SKIPPED: " + skip + " ***\n");
    }

    static void sh(String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    }

    static void drainUntilEmpty(LiveCapture c, java.util.function.Consumer<RawEvent> each) throws Exception {
        RawEvent ev = new RawEvent();
        Thread stopper = new Thread(() -> {
            try { Thread.sleep(1500); } catch (InterruptedException e) { return; }
            c.stop();
        });
        stopper.start();
        while (c.next(ev)) each.accept(ev);
        stopper.join();
    }

    @Test
    void eventsAreWellFormedExitOnlyRecordsInTimestampOrder() throws Exception {
        assumeTrue(skip == null, () -> "LIVE DRIVER TESTS SKIPPED: " + skip);
        Path f = Files.createTempFile("falcoc-probe", ".txt");
        try (LiveCapture c = LiveCapture.open(Set.of(257, 3))) { // openat, close
            sh("cat " + f + " > /dev/null");
            EventSchema schema = EventSchema.get();
            long[] last = {0};
            int[] found = {0};
            drainUntilEmpty(c, ev -> {
                long ts = ev.ts();
                assertTrue(ts >= last[0], "events merged out of timestamp order");
                last[0] = ts;
                EventSchema.Event info = schema.event(ev.type());
                assertEquals(info.nparams(), ev.nparams(), "parameter count of " + info.name());
                int sum = RawEvent.HEADER + 2 * ev.nparams();
                for (int i = 0; i < ev.nparams(); i++) sum += Bytes.u16(ev.buf, ev.off + RawEvent.HEADER + 2 * i);
                assertEquals(ev.len(), sum, "length of " + info.name());
                if (info.name().equals("openat") && !info.enter()) {
                    int p = ev.off + RawEvent.HEADER + 2 * ev.nparams() + 16; // after fd and dirfd
                    int l = Bytes.u16(ev.buf, ev.off + RawEvent.HEADER + 4);
                    if (Bytes.cstr(ev.buf, p, l).equals(f.toString())) found[0]++;
                }
            });
            assertEquals(1, found[0], "openat exit of the file cat read");
            assertTrue(Math.abs(last[0] / 1_000_000_000L - System.currentTimeMillis() / 1000) < 60, "timestamps are epoch ns");
            assertEquals(0, c.counters().drops());
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Test
    void aFullRingCountsDropsPerCpuAndKeepsWhatWasWritten() throws Exception {
        assumeTrue(skip == null, () -> "LIVE DRIVER TESTS SKIPPED: " + skip);
        try (LiveCapture c = LiveCapture.open(Set.of(257))) {
            // nobody reads while ~300k openat enter+exit pairs (far more than 2 x 8 MiB) are produced
            sh("for i in $(seq 300000); do : < /etc/hostname; done");
            LiveCapture.Counters before = c.counters();
            assertTrue(before.drops() > 0, "a full ring must count drops: " + before.drops());
            long[] n = {0};
            drainUntilEmpty(c, ev -> n[0]++);
            LiveCapture.Counters after = c.counters();
            long drops = 0;
            for (long d : after.dropsBuffer()) drops += d;
            assertEquals(after.drops(), drops, "only ring-full drops");
            assertTrue(n[0] >= before.writtenTotal(), "every written event is read back: " + n[0] + " < " + before.writtenTotal());
            System.err.println("drop test: written " + after.writtenTotal() + ", dropped " + after.drops() + " (per CPU "
                    + java.util.Arrays.toString(after.dropsBuffer()) + "), read " + n[0]);
        }
    }
}
