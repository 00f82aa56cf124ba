package dev.falcoc.driver;

import dev.falcoc.runtime.Inspector;
import dev.falcoc.runtime.event.Evt;
import dev.falcoc.runtime.scap.FdEntry;
import dev.falcoc.runtime.scap.ProcEntry;
import dev.falcoc.runtime.scap.RawEvent;
import dev.falcoc.runtime.state.State;
import dev.falcoc.runtime.state.ThreadInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A --write file reads back through the runtime's .scap reader: state blocks and events. */
class ScapWriterTest {
    @TempDir
    Path dir;

    /** An openat exit event in the exit-only layout, as the probe writes it. */
    static byte[] openat(long ts, long tid, long fd, String name) {
        byte[] path = (name + "\0").getBytes(StandardCharsets.UTF_8);
        int[] lens = {8, 8, path.length, 4, 4, 4, 8};
        int len = 26 + 2 * lens.length;
        for (int l : lens) len += l;
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(ts).putLong(tid).putInt(len).putShort((short) 307).putInt(lens.length);
        for (int l : lens) b.putShort((short) l);
        b.putLong(fd).putLong(-100).put(path).putInt(1).putInt(0).putInt(0).putLong(0);
        return b.array();
    }

    @Test
    void stateAndEventsRoundTrip() throws Exception {
        Path f = dir.resolve("w.scap");
        State live = new State();
        try (ScapWriter w = new ScapWriter(f, live)) {
            w.machine(2, 0, 0, "box", 1_700_000_000_000_000_000L, 0);
            w.user(0, 0, "root", "/root", "/bin/bash");
            w.group(0, "root");
            ProcEntry p = new ProcEntry();
            p.tid = p.pid = 42;
            p.ptid = 1;
            p.comm = "cat";
            p.exe = "cat";
            p.exepath = "/usr/bin/cat";
            p.args = "/etc/hosts".getBytes(StandardCharsets.UTF_8);
            p.cwd = "/tmp/";
            p.vtid = p.vpid = 42;
            w.process(p);
            FdEntry e = new FdEntry();
            e.fd = 3;
            e.type = FdEntry.FILE;
            e.name = "/etc/hosts";
            e.openFlags = 1;
            w.fd(42, e);
            w.writeHeader();
            RawEvent ev = new RawEvent();
            ev.buf = openat(1_700_000_000_000_000_100L, 42, 4, "shadow");
            ev.cpu = 1;
            w.event(ev);
        }
        assertNotNull(live.threads.find(42), "the writer passes the state on");

        try (Inspector in = Inspector.open(f)) {
            Evt e = (Evt) in.next();
            assertNotNull(e);
            assertEquals("openat", Inspector.eventName(e.type));
            assertEquals(42, e.tid);
            assertEquals(1, e.cpu);
            assertEquals("box", in.hostname());
            ThreadInfo t = e.thread;
            assertNotNull(t);
            assertEquals("cat", t.comm);
            assertEquals("/tmp/shadow", e.fd.name, "relative path resolved against the recorded cwd");
            assertNull(in.next());
        }
    }
}
