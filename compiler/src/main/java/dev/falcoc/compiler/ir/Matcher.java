package dev.falcoc.compiler.ir;

/** A compiled rule condition: true when the event in {@code ctx} matches. */
@FunctionalInterface
public interface Matcher {
    boolean matches(Object ctx);

    /**
     * {@link #matches(Object)} when the caller already knows the context's {@link EventSerial}
     * ({@link EventSerial#NONE} if it has none): an engine reads it once per event instead of
     * every rule asking the context (an interface test, which C1 leaves to a slow stub).
     */
    default boolean matches(Object ctx, long serial) { return matches(ctx); }
}
