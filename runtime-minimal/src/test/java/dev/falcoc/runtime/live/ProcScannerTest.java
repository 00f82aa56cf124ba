package dev.falcoc.runtime.live;

import dev.falcoc.runtime.scap.FdEntry;
import dev.falcoc.runtime.scap.ProcEntry;
import dev.falcoc.runtime.scap.ScapSink;
import dev.falcoc.runtime.state.State;
import dev.falcoc.runtime.state.ThreadInfo;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class ProcScannerTest {
    @Test
    void bootstrapsThisProcessFromProc() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc here");
        State st = new State();
        int[] fds = {0};
        int n = new ProcScanner(Path.of("/proc"), Path.of("/")).scan(new ScapSink() {
            @Override public void process(ProcEntry p) { st.process(p); }
            @Override public void fd(long tid, FdEntry f) { st.fd(tid, f); fds[0]++; }
            @Override public void user(long u, long g, String name, String h, String s) { st.user(u, g, name, h, s); }
        });
        st.finishInitialState();
        assertTrue(n > 0);
        long self = ProcessHandle.current().pid();
        ThreadInfo me = st.threads.find(self);
        assertNotNull(me);
        assertEquals(self, me.pid);
        assertEquals("java", me.comm);
        assertTrue(me.exepath.endsWith("java"), me.exepath);
        assertTrue(me.threadCount() > 1, "the JVM runs several threads");
        assertTrue(fds[0] > 0);
        assertNotNull(st.users.user(0));
    }
}
