package dev.falcoc.grammar;

import java.util.concurrent.Callable;

/**
 * Runs work on a thread with a large stack. Conditions are trees walked recursively (parser, type
 * checks, event types, printers, code generation); a condition nested 10^4 deep needs far more than
 * a default 1 MiB thread stack. Entry points wrap their work in {@link #call} so that the caller's
 * thread does not matter; nested calls run in place. The stack is reserved address space, committed
 * only as deep as the recursion actually goes.
 */
public final class DeepStack {
    private DeepStack() {}

    public static final long STACK_BYTES = 1L << 30;
    private static final ThreadLocal<Boolean> DEEP = ThreadLocal.withInitial(() -> false);

    /** Marks the calling thread as already having a large stack (e.g. one the caller created with STACK_BYTES). */
    public static void markDeep() { DEEP.set(true); }

    /**
     * Waits for {@code t} to end even if this thread is interrupted meanwhile (work that cannot be
     * abandoned half done), then passes the interrupt on.
     */
    public static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Runs {@code work} on a large-stack thread (this one if it already is), rethrowing what it throws. */
    public static <T> T call(Callable<T> work) {
        if (DEEP.get()) return unchecked(work);
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            DEEP.set(true);
            try {
                result[0] = work.call();
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, Thread.currentThread().getName() + "-deep", STACK_BYTES);
        t.start();
        joinUninterruptibly(t);
        Throwable f = failure[0];
        if (f instanceof RuntimeException r) throw r;
        if (f instanceof Error e) throw e;
        if (f != null) throw new IllegalStateException(f);
        @SuppressWarnings("unchecked") T r = (T) result[0];
        return r;
    }

    private static <T> T unchecked(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
