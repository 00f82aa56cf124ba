package dev.falcoc.runtime.scap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class ScapWriterTest {
    /** Everything a capture holds, as read. */
    static final class Capture implements ScapSink {
        String host = "";
        long boot;
        int cpus;
        final List<ProcEntry> procs = new ArrayList<>();
        final Map<Long, List<FdEntry>> fds = new LinkedHashMap<>();
        final List<ScapWriter.User> users = new ArrayList<>();
        final List<ScapWriter.Group> groups = new ArrayList<>();
        final List<ScapWriter.Iface> ifaces = new ArrayList<>();
        final List<byte[]> events = new ArrayList<>();
        final List<Integer> cpuIds = new ArrayList<>();

        @Override public void machine(int n, long m, long mp, String h, long b, long f) { cpus = n; host = h; boot = b; }
        @Override public void process(ProcEntry p) { procs.add(p); }
        @Override public void fd(long tid, FdEntry fd) { fds.computeIfAbsent(tid, k -> new ArrayList<>()).add(fd); }
        @Override public void user(long u, long g, String n, String h, String s) { users.add(new ScapWriter.User(u, g, n, h, s)); }
        @Override public void group(long g, String n) { groups.add(new ScapWriter.Group(g, n)); }
        @Override public void iface(String n, byte[] a, byte[] m) { ifaces.add(new ScapWriter.Iface(n, a, m)); }

        static Capture read(Path p) throws Exception {
            Capture c = new Capture();
            try (ScapReader r = ScapReader.open(p, c)) {
                RawEvent ev = new RawEvent();
                while (r.next(ev)) {
                    c.events.add(Arrays.copyOfRange(ev.buf, ev.off, ev.off + ev.len()));
                    c.cpuIds.add(ev.cpu);
                }
            }
            return c;
        }
    }

    @Test
    void roundTripsEveryPublicTrace(@TempDir Path tmp) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(ScapReaderTest.traces())) { files = s.filter(f -> f.toString().endsWith(".scap")).sorted().toList(); }
        for (Path f : files) {
            Capture a = Capture.read(f);
            Path out = tmp.resolve(f.getFileName());
            try (ScapWriter w = ScapWriter.create(out, f.getFileName().toString().startsWith("c"))) {
                w.machine(a.cpus, 0, 0, a.host, a.boot, 0);
                w.processes(a.procs);
                for (Map.Entry<Long, List<FdEntry>> e : a.fds.entrySet()) w.fds(e.getKey(), e.getValue());
                w.users(a.users, a.groups);
                w.interfaces(a.ifaces);
                for (int i = 0; i < a.events.size(); i++) w.event(a.events.get(i), 0, a.cpuIds.get(i));
            }
            Capture b = Capture.read(out);
            assertEquals(a.host, b.host, f.toString());
            assertEquals(a.procs.size(), b.procs.size(), f.toString());
            for (int i = 0; i < a.procs.size(); i++) {
                ProcEntry x = a.procs.get(i), y = b.procs.get(i);
                assertEquals(x.tid, y.tid);
                assertEquals(x.exe, y.exe);
                assertArrayEquals(x.args, y.args);
                assertArrayEquals(x.cgroups, y.cgroups);
                assertEquals(x.capEffective, y.capEffective);
                assertEquals(x.pgid, y.pgid);
            }
            assertEquals(a.fds.values().stream().mapToInt(List::size).sum(), b.fds.values().stream().mapToInt(List::size).sum(), f.toString());
            assertEquals(a.users, b.users);
            assertEquals(a.groups, b.groups);
            assertEquals(a.ifaces.size(), b.ifaces.size());
            assertEquals(a.events.size(), b.events.size(), f.toString());
            for (int i = 0; i < a.events.size(); i++) assertArrayEquals(a.events.get(i), b.events.get(i), f + " event " + i);
        }
    }
}
