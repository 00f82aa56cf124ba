package dev.falcoc.lsp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/** Starts the server on a pair of streams (stdio) or on a local socket. */
public final class ServerLauncher {
    private ServerLauncher() {}

    /** Serves one client on the streams until it disconnects; returns the exit code. */
    public static int serve(InputStream in, OutputStream out) {
        java.util.concurrent.CompletableFuture<Void> exited = new java.util.concurrent.CompletableFuture<>();
        FalcoLanguageServer server = new FalcoLanguageServer(() -> exited.complete(null));
        Launcher<LanguageClient> l = LSPLauncher.createServerLauncher(server, in, out);
        server.connect(l.getRemoteProxy());
        Future<Void> listening = l.startListening();
        // the client's exit notification or the end of the input stream, whichever comes first
        java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                listening.get();
            } catch (InterruptedException | ExecutionException | java.util.concurrent.CancellationException e) {
                // the stream closed under us: the client is gone
            }
            exited.complete(null);
        });
        try {
            exited.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // not thrown: completed normally only
        }
        listening.cancel(true);
        return server.exitCode() == 0 ? 0 : 1;
    }

    /** Listens on localhost:port and serves the first client that connects. */
    public static int serveSocket(int port) throws IOException {
        try (ServerSocket ss = new ServerSocket(port, 1, InetAddress.getLoopbackAddress()); Socket s = ss.accept()) {
            return serve(s.getInputStream(), s.getOutputStream());
        }
    }
}
