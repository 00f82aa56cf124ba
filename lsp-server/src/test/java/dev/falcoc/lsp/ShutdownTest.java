package dev.falcoc.lsp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.services.LanguageClient;
import org.junit.jupiter.api.Test;

/**
 * shutdown while the server is sending diagnostics. The send must not be interrupted: on an
 * interruptible channel (a pipe, an NIO stream) an interrupt in the middle of a write closes the
 * channel for good, and the answer to shutdown itself was then lost (the flaky HostileClientTest).
 */
class ShutdownTest {
    @Test
    void shutdownDoesNotInterruptASendInProgress() throws Exception {
        CountDownLatch sending = new CountDownLatch(1), shutDown = new CountDownLatch(1), looked = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        FalcoLanguageServer server = new FalcoLanguageServer();
        server.connect(new LanguageClient() {
            @Override
            public void publishDiagnostics(PublishDiagnosticsParams p) {
                sending.countDown();
                try {
                    // stands for a write to the client that is still under way when shutdown comes
                    if (!shutDown.await(60, TimeUnit.SECONDS)) return;
                    if (Thread.currentThread().isInterrupted()) interrupted.set(true);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                } finally {
                    looked.countDown();
                }
            }

            @Override public void telemetryEvent(Object o) { }
            @Override public void showMessage(MessageParams m) { }
            @Override public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams r) { return new CompletableFuture<>(); }
            @Override public void logMessage(MessageParams m) { }
        });
        server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem("file:///tmp/shutdown/rules.yaml", "yaml", 1,
                "- rule: r\n  desc: d\n  condition: evt.type = open and proc.name = x\n  output: o\n  priority: INFO\n  bad_key: 1\n")));
        assertTrue(sending.await(60, TimeUnit.SECONDS), "no diagnostics were sent");
        // answers at once, without waiting for the send (it holds no lock the send holds)
        CompletableFuture<Object> f = server.shutdown();
        assertTrue(f.isDone());
        shutDown.countDown();
        assertTrue(looked.await(60, TimeUnit.SECONDS));
        assertFalse(interrupted.get(), "shutdown interrupted a send to the client");
    }
}
