package dev.falcoc.lsp;

import static org.junit.jupiter.api.Assertions.*;

import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;

/** --port: the server listens on localhost and serves the first client. */
class SocketTest {
    static final class Quiet implements org.eclipse.lsp4j.services.LanguageClient {
        @Override public void telemetryEvent(Object o) { }
        @Override public void publishDiagnostics(org.eclipse.lsp4j.PublishDiagnosticsParams p) { }
        @Override public void showMessage(org.eclipse.lsp4j.MessageParams m) { }
        @Override public java.util.concurrent.CompletableFuture<org.eclipse.lsp4j.MessageActionItem> showMessageRequest(org.eclipse.lsp4j.ShowMessageRequestParams r) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        @Override public void logMessage(org.eclipse.lsp4j.MessageParams m) { }
    }

    @Test
    void servesAClientOnALocalSocket() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        int p = port;
        int[] code = {-1};
        Thread t = new Thread(() -> {
            try {
                code[0] = ServerLauncher.serveSocket(p);
            } catch (Exception e) {
                code[0] = 99;
            }
        });
        t.setDaemon(true);
        t.start();
        Socket s = null;
        for (int i = 0; i < 100 && s == null; i++) {
            try {
                s = new Socket("127.0.0.1", p);
            } catch (java.io.IOException e) {
                Thread.sleep(50);
            }
        }
        assertNotNull(s, "server did not listen");
        try (Socket sock = s) {
            var l = LSPLauncher.createClientLauncher(new Quiet(), sock.getInputStream(), sock.getOutputStream());
            l.startListening();
            LanguageServer server = l.getRemoteProxy();
            var init = server.initialize(new InitializeParams()).get(30, TimeUnit.SECONDS);
            assertEquals("falcoc", init.getServerInfo().getName());
            server.shutdown().get(10, TimeUnit.SECONDS);
            server.exit();
            t.join(10_000);
            assertEquals(0, code[0]);
        }
    }
}
