package dev.falcoc.runtime.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.falcoc.compiler.load.Priority;
import dev.falcoc.runtime.config.FalcoConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configured outputs deliver each alert line; failures are reported once and do not stop the others. */
class OutputsTest {
    @TempDir Path dir;

    static Alert alert(String m) { return new Alert("r", Priority.WARNING, "syscall", 1, m); }

    @Test
    void stdoutFileAndProgram() throws Exception {
        Path file = dir.resolve("alerts.txt");
        Path prog = dir.resolve("prog.txt");
        Files.writeString(file, "before\n");
        FalcoConfig c = FalcoConfig.load(null, List.of("file_output.enabled=true", "file_output.filename=" + file,
                "program_output.enabled=true", "program_output.program=cat >> " + prog));
        StringWriter out = new StringWriter(), err = new StringWriter();
        try (Outputs o = new Outputs(c, out, new PrintWriter(err))) {
            o.emit(alert("one"));
            o.emit(alert("two ü"));
        }
        assertEquals("one\ntwo ü\n", out.toString());
        assertEquals("before\none\ntwo ü\n", Files.readString(file, StandardCharsets.UTF_8));
        assertEquals("one\ntwo ü\n", Files.readString(prog, StandardCharsets.UTF_8));
        assertEquals("", err.toString());
    }

    @Test
    void keepAliveProgramGetsOneStream() throws Exception {
        Path prog = dir.resolve("count.txt");
        FalcoConfig c = FalcoConfig.load(null, List.of("stdout_output.enabled=false", "program_output.enabled=true",
                "program_output.keep_alive=true", "program_output.program=wc -l > " + prog));
        try (Outputs o = new Outputs(c, new StringWriter(), new PrintWriter(new StringWriter()))) {
            for (int i = 0; i < 3; i++) o.emit(alert("a" + i));
        }
        assertEquals("3", Files.readString(prog).trim());
    }

    @Test
    void httpPostsJsonWithFalcosHeaders() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        server.createContext("/", ex -> {
            got.add(ex.getRequestMethod() + " " + ex.getRequestHeaders().getFirst("Content-Type") + " "
                    + ex.getRequestHeaders().getFirst("User-Agent") + " " + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
            FalcoConfig c = FalcoConfig.load(null, List.of("json_output=true", "stdout_output.enabled=false",
                    "http_output.enabled=true", "http_output.url=\"" + url + "\"", "output_timeout=60000"));
            try (Outputs o = new Outputs(c, new StringWriter(), new PrintWriter(new StringWriter()))) {
                o.emit(alert("{\"a\":1}"));
            }
            assertEquals(List.of("POST application/json falcosecurity/falco {\"a\":1}"), got);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aFailingOutputIsReportedOnceAndOthersGoOn() throws Exception {
        FalcoConfig c = FalcoConfig.load(null, List.of("file_output.enabled=true", "file_output.filename=" + dir.resolve("no/such/dir/x.txt"),
                "http_output.enabled=true", "http_output.url=http://127.0.0.1:1/x"));
        StringWriter out = new StringWriter(), err = new StringWriter();
        Outputs o = new Outputs(c, out, new PrintWriter(err));
        o.emit(alert("one"));
        o.emit(alert("two"));
        o.close();
        assertEquals("one\ntwo\n", out.toString());
        String e = err.toString();
        assertEquals(1, e.split("file output", -1).length - 1, e);
        assertEquals(1, e.split("http output", -1).length - 1, e);
        assertTrue(o.failureSummary().contains("file: 2 alert(s) not delivered"), o.failureSummary().toString());
    }
}
