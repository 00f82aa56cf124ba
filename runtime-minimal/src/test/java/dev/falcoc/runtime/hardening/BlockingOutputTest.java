package dev.falcoc.runtime.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.compiler.load.Priority;
import dev.falcoc.runtime.config.FalcoConfig;
import dev.falcoc.runtime.output.Alert;
import dev.falcoc.runtime.output.Outputs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An output that blocks (a program that never reads its stdin or never exits, an HTTP endpoint that
 * never answers) must not hold up whoever emits alerts: they queue up to a bound, the rest is dropped,
 * and every alert is accounted for in the summary. The time-outs below only turn a hang into a failure.
 */
class BlockingOutputTest {
    static final int ALERTS = 20_000, QUEUE = 16;
    static final String PAD = "p".repeat(1000);

    static Alert alert(int i) { return new Alert("r", Priority.WARNING, "syscall", i, "alert " + i + " " + PAD); }

    /** Emits ALERTS alerts and closes; returns stderr. The whole thing must end even though the output never does. */
    static String emitAll(Outputs o, StringWriter err) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < ALERTS; i++) o.emit(alert(i));
            o.close();
        }, "emitting alerts to a stalled output hung");
        return err.toString();
    }

    static long notDelivered(List<String> summary, String output) {
        for (String s : summary) if (s.startsWith(output + ": ")) return Long.parseLong(s.substring(output.length() + 2, s.indexOf(' ', output.length() + 2)));
        return 0;
    }

    static List<ProcessHandle> sleepers(String marker) {
        List<ProcessHandle> l = new ArrayList<>();
        ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("").contains(marker)).forEach(l::add);
        return l;
    }

    /** A leaked program would hold the test runner's stdout open: never leave one behind, even when a test fails. */
    @org.junit.jupiter.api.AfterEach
    void killLeftovers() {
        ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("").contains("sleep 1000.4")).forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aProgramThatNeverReadsDoesNotStallAndItsDropsAreCounted() throws Exception {
        String marker = "1000.4242";
        FalcoConfig c = FalcoConfig.load(null, List.of("stdout_output.enabled=false", "program_output.enabled=true",
                "program_output.keep_alive=true", "program_output.program=sleep " + marker,
                "outputs_queue.capacity=" + QUEUE, "output_timeout=300"));
        StringWriter err = new StringWriter();
        Outputs o = new Outputs(c, new StringWriter(), new PrintWriter(err));
        String e = emitAll(o, err);
        assertTrue(e.contains("program output is not keeping up: its queue of " + QUEUE + " alerts is full"), e);
        assertTrue(e.contains("program output stalled"), e);
        long lost = notDelivered(o.failureSummary(), "program");
        // the pipe takes about 64 KiB (some 64 alerts) before the program's stdin is full; the rest is lost, and counted
        assertTrue(lost >= ALERTS - 200 && lost <= ALERTS, o.failureSummary().toString());
        assertTrue(o.queueDrops() >= ALERTS - 200 - QUEUE, "queue drops " + o.queueDrops());
        Thread.sleep(200);
        assertEquals(List.of(), sleepers(marker), "the stalled program was not killed");
    }

    /** All alerts fit in the pipe, but the kept-alive program never exits when its stdin ends: close must not wait for it. */
    @Test
    void aKeptAliveProgramThatNeverExitsDoesNotHoldUpClose() throws Exception {
        String marker = "1000.4444";
        FalcoConfig c = FalcoConfig.load(null, List.of("stdout_output.enabled=false", "program_output.enabled=true",
                "program_output.keep_alive=true", "program_output.program=sleep " + marker, "output_timeout=300"));
        StringWriter err = new StringWriter();
        Outputs o = new Outputs(c, new StringWriter(), new PrintWriter(err));
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            o.emit(alert(1));
            o.close();
        }, "close waited for a program that never exits");
        assertTrue(err.toString().contains("program output stalled"), err.toString());
        Thread.sleep(200);
        assertEquals(List.of(), sleepers(marker), "the stalled program was not killed");
    }

    @Test
    void aProgramThatNeverExitsDoesNotStall() throws Exception {
        String marker = "1000.4343";
        FalcoConfig c = FalcoConfig.load(null, List.of("stdout_output.enabled=false", "program_output.enabled=true",
                "program_output.program=sleep " + marker, "outputs_queue.capacity=" + QUEUE, "output_timeout=300"));
        StringWriter err = new StringWriter();
        Outputs o = new Outputs(c, new StringWriter(), new PrintWriter(err));
        emitAll(o, err);
        // one alert went to a program that never exits, QUEUE waited behind it; all others were dropped
        assertEquals(ALERTS - QUEUE - 1, o.queueDrops(), o.failureSummary().toString());
        assertEquals(ALERTS - 1, notDelivered(o.failureSummary(), "program"), o.failureSummary().toString());
        Thread.sleep(200);
        assertEquals(List.of(), sleepers(marker), "the stalled program was not killed");
    }

    @Test
    void anHttpEndpointThatNeverAnswersDoesNotStall() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (true) held.add(server.accept()); // accept, never read, never answer
                } catch (Exception ignored) {
                    // server closed
                }
            });
            FalcoConfig c = FalcoConfig.load(null, List.of("stdout_output.enabled=false", "http_output.enabled=true",
                    "http_output.url=http://127.0.0.1:" + server.getLocalPort() + "/alerts", "outputs_queue.capacity=" + QUEUE,
                    "output_timeout=300"));
            StringWriter err = new StringWriter();
            StringWriter out = new StringWriter();
            Outputs o = new Outputs(c, out, new PrintWriter(err));
            String e = emitAll(o, err);
            assertTrue(e.contains("http output is not keeping up"), e);
            assertEquals(ALERTS, notDelivered(o.failureSummary(), "http"), o.failureSummary().toString());
            assertTrue(o.queueDrops() >= ALERTS - QUEUE - 1, "queue drops " + o.queueDrops());
            acceptor.interrupt();
        } finally {
            for (Socket s : held) s.close();
        }
    }
}
