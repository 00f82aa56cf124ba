package dev.falcoc.driver;

import dev.falcoc.runtime.event.EventSchema;
import dev.falcoc.runtime.scap.Bytes;
import dev.falcoc.runtime.scap.RawEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        skip = LiveCapture.unavailable();
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
            long[] last = {0}, inversions = {0}, total = {0};
            int[] found = {0};
            drainUntilEmpty(c, ev -> {
                long ts = ev.ts();
                // a producer preempted between taking its timestamp and committing can land late, as in Falco
                if (ts < last[0]) inversions[0]++;
                total[0]++;
                last[0] = Math.max(last[0], ts);
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
            assertTrue(inversions[0] * 100 <= total[0], "events merged by timestamp: " + inversions[0] + " of " + total[0] + " out of order");
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

    /** Every writer of the probe, one call each: the layout must be the schema's (count and lengths of parameters). */
    @Test
    void everyEventTypeHasTheSchemasLayout() throws Exception {
        assumeTrue(skip == null, () -> "LIVE DRIVER TESTS SKIPPED: " + skip);
        Set<Integer> all = new java.util.TreeSet<>(Syscalls.SUPPORTED.values());
        Set<String> seen = new java.util.TreeSet<>();
        // the capture is system-wide: on a busy machine other processes can overflow the rings, which
        // says nothing about the layouts; such a run is repeated (the layouts are checked on every event)
        long drops = -1;
        for (int attempt = 1; attempt <= 3 && drops != 0; attempt++) {
            seen.clear();
            Path d = Files.createTempDirectory("falcoc-layout");
            String py = String.join("\n",
                    "import ctypes, os, socket, fcntl",
                    "sc = ctypes.CDLL(None).syscall",
                    "T = '" + d + "'",
                    "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1)",
                    "c = socket.create_connection(s.getsockname()); a, _ = s.accept()",
                    "c.send(b'x'); a.recv(1); c.sendmsg([b'y']); a.recvmsg(1); a.shutdown(socket.SHUT_RDWR)",
                    "u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.sendto(b'z', s.getsockname())",
                    "socket.socketpair(); os.pipe(); sc(22, (ctypes.c_int * 2)())",
                    "os.mkdir(T + '/m'); os.rename(T + '/m', T + '/n'); os.chmod(T + '/n', 0o700); os.rmdir(T + '/n')",
                    "f = os.open(T + '/f', os.O_CREAT | os.O_WRONLY); os.fchmod(f, 0o600); sc(32, f); fcntl.fcntl(f, fcntl.F_GETFL)",
                    "os.symlink(T + '/f', T + '/l'); os.link(T + '/f', T + '/h'); os.unlink(T + '/l')",
                    "os.memfd_create('m'); os.eventfd(0); sc(157, 15, b'layout'); sc(117, -1, -1, -1); sc(119, -1, -1, -1)",
                    "sc(113, -1, -1); sc(114, -1, -1); sc(109, 0, 0); sc(101, 0x4206, 1, 0, 0); sc(272, 0); sc(253); sc(294, 0)",
                    "sc(213, 1); sc(291, 0); sc(323, 0); sc(283, 1, 0); sc(434, os.getpid(), 0); sc(161, b'/nonexistent')",
                    "os.chdir(T); os.fchdir(os.open('/', os.O_RDONLY)); os.setsid() if os.fork() == 0 else os.wait()");
            try (LiveCapture c = LiveCapture.open(all)) {
                sh("python3 -c \"" + py + "\" ; true");
                EventSchema schema = EventSchema.get();
                drainUntilEmpty(c, ev -> {
                    EventSchema.Event info = schema.event(ev.type());
                    assertEquals(info.nparams(), ev.nparams(), "parameter count of " + info.name());
                    int sum = RawEvent.HEADER + 2 * ev.nparams();
                    for (int i = 0; i < ev.nparams(); i++) sum += Bytes.u16(ev.buf, ev.off + RawEvent.HEADER + 2 * i);
                    assertEquals(ev.len(), sum, "length of " + info.name());
                    seen.add(info.name());
                });
                drops = c.counters().drops();
            } finally {
                sh("rm -rf " + d);
            }
        }
        assertEquals(0, drops, "ring drops in each of 3 system-wide captures");
        for (String n : List.of("accept4", "bind", "listen", "connect", "sendto", "recvfrom", "sendmsg", "recvmsg", "shutdown",
                "socketpair", "pipe", "pipe2", "mkdir", "rename", "chmod", "rmdir", "fchmod", "dup", "fcntl", "symlink", "link",
                "unlink", "memfd_create", "eventfd2", "prctl", "setresuid", "setresgid", "setreuid", "setregid", "setpgid", "ptrace",
                "unshare", "inotify_init", "inotify_init1", "epoll_create", "epoll_create1", "userfaultfd", "timerfd_create",
                "pidfd_open", "chroot", "chdir", "fchdir", "setsid", "clone", "execve", "procexit"))
            assertTrue(seen.contains(n) || seen.contains(n.replace("clone", "clone3")), n + " not seen; seen: " + seen);
    }
}
