package dev.falcoc.runtime.state;

import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.runtime.Inspector;
import dev.falcoc.runtime.event.EventSchema;
import dev.falcoc.runtime.scap.Bytes;
import dev.falcoc.runtime.scap.ProcEntry;
import dev.falcoc.runtime.scap.ScapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Exit-only synthetic captures: process trees, fds, and a thread table that does not grow with exited threads. */
class BoundedStateTest {
    /** An event in the current layout; parameters not given are empty. */
    static byte[] event(int code, long ts, long tid, Map<Integer, byte[]> params) {
        int np = EventSchema.get().event(code).nparams();
        int len = 26 + np * 2;
        for (byte[] p : params.values()) len += p.length;
        byte[] b = new byte[len];
        Bytes.put64(b, 0, ts);
        Bytes.put64(b, 8, tid);
        Bytes.put32(b, 16, len);
        Bytes.put16(b, 20, code);
        Bytes.put32(b, 22, np);
        int p = 26 + np * 2;
        for (int i = 0; i < np; i++) {
            byte[] v = params.get(i);
            int l = v == null ? 0 : v.length;
            Bytes.put16(b, 26 + i * 2, l);
            if (v != null) System.arraycopy(v, 0, b, p, l);
            p += l;
        }
        return b;
    }

    static byte[] i64(long v) { byte[] b = new byte[8]; Bytes.put64(b, 0, v); return b; }
    static byte[] i32(long v) { byte[] b = new byte[4]; Bytes.put32(b, 0, (int) v); return b; }
    static byte[] str(String s) { byte[] x = s.getBytes(StandardCharsets.UTF_8); byte[] b = new byte[x.length + 1]; System.arraycopy(x, 0, b, 0, x.length); return b; }

    static final int CLONE_X = 223, PROCEXIT = 186, OPEN_X = 3, CLOSE_X = 5;

    @Test
    void exitedThreadsArePurgedAndStateFollowsEvents(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("synthetic.scap");
        int n = 20_000;
        try (ScapWriter w = ScapWriter.create(f, true)) {
            w.machine(1, 0, 0, "synth", 0, 0);
            ProcEntry init = new ProcEntry();
            init.tid = init.pid = 1;
            init.comm = "init";
            init.exe = "/sbin/init";
            init.cwd = "/";
            init.fdlimit = 1024;
            w.processes(List.of(init));
            long ts = 1_000_000_000L;
            for (int i = 0; i < n; i++) {
                long child = 100 + i;
                w.event(event(CLONE_X, ts++, 1, Map.of(0, i64(child), 1, str("/bin/sh"), 3, i64(1), 4, i64(1), 5, i64(0),
                        13, str("init"), 15, i32(0), 16, i32(0), 17, i32(0))), 0, 0);
                w.event(event(CLONE_X, ts++, child, Map.of(0, i64(0), 1, str("/bin/sh"), 3, i64(child), 4, i64(child), 5, i64(1),
                        13, str("sh"), 15, i32(0), 16, i32(0), 17, i32(0))), 0, 0);
                w.event(event(OPEN_X, ts++, child, Map.of(0, i64(3), 1, str("etc/passwd"), 2, i32(1), 3, i32(0))), 0, 0);
                w.event(event(CLOSE_X, ts++, child, Map.of(0, i64(0), 1, i64(3))), 0, 0);
                w.event(event(PROCEXIT, ts++, child, Map.of(0, i64(0))), 0, 0);
            }
        }
        FieldResolver res = FieldResolver.get();
        FieldResolver.Resolved pname = res.resolveExact("proc.pname"), fdName = res.resolveExact("fd.name"), name = res.resolveExact("proc.name");
        int maxThreads = 0, opens = 0;
        try (Inspector in = Inspector.open(f)) {
            for (Object ctx; (ctx = in.next()) != null; ) {
                maxThreads = Math.max(maxThreads, in.threadCount());
                if (Inspector.eventName(in.eventCode(ctx)).equals("open")) {
                    opens++;
                    assertEquals("sh", in.text(name, ctx));
                    assertEquals("init", in.text(pname, ctx));
                    assertEquals("/etc/passwd", in.jsonValue(fdName, ctx)); // relative to the inherited cwd
                }
            }
            assertTrue(in.threadCount() <= 3, "threads left: " + in.threadCount());
        }
        assertEquals(n, opens);
        assertTrue(maxThreads <= 4, "thread table grew to " + maxThreads);
    }

    @Test
    void toctouEnterEventGivesThePath(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("toctou.scap");
        try (ScapWriter w = ScapWriter.create(f, false)) {
            ProcEntry p = new ProcEntry();
            p.tid = p.pid = 42;
            p.comm = "cat";
            p.exe = "cat";
            p.cwd = "/home/u";
            w.processes(List.of(p));
            // enter: the path the kernel saw; exit: what user memory said afterwards
            w.event(event(2, 10, 42, Map.of(0, str("/etc/shadow"), 1, i32(1), 2, i32(0))), 0, 0);
            w.event(event(OPEN_X, 11, 42, Map.of(0, i64(3), 1, str("notes.txt"), 2, i32(1), 3, i32(0))), 0, 0);
        }
        FieldResolver.Resolved fdName = FieldResolver.get().resolveExact("fd.name");
        try (Inspector in = Inspector.open(f)) {
            Object ctx = in.next();
            assertNotNull(ctx);
            assertEquals("open", Inspector.eventName(in.eventCode(ctx)));
            assertEquals(2, in.evtNum(ctx)); // the enter event is numbered but not shown
            assertEquals("/etc/shadow", in.jsonValue(fdName, ctx));
            assertNull(in.next());
        }
    }
}
