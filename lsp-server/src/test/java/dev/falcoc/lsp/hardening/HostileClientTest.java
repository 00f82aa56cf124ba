package dev.falcoc.lsp.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.falcoc.lsp.ServerLauncher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that speaks raw bytes to the server over piped streams, so it can send what LSP4J's
 * own client never would. After every abuse the server must still answer a request.
 */
class HostileClientTest {
    static final Duration LIMIT = Duration.ofSeconds(120);
    static final String URI = "file:///tmp/hostile/rules.yaml";
    static final String RULE = "- rule: r\n  desc: d\n  condition: evt.type = open and proc.name = x\n  output: \"o %proc.name\"\n  priority: INFO\n";

    private OutputStream toServer;
    private Thread server, reader;
    private final BlockingQueue<JsonObject> fromServer = new LinkedBlockingQueue<>();
    /** Why the frame reader stopped (null while it runs): nothing more can arrive after that. */
    private volatile String readerEnd;
    /** While set, the client reads nothing more: the server's writes back up once the pipe is full. */
    private volatile boolean paused;
    private int nextId = 100;

    @BeforeEach
    void start() throws Exception {
        // NIO pipes, not Piped*Stream: those break ("Write end dead") once the thread that last wrote
        // has ended, and assertTimeoutPreemptively writes from threads that end with each test
        java.nio.channels.Pipe toS = java.nio.channels.Pipe.open(), fromS = java.nio.channels.Pipe.open();
        InputStream serverIn = java.nio.channels.Channels.newInputStream(toS.source());
        toServer = java.nio.channels.Channels.newOutputStream(toS.sink());
        InputStream clientIn = java.nio.channels.Channels.newInputStream(fromS.source());
        OutputStream serverOut = java.nio.channels.Channels.newOutputStream(fromS.sink());
        server = Thread.ofPlatform().daemon().start(() -> ServerLauncher.serve(serverIn, serverOut));
        // every read waits while the client is paused (the reader is usually blocked in a read when that starts)
        InputStream gated = new java.io.FilterInputStream(clientIn) {
            @Override
            public int read() throws IOException {
                awaitReading();
                return super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                awaitReading();
                return super.read(b, off, len);
            }
        };
        reader = Thread.ofPlatform().daemon().start(() -> readFrames(gated));
        JsonObject init = request("initialize", "{\"processId\":null,\"rootUri\":null,\"capabilities\":{}}");
        assertTrue(init.has("result"), init.toString());
        notify("initialized", "{}");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            request("shutdown", "null");
            notify("exit", "null");
        } finally {
            toServer.close();
            server.join(10_000);
        }
    }

    private void readFrames(InputStream in) {
        String why = "ended";
        try {
            while (true) {
                int len = -1;
                for (String line; !(line = header(in)).isEmpty(); ) {
                    if (line.toLowerCase().startsWith("content-length:")) len = Integer.parseInt(line.substring(15).trim());
                }
                if (len < 0) throw new IllegalStateException("a frame without Content-Length");
                byte[] body = in.readNBytes(len);
                if (body.length < len) {
                    why = "the server's output ended inside a frame (" + body.length + " of " + len + " bytes)";
                    return;
                }
                String json = new String(body, StandardCharsets.UTF_8);
                JsonElement e = JsonParser.parseString(json);
                if (!e.isJsonObject()) throw new IllegalStateException("a frame that is not a JSON object: " + json);
                fromServer.add(e.getAsJsonObject());
            }
        } catch (IOException e) {
            why = "the server's output closed (" + e.getMessage() + ")";
        } catch (Throwable t) {
            // a bad frame from the server is a failure of its own, not a silent end of the reader
            why = "the frame reader failed: " + t;
        } finally {
            readerEnd = why;
        }
    }

    private void awaitReading() throws IOException {
        try {
            while (paused) Thread.sleep(5);
        } catch (InterruptedException e) {
            throw new IOException("interrupted");
        }
    }

    private static String header(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c; (c = in.read()) != '\n'; ) {
            if (c < 0) throw new IOException("closed");
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    private void raw(byte[] body) throws IOException {
        toServer.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        toServer.write(body);
        toServer.flush();
    }

    private void raw(String body) throws IOException { raw(body.getBytes(StandardCharsets.UTF_8)); }

    private void notify(String method, String params) throws IOException {
        raw("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":" + params + "}");
    }

    /** Sends a request and waits for its response, skipping notifications and other responses. */
    private JsonObject request(String method, String params) throws Exception {
        int id = nextId++;
        raw("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}");
        return awaitAnswer(id, method);
    }

    private JsonObject awaitAnswer(int id, String method) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject m = fromServer.poll(1, TimeUnit.SECONDS);
            if (m == null) {
                assertTrue(server.isAlive(), "the server thread died");
                // the reader drained everything it got: waiting longer cannot bring the answer
                String end = readerEnd;
                if (end != null && fromServer.isEmpty()) throw new AssertionError("no answer to " + method + ": " + end);
                continue;
            }
            JsonElement mid = m.get("id");
            if (mid != null && !mid.isJsonNull() && mid.isJsonPrimitive() && mid.getAsJsonPrimitive().isNumber() && mid.getAsInt() == id
                    && !m.has("method")) return m;
        }
        throw new AssertionError("no answer to " + method + " in " + LIMIT.toSeconds() + " s; server threads:\n" + serverThreads());
    }

    /** Where the server's threads are, for a request that got no answer (a real hang). */
    private static String serverThreads() {
        StringBuilder b = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, st) -> {
            if (!t.getName().startsWith("falcoc-") && !t.getName().startsWith("pool-")) return;
            b.append(t.getName()).append(' ').append(t.getState()).append('\n');
            for (int i = 0; i < Math.min(st.length, 12); i++) b.append("    at ").append(st[i]).append('\n');
        });
        return b.toString();
    }

    /** The liveness probe: a real request on the open document. */
    private void stillAnswers() throws Exception {
        JsonObject r = request("textDocument/documentSymbol", "{\"textDocument\":{\"uri\":\"" + URI + "\"}}");
        assertTrue(r.has("result") || r.has("error"), r.toString());
    }

    private static String q(String s) {
        return new com.google.gson.Gson().toJson(s);
    }

    private void open(String text, int version) throws IOException {
        notify("textDocument/didOpen", "{\"textDocument\":{\"uri\":\"" + URI + "\",\"languageId\":\"yaml\",\"version\":" + version
                + ",\"text\":" + q(text) + "}}");
    }

    private void change(String text, int version) throws IOException {
        notify("textDocument/didChange", "{\"textDocument\":{\"uri\":\"" + URI + "\",\"version\":" + version + "},\"contentChanges\":[{\"text\":"
                + q(text) + "}]}");
    }

    @Test
    void malformedJsonRpcDoesNotKillTheServer() {
        assertTimeoutPreemptively(LIMIT, () -> {
            open(RULE, 1);
            raw("{{{{ not json");
            raw("[1, 2, 3]");
            raw("\"a string\"");
            raw("{\"jsonrpc\":\"2.0\",\"id\":1}");
            raw("{\"jsonrpc\":\"2.0\",\"method\":42}");
            raw(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
            raw("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"textDocument/hover\",\"params\":\"nonsense\"}");
            raw("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"textDocument/hover\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
                    + "\"},\"position\":{\"line\":-5,\"character\":99999}}}");
            raw("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"textDocument/completion\",\"params\":{\"textDocument\":{\"uri\":\"file:///nowhere.yaml\"},\"position\":{\"line\":0,\"character\":0}}}");
            raw("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"file:///never-opened.yaml\",\"version\":3},\"contentChanges\":[{\"range\":{\"start\":{\"line\":9,\"character\":0},\"end\":{\"line\":1,\"character\":0}},\"text\":\"x\"}]}}");
            raw("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didChange\",\"params\":{\"textDocument\":{\"uri\":\"" + URI
                    + "\",\"version\":2},\"contentChanges\":[{\"range\":{\"start\":{\"line\":900,\"character\":0},\"end\":{\"line\":1,\"character\":-3}},\"text\":\"x\"}]}}");
            raw("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{}}");
            raw("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didClose\",\"params\":{\"textDocument\":{}}}");
            // header garbage: a frame without Content-Length, then a normal one
            toServer.write("X-Nothing: 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            stillAnswers();
        });
    }

    @Test
    void unknownMethodsGetAnErrorOrAreIgnored() {
        assertTimeoutPreemptively(LIMIT, () -> {
            JsonObject r = request("falcoc/doesNotExist", "{}");
            assertTrue(r.has("error"), r.toString());
            assertEquals(-32601, r.getAsJsonObject("error").get("code").getAsInt());
            notify("$/unknownNotification", "{}");
            notify("workspace/whatever", "[1]");
            open(RULE, 1);
            stillAnswers();
        });
    }

    @Test
    void outOfOrderVersions() {
        assertTimeoutPreemptively(LIMIT, () -> {
            open(RULE, 5);
            change(RULE + "- macro: m\n  condition: evt.type = open\n", 3);
            change(RULE, 5);
            change("", -1);
            change(RULE, 2);
            open(RULE, 1);   // opened twice
            stillAnswers();
        });
    }

    @Test
    void tenMegabyteDocument() {
        assertTimeoutPreemptively(LIMIT, () -> {
            String desc = ("a long description line of a rule, " + "x".repeat(60) + "\n").repeat(110_000);
            String big = "- rule: r\n  desc: |\n" + desc.indent(4) + "  condition: evt.type = open\n  output: o\n  priority: INFO\n";
            assertTrue(big.length() >= 10 << 20);
            open(big, 1);
            stillAnswers();
            change(RULE, 2);
            stillAnswers();
        });
    }

    /** A condition nested 10^4 deep: every feature answers (with a result, not an internal error). */
    @Test
    void tenThousandNestedCondition() {
        assertTimeoutPreemptively(LIMIT, () -> {
            int n = 10_000;
            String deep = "- macro: m\n  condition: evt.type = open\n- rule: r\n  desc: d\n  condition: "
                    + "(proc.name = x or not (".repeat(n) + "m" + "))".repeat(n) + "\n  output: o %proc.name\n  priority: INFO\n";
            open(deep, 1);
            String doc = "{\"textDocument\":{\"uri\":\"" + URI + "\"}";
            for (String[] req : new String[][] {
                    {"textDocument/hover", doc + ",\"position\":{\"line\":4,\"character\":" + (13 + 23 * 5000) + "}}"},
                    {"textDocument/hover", doc + ",\"position\":{\"line\":4,\"character\":" + (13 + 23 * n) + "}}"},
                    {"textDocument/definition", doc + ",\"position\":{\"line\":4,\"character\":" + (13 + 23 * n) + "}}"},
                    {"textDocument/semanticTokens/full", doc + "}"},
                    {"textDocument/foldingRange", doc + "}"},
                    {"textDocument/documentSymbol", doc + "}"},
                    {"textDocument/completion", doc + ",\"position\":{\"line\":4,\"character\":" + (13 + 23 * n) + "}}"}}) {
                JsonObject r = request(req[0], req[1]);
                assertTrue(r.has("result"), req[0] + ": " + r);
            }
        });
    }

    @Test
    void editStorm() {
        assertTimeoutPreemptively(LIMIT, () -> {
            open(RULE, 1);
            StringBuilder text = new StringBuilder(RULE);
            for (int v = 2; v < 1500; v++) {
                text.append(v % 7 == 0 ? "- list: l" + v + "\n  items: [a, b]\n" : "#");
                change(text.toString(), v);
            }
            stillAnswers();
            JsonObject r = request("textDocument/documentSymbol", "{\"textDocument\":{\"uri\":\"" + URI + "\"}}");
            assertNotNull(r.get("result"), r.toString());
        });
    }

    /**
     * The client stops reading while the server sends a large publishDiagnostics (the write blocks
     * on the full pipe), then asks to shut down and reads again: the answer must come. Shutdown
     * used to interrupt the sending thread, which closed the server's output channel for good.
     */
    @Test
    void shutdownWhileTheClientIsNotReading() {
        assertTimeoutPreemptively(LIMIT, () -> {
            // every unused list is a warning: far more diagnostics than the pipe holds
            StringBuilder text = new StringBuilder(RULE);
            for (int i = 0; i < 2000; i++) text.append("- list: unused_list_").append(i).append("\n  items: [a, b]\n");
            paused = true;
            try {
                open(text.toString(), 1);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!inFrame("falcoc-", "sun.nio.ch.SinkChannelImpl", null)) {
                    assertTrue(System.nanoTime() < deadline, "the server never blocked writing diagnostics to the full pipe");
                    Thread.sleep(10);
                }
                raw("{\"jsonrpc\":\"2.0\",\"id\":" + nextId + ",\"method\":\"shutdown\",\"params\":null}");
                // read again only once the server has handled shutdown: its answer waits behind the
                // diagnostics being written, or the write has ended (was broken off)
                while (!inFrame(null, "org.eclipse.lsp4j.jsonrpc.json.StreamMessageConsumer", Thread.State.BLOCKED)
                        && inFrame("falcoc-", "sun.nio.ch.SinkChannelImpl", null)) {
                    assertTrue(System.nanoTime() < deadline, "the server did not handle shutdown");
                    Thread.sleep(10);
                }
            } finally {
                paused = false;
            }
            JsonObject r = awaitAnswer(nextId++, "shutdown");
            assertTrue(r.has("result"), r.toString());
        });
    }

    /** Whether a thread (whose name starts so, in that state, when given) is inside a method of that class. */
    private static boolean inFrame(String thread, String className, Thread.State state) {
        for (var e : Thread.getAllStackTraces().entrySet()) {
            if (thread != null && !e.getKey().getName().startsWith(thread)) continue;
            if (state != null && e.getKey().getState() != state) continue;
            for (StackTraceElement f : e.getValue()) if (f.getClassName().equals(className)) return true;
        }
        return false;
    }
}
