package dev.falcoc.runtime.output;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * http_output: POSTs each alert (Content-Type application/json in JSON mode, text/plain
 * otherwise) with Falco's user agent; retries on time-outs up to max_consecutive_timeouts; with
 * echo the response body is printed.
 */
public final class HttpOutput implements Output {
    private final URI uri;
    private final String contentType, userAgent;
    private final boolean echo;
    private final int maxTimeouts;
    private final Duration timeout;
    private final HttpClient client;
    private final Writer echoTo;

    public HttpOutput(Map<String, String> o, boolean json, Writer echoTo) throws IOException {
        String url = o.getOrDefault("url", "");
        // Falco strips one level of quotes around the URL
        if (url.length() >= 2 && ((url.startsWith("\"") && url.endsWith("\"")) || (url.startsWith("'") && url.endsWith("'")))) {
            url = url.substring(1, url.length() - 1);
        }
        try {
            this.uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid http_output.url " + url + ": " + e.getMessage());
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IOException("http_output.url must be an http:// or https:// URL: " + url);
        }
        this.contentType = json ? "application/json" : "text/plain";
        this.userAgent = o.getOrDefault("user_agent", "falcosecurity/falco");
        this.echo = "true".equals(o.get("echo"));
        int mt;
        try { mt = Integer.parseInt(o.getOrDefault("max_consecutive_timeouts", "5")); } catch (NumberFormatException e) { mt = 5; }
        this.maxTimeouts = mt;
        long ms;
        try { ms = Long.parseLong(o.getOrDefault("timeout_ms", "2000")); } catch (NumberFormatException e) { ms = 2000; }
        this.timeout = Duration.ofMillis(Math.max(1, ms));
        this.echoTo = echoTo;
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout);
        if ("true".equals(o.get("insecure"))) b.sslContext(trustAll());
        this.client = b.build();
    }

    private static SSLContext trustAll() throws IOException {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509TrustManager() {
                @Override public void checkClientTrusted(X509Certificate[] c, String a) { }
                @Override public void checkServerTrusted(X509Certificate[] c, String a) { }
                @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
            }}, new SecureRandom());
            return ctx;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot set up insecure TLS: " + e.getMessage());
        }
    }

    @Override public String name() { return "http"; }

    @Override
    public void output(Alert a) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", contentType).header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofString(a.message())).build();
        for (int attempt = 0; ; attempt++) {
            try {
                HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                if (echo && echoTo != null) {
                    echoTo.write(r.body());
                    echoTo.flush();
                }
                return;
            } catch (HttpTimeoutException e) {
                if (attempt >= maxTimeouts) throw new IOException("timed out posting to " + uri);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            } catch (IOException e) {
                throw new IOException("failed to post to " + uri + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
    }

    @Override
    public void close() { client.close(); }

    /** Cancels what is in flight (an endpoint that never answers) instead of waiting for it. */
    @Override
    public void abort() { client.shutdownNow(); }
}
