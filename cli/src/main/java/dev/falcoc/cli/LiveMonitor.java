package dev.falcoc.cli;

import com.sun.net.httpserver.HttpServer;
import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.driver.LiveCapture;
import dev.falcoc.driver.LiveSession;
import dev.falcoc.runtime.engine.Stats;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Live-run observability: periodic stats lines on stderr ({@code --stats-interval}) and, like
 * Falco's web server, {@code /healthz} and Prometheus {@code /metrics} ({@code --http PORT}) with
 * Falco's metric names, so existing scrape configs work unchanged. Counters are read racily from
 * the capture thread: fine for monitoring.
 */
final class LiveMonitor implements AutoCloseable {
    private final LiveSession live;
    private final Stats stats;
    private final List<Compiled.CRule> rules; // by rule id, as Stats counts them
    private final long start = System.nanoTime();
    private volatile long matchNs;
    private HttpServer server;
    private Thread ticker;

    LiveMonitor(LiveSession live, Stats stats, List<Compiled.CRule> rules) {
        this.live = live;
        this.stats = stats;
        this.rules = rules;
    }

    /** Time spent in rule evaluation (the capture thread is the only writer). */
    void addMatchTime(long ns) { matchNs += ns; }

    void startHttp(String host, int port, PrintWriter err) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.createContext("/healthz", x -> reply(x, 200, "text/plain; charset=utf-8", "{\"status\": \"ok\"}\n"));
        server.createContext("/metrics", x -> reply(x, 200, "text/plain; version=0.0.4; charset=utf-8", metrics()));
        server.start();
        err.println("falcoc: serving /healthz and /metrics on http://" + host + ":" + server.getAddress().getPort());
        err.flush();
    }

    int httpPort() { return server == null ? -1 : server.getAddress().getPort(); }

    void startTicker(long seconds, PrintWriter err) {
        ticker = Thread.ofPlatform().daemon().name("falcoc-stats").start(() -> {
            long prevEvents = 0;
            while (true) {
                try {
                    Thread.sleep(seconds * 1000);
                } catch (InterruptedException e) {
                    return;
                }
                LiveCapture.Counters c = live.capture.counters();
                long ev = live.capture.events();
                err.println("falcoc: stats: " + ev + " events (" + (ev - prevEvents) / seconds + "/s), " + c.drops()
                        + " dropped, " + stats.alerts() + " alerts, matcher " + matchNs / 1_000_000 + " ms");
                err.flush();
                prevEvents = ev;
            }
        });
    }

    private static void reply(com.sun.net.httpserver.HttpExchange x, int code, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(code, b.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(b);
        }
    }

    String metrics() {
        StringBuilder b = new StringBuilder();
        LiveCapture.Counters c = live.capture.counters();
        counter(b, "falcosecurity_scap_n_evts_total", "Events written by the driver", c.writtenTotal());
        counter(b, "falcosecurity_scap_n_drops_total", "Events the driver dropped", c.drops());
        counter(b, "falcosecurity_scap_n_drops_buffer_total", "Events dropped because a ring buffer was full", sum(c.dropsBuffer()));
        counter(b, "falcosecurity_falco_n_evts_processed_total", "Events processed by the rules engine", stats.events());
        b.append("# HELP falcosecurity_falco_rules_matches_total Alerts by rule\n# TYPE falcosecurity_falco_rules_matches_total counter\n");
        for (int id = 0; id < rules.size(); id++) {
            long n = stats.alerts(id);
            if (n == 0) continue;
            Compiled.CRule r = rules.get(id);
            b.append("falcosecurity_falco_rules_matches_total{priority=\"").append(r.priority.ordinal())
                    .append("\",rule_name=\"").append(esc(r.name)).append("\",source=\"syscall\",tags=\"")
                    .append(esc(r.tags == null ? "" : String.join(", ", r.tags))).append("\"} ").append(n).append('\n');
        }
        counter(b, "falcosecurity_falco_matcher_time_seconds_total", "Time spent evaluating rules", matchNs / 1e9);
        b.append("# HELP falcosecurity_falco_duration_sec Seconds since start\n# TYPE falcosecurity_falco_duration_sec gauge\n")
                .append("falcosecurity_falco_duration_sec ").append((System.nanoTime() - start) / 1_000_000_000L).append('\n');
        return b.toString();
    }

    private static void counter(StringBuilder b, String name, String help, Number v) {
        b.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" counter\n")
                .append(name).append(' ').append(v).append('\n');
    }

    private static String esc(String s) { return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"); }

    private static long sum(long[] a) {
        long s = 0;
        for (long v : a) s += v;
        return s;
    }

    @Override
    public void close() {
        if (server != null) server.stop(0);
        if (ticker != null) ticker.interrupt();
    }
}
