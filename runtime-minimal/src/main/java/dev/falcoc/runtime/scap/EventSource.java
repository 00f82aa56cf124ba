package dev.falcoc.runtime.scap;

import dev.falcoc.runtime.ScapException;

/**
 * Where raw events come from: a capture file ({@link ScapReader}) or a live driver. Metadata
 * (machine, threads, fds, users) goes to the {@link ScapSink} the source was opened with.
 */
public interface EventSource extends AutoCloseable {
    /** Fills {@code ev} with the next event; false at the end (for a live source: when stopped). */
    boolean next(RawEvent ev) throws ScapException;

    @Override
    void close();
}
