package dev.falcoc.runtime.output;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands alerts to an output that may block (a program that stops reading, an HTTP endpoint that
 * never answers) through a bounded queue and a worker thread of its own, so event processing never
 * waits on it. When the queue is full the alert is dropped and counted, as Falco's outputs queue
 * does ({@code outputs_queue.capacity}); nothing is silently lost: every accepted alert ends up
 * delivered, failed or counted as left behind at close.
 */
public final class QueuedOutput implements Output {
    private static final Alert END = new Alert("", null, "", 0, "");

    private final Output inner;
    private final ArrayBlockingQueue<Alert> queue;
    private final int capacity;
    private final long stallMillis;
    private final PrintWriter err;
    private final Thread worker;
    private final AtomicLong delivered = new AtomicLong(), failed = new AtomicLong(), dropped = new AtomicLong();
    private long accepted, leftAtClose;
    private volatile boolean dropReported;
    private boolean failureReported;
    private volatile long lastProgressNanos = System.nanoTime();

    /**
     * @param capacity    alerts that may wait for the output
     * @param stallMillis at close, how long the output may go without delivering an alert before the
     *                    rest is given up (Falco's output_timeout)
     * @param err         where the first delivery failure and the first drop are reported
     */
    public QueuedOutput(Output inner, int capacity, long stallMillis, PrintWriter err) {
        this.inner = inner;
        this.capacity = Math.max(1, capacity);
        this.queue = new ArrayBlockingQueue<>(this.capacity);
        this.stallMillis = Math.max(1, stallMillis);
        this.err = err;
        this.worker = Thread.ofPlatform().daemon().name("falcoc-output-" + inner.name()).start(this::work);
    }

    @Override public String name() { return inner.name(); }

    /** Never blocks: a full queue drops the alert (counted, reported once on stderr). */
    @Override
    public void output(Alert a) {
        if (queue.offer(a)) {
            accepted++;
            return;
        }
        dropped.incrementAndGet();
        if (!dropReported) {
            dropReported = true;
            report(inner.name() + " output is not keeping up: its queue of " + capacity + " alerts is full, further alerts for it are dropped (counted in the summary)");
        }
    }

    private void work() {
        while (true) {
            Alert a;
            try {
                a = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (a == END) {
                // closing may wait too (a kept-alive program is waited for after its stdin closes): it
                // happens here so that close() can give up on it like on a stalled delivery
                lastProgressNanos = System.nanoTime();
                try {
                    inner.close();
                } catch (IOException | RuntimeException e) {
                    report(inner.name() + " output: " + Outputs.message(e));
                }
                return;
            }
            try {
                inner.output(a);
                delivered.incrementAndGet();
            } catch (IOException | RuntimeException e) {
                failed.incrementAndGet();
                synchronized (this) {
                    if (!failureReported) {
                        failureReported = true;
                        report(inner.name() + " output: " + Outputs.message(e));
                    }
                }
            }
            lastProgressNanos = System.nanoTime();
            if (Thread.currentThread().isInterrupted()) return;
        }
    }

    private void report(String m) {
        synchronized (err) {
            err.println("falcoc: " + m);
            err.flush();
        }
    }

    /** Alerts the output took without error. */
    public long delivered() { return delivered.get(); }

    /** Alerts dropped because the queue was full. */
    public long dropped() { return dropped.get(); }

    /** Alerts the output took but could not deliver (its own errors). */
    public long failed() { return failed.get(); }

    /** Alerts still queued (or in flight) when close gave up on a stalled output. */
    public long leftAtClose() { return leftAtClose; }

    /**
     * Lets the worker finish the queue and close the output while it keeps making progress; once the
     * output has delivered nothing for stallMillis (or takes longer than that to close, e.g. a program
     * that does not exit when its stdin ends), the rest is counted as left behind and the output is
     * aborted.
     */
    @Override
    public void close() throws IOException {
        boolean endQueued = queue.offer(END);
        lastProgressNanos = Math.max(lastProgressNanos, System.nanoTime());
        try {
            while (worker.isAlive()) {
                if (!endQueued) endQueued = queue.offer(END);
                worker.join(Math.min(200, stallMillis));
                if (System.nanoTime() - lastProgressNanos > TimeUnit.MILLISECONDS.toNanos(stallMillis)) break;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (worker.isAlive()) {
            worker.interrupt();
            inner.abort();
            try {
                worker.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            leftAtClose = Math.max(0, accepted - delivered.get() - failed.get());
            report(inner.name() + " output stalled (nothing delivered for " + stallMillis + " ms): gave up on " + leftAtClose + " queued alert(s)");
        }
    }

    @Override
    public void abort() {
        worker.interrupt();
        inner.abort();
    }
}
