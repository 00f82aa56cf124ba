package dev.falcoc.runtime;

import dev.falcoc.compiler.ir.FieldBinder;
import dev.falcoc.compiler.ir.FieldGetter;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.runtime.event.Converter;
import dev.falcoc.runtime.event.EventSchema;
import dev.falcoc.runtime.event.Evt;
import dev.falcoc.runtime.fields.SyscallFieldBinder;
import dev.falcoc.runtime.scap.EventSource;
import dev.falcoc.runtime.scap.RawEvent;
import dev.falcoc.runtime.scap.ScapReader;
import dev.falcoc.runtime.state.Parser;
import dev.falcoc.runtime.state.State;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replays a capture the way Falco does: reads events, converts old enter/exit pairs to the
 * exit-only model, updates thread/fd/user state and hands out one evaluation context per event.
 *
 * <pre>
 * try (Inspector in = Inspector.open(path)) {
 *     FieldBinder b = in.binder();
 *     for (Object ctx; (ctx = in.next()) != null; ) {
 *         int code = in.eventCode(ctx);   // dispatch on rules' event sets
 *         ...
 *     }
 * }
 * </pre>
 */
public final class Inspector implements AutoCloseable {
    private final EventSource reader;
    private final State state;
    private final Converter converter = new Converter();
    private final Parser parser;
    private final RawEvent raw = new RawEvent();
    private final Evt evt = new Evt();
    private final SyscallFieldBinder binder;
    private final ConcurrentHashMap<FieldResolver.Resolved, SyscallFieldBinder.Field> rendered = new ConcurrentHashMap<>();
    private static final int PROCEXIT = 186;
    private long num;
    private long parseErrors;
    private boolean initDone;
    private boolean sawOther;

    private Inspector(EventSource reader, State state) {
        this.reader = reader;
        this.state = state;
        this.parser = new Parser(state);
        this.binder = new SyscallFieldBinder();
        evt.st = state;
    }

    /** Opens a .scap capture (gzip or plain). Errors name the offending block offset. */
    public static Inspector open(Path capture) throws ScapException {
        State st = new State();
        return new Inspector(ScapReader.open(capture, st), st);
    }

    /**
     * Inspects events of another source (a live driver): {@code state} is the sink the source
     * filled with the initial threads, fds and users.
     */
    public static Inspector open(EventSource source, State state) {
        return new Inspector(source, state);
    }

    /** See {@link ScapReader#skipBadBlocks}; live sources have no blocks to skip. */
    public void skipBadBlocks(boolean skip) {
        if (reader instanceof ScapReader r) r.skipBadBlocks(skip);
    }

    public long skippedBlocks() { return reader instanceof ScapReader r ? r.skippedBlocks() : 0; }

    public String firstSkipped() { return reader instanceof ScapReader r ? r.firstSkipped() : null; }

    /**
     * The context of the next event Falco would show to rules, after its state update;
     * null at the end of the capture. The same object is reused for every event.
     */
    public Object next() throws ScapException {
        while (true) {
            if (!reader.next(raw)) return null;
            if (!initDone) {
                state.finishInitialState();
                initDone = true;
            }
            if (converter.convert(raw) != Converter.PASS) continue;
            num++;
            long prev = evt.ts;
            evt.load(raw, num);
            evt.prevTs = num == 1 ? evt.ts : prev;
            evt.enterTs = converter.lastEnterTs();
            if (evt.firstTs == 0 && (evt.info.category() & 4096) == 0) evt.firstTs = evt.ts;
            try {
                parser.process(evt);
            } catch (RuntimeException malformed) {
                // a malformed event leaves the state as it was; the event is still shown
                parseErrors++;
            }
            if (evt.type == PROCEXIT) converter.forget(evt.tid); // bounded: no pending enter events of dead threads
            if (hidden(evt)) continue;
            // libsinsp looks the thread up lazily when the parser did not attach one
            if (evt.thread == null) evt.thread = state.threads.find(evt.tid);
            return evt;
        }
    }

