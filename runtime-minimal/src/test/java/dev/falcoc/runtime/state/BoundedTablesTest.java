package dev.falcoc.runtime.state;

import static dev.falcoc.runtime.state.BoundedStateTest.CLONE_X;
import static dev.falcoc.runtime.state.BoundedStateTest.CLOSE_X;
import static dev.falcoc.runtime.state.BoundedStateTest.OPEN_X;
import static dev.falcoc.runtime.state.BoundedStateTest.PROCEXIT;
import static dev.falcoc.runtime.state.BoundedStateTest.event;
import static dev.falcoc.runtime.state.BoundedStateTest.i32;
import static dev.falcoc.runtime.state.BoundedStateTest.i64;
import static dev.falcoc.runtime.state.BoundedStateTest.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.runtime.Inspector;
import dev.falcoc.runtime.scap.ProcEntry;
import dev.falcoc.runtime.scap.ScapWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, scope 3: the thread and fd tables stay bounded under a storm of short-lived processes,
 * also when exit events are lost (as when the driver drops), and when one process opens files without end.
 */
class BoundedTablesTest {
    @TempDir Path tmp;

    static ScapWriter capture(Path f) throws Exception {
        ScapWriter w = ScapWriter.create(f, true);
        w.machine(1, 0, 0, "synth", 0, 0);
        ProcEntry init = new ProcEntry();
        init.tid = init.pid = 1;
        init.comm = "init";
        init.exe = "/sbin/init";
        init.cwd = "/";
        init.fdlimit = 1 << 20;
        w.processes(List.of(init));
        return w;
    }

    /** The fork of {@code child} by init, seen from both sides. */
    static void fork(ScapWriter w, long ts, long child) throws Exception {
        w.event(event(CLONE_X, ts, 1, Map.of(0, i64(child), 1, str("/bin/sh"), 3, i64(1), 4, i64(1), 5, i64(0),
                13, str("init"), 15, i32(0), 16, i32(0), 17, i32(0))), 0, 0);
        w.event(event(CLONE_X, ts + 1, child, Map.of(0, i64(0), 1, str("/bin/sh"), 3, i64(child), 4, i64(child), 5, i64(1),
                13, str("sh"), 15, i32(0), 16, i32(0), 17, i32(0))), 0, 0);
    }

    @Test
    void aHundredThousandShortLivedProcessesLeaveNothingBehind() throws Exception {
        Path f = tmp.resolve("storm.scap");
        int n = 100_000;
        try (ScapWriter w = capture(f)) {
            long ts = 1_000_000_000L;
            for (int i = 0; i < n; i++, ts += 10) {
                long child = 1000 + i;
                fork(w, ts, child);
                w.event(event(OPEN_X, ts + 2, child, Map.of(0, i64(3), 1, str("/etc/passwd"), 2, i32(1), 3, i32(0))), 0, 0);
                w.event(event(CLOSE_X, ts + 3, child, Map.of(0, i64(0), 1, i64(3))), 0, 0);
                w.event(event(PROCEXIT, ts + 4, child, Map.of(0, i64(0))), 0, 0);
            }
        }
        int max = 0;
        long events = 0;
        try (Inspector in = Inspector.open(f)) {
            for (Object ctx; (ctx = in.next()) != null; events++) max = Math.max(max, in.threadCount());
            assertEquals(0, in.threadTableFull());
        }
        assertEquals(5L * n, events);
        assertTrue(max <= 4, "thread table grew to " + max);
    }

    @Test
    void lostExitEventsCannotGrowTheThreadTableBeyondItsBound() throws Exception {
        Path f = tmp.resolve("no-exits.scap");
        int n = ThreadTable.MAX_THREADS + 20_000;
        try (ScapWriter w = capture(f)) {
            long ts = 1_000_000_000L;
            for (int i = 0; i < n; i++, ts += 10) fork(w, ts, 1000 + i); // their procexit events were dropped
        }
        try (Inspector in = Inspector.open(f)) {
            int max = 0;
            for (Object ctx; (ctx = in.next()) != null; ) max = Math.max(max, in.threadCount());
            assertEquals(ThreadTable.MAX_THREADS, max);
            // init plus the first MAX_THREADS - 1 children fit; every later child is refused once (its own clone
            // event then finds no room for a placeholder either)
            assertEquals(n - (ThreadTable.MAX_THREADS - 1), in.threadTableFull());
        }
    }

    @Test
    void aProcessOpeningFilesWithoutEndKeepsABoundedFdTable() throws Exception {
        Path f = tmp.resolve("fds.scap");
        int n = 100_000;
        try (ScapWriter w = capture(f)) {
            long ts = 1_000_000_000L;
            fork(w, ts, 1000);
            for (int fd = 3; fd < n + 3; fd++) {
                w.event(event(OPEN_X, ts += 10, 1000, Map.of(0, i64(fd), 1, str("/tmp/f" + fd), 2, i32(1), 3, i32(0))), 0, 0);
            }
        }
        var fdName = dev.falcoc.compiler.schema.FieldResolver.get().resolveExact("fd.name");
        try (Inspector in = Inspector.open(f)) {
            Object last = null;
            for (Object ctx; (ctx = in.next()) != null; ) last = ctx;
            assertEquals(ThreadTable.MAX_FDS, in.largestFdTable());
            assertEquals(n - ThreadTable.MAX_FDS, in.fdTableFull());
            // the event that opened an untracked fd still shows what it opened
            assertEquals("/tmp/f" + (n + 2), in.jsonValue(fdName, last));
        }
    }
}
