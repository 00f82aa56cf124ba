package dev.falcoc.runtime;

/**
 * The evaluation context handed to matchers and field getters: the current event plus the state
 * (thread, fd, user) it refers to. One instance per {@link Inspector}, reused for every event:
 * read what you need before calling {@link Inspector#next()} again.
 */
public interface EventContext {
    /** Event code (libscap's PPME_* number) of the event, after conversion to the exit-only model. */
    int eventCode();

    /** Falco's evt.num: 1-based number of the event in the capture. */
    long evtNum();

    /** Event timestamp, ns since the epoch. */
    long ts();

    /** Thread id the event belongs to. */
    long tid();
}