    /**
     * Events libsinsp consumes without showing them to rules: syscall enter events (old captures)
     * and user/group meta events. Container events are shown, but only to rules that name their
     * type: see {@link #shownToUnconstrainedRules}.
     */
    private boolean hidden(Evt e) {
        int c = e.type;
        if (HIDE_ALWAYS[c]) return true;
        // container events that open a capture (before any other event) are not shown (observed)
        if (CONTAINER[c]) return !sawOther;
        sawOther = true;
        return false;
    }

    private static final boolean[] HIDE_ALWAYS, CONTAINER;

    static {
        EventSchema s = EventSchema.get();
        HIDE_ALWAYS = new boolean[s.size()];
        CONTAINER = new boolean[s.size()];
        for (int c = 0; c < s.size(); c++) {
            EventSchema.Event e = s.event(c);
            HIDE_ALWAYS[c] = e.enter() && (e.category() & 512) != 0
                    || switch (e.name()) {
                        case "useradded", "userdeleted", "groupadded", "groupdeleted" -> true;
                        default -> false;
                    };
            CONTAINER[c] = e.name().equals("container");
        }
    }

    /**
     * False for events Falco 0.42 does not show to rules whose condition puts no constraint on
     * evt.type (observed: container meta events), true otherwise.
     */
    public static boolean shownToUnconstrainedRules(int eventCode) {
        EventSchema.Event e = EventSchema.get().event(eventCode);
        return e == null || !e.name().equals("container");
    }

    /** The event code used to select candidate rules. */
    public int eventCode(Object ctx) {
        return ((EventContext) ctx).eventCode();
    }

    /** Falco's evt.num of the event. */
    public long evtNum(Object ctx) {
        return ((EventContext) ctx).evtNum();
    }

    /** Event timestamp in ns since the epoch (the alert's "time"). */
    public long ts(Object ctx) {
        return ((EventContext) ctx).ts();
    }

    /** The machine's hostname as recorded in the capture (empty when absent). */
    public String hostname() {
        return state.hostname;
    }

    /** Field getters for compiled matchers and for output formatting. */
    public FieldBinder binder() {
        return binder;
    }

    private SyscallFieldBinder.Field field(FieldResolver.Resolved f) {
        return rendered.computeIfAbsent(f, binder::field);
    }

    /**
     * The JSON value Falco puts in output_fields for this field: String, Long (BigInteger for
     * unsigned 64-bit values past Long.MAX_VALUE), Double, Boolean, List of those, or null.
     */
    public Object jsonValue(FieldResolver.Resolved f, Object ctx) {
        try {
            return field(f).json((Evt) ctx);
        } catch (RuntimeException malformed) {
            return null; // a field of a malformed event has no value
        }
    }

    /** The text Falco substitutes for %field in output ("&lt;NA&gt;" when the field has no value). */
    public String text(FieldResolver.Resolved f, Object ctx) {
        try {
            return field(f).text((Evt) ctx);
        } catch (RuntimeException malformed) {
            return "<NA>";
        }
    }

    /** Events whose state update failed on malformed content (state left unchanged). */
    public long parseErrors() {
        return parseErrors;
    }

    /** Number of threads currently tracked (bounded-memory checks). */
    public int threadCount() {
        return state.threads.size();
    }

    /** The largest fd table of a tracked thread (bounded-memory checks). */
    public int largestFdTable() {
        int[] max = {0};
        state.threads.forEach(t -> {
            var tab = state.threads.fdTable(t);
            if (tab != null) max[0] = Math.max(max[0], tab.size());
        });
        return max[0];
    }

    /** Threads and fds not tracked because their table was full. */
    public long threadTableFull() { return state.threads.threadTableFull; }

    public long fdTableFull() { return state.threads.fdTableFull; }

    /** The schema's name of an event code. */
    public static String eventName(int code) {
        EventSchema.Event e = EventSchema.get().event(code);
        return e == null ? "" : e.name();
    }

    @Override
    public void close() {
        reader.close();
    }
}
