package dev.falcoc.compiler.ir;

/** A compiled rule condition: true when the event in {@code ctx} matches. */
@FunctionalInterface
public interface Matcher {
    boolean matches(Object ctx);
}
