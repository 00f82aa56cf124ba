package dev.falcoc.runtime;

import dev.falcoc.compiler.ir.FieldBinder;
import dev.falcoc.compiler.ir.FieldGetter;
import dev.falcoc.compiler.schema.FieldResolver;
import dev.falcoc.runtime.event.Converter;
import dev.falcoc.runtime.event.EventSchema;
import dev.falcoc.runtime.event.Evt;
import dev.falcoc.runtime.fields.SyscallFieldBinder;
import dev.falcoc.runtime.scap.EventSource;
import dev.falcoc.runtime.scap.Bytes;
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
    /** Per raw event code: how {@link #next} may pass over it (SKIP_*); null when nothing is skipped. */
    private byte[] skip;
    private long skippedEvents;
    private static final byte NORMAL = 0, SKIP_QUIET = 1, SKIP_RESET = 2, SKIP_IF_DROPPED = 3;

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

    /** Whether to act as if Falco's container plugin were loaded (default true); see {@link State#containerPlugin}. */
    public void containerPlugin(boolean loaded) { state.containerPlugin = loaded; }

    /**
     * Models libsinsp's shared parameter-string storage from now on, for outputs that render
     * evt.buffer (the only field that can show it: see {@link dev.falcoc.runtime.event.ParamStrings}).
     */
    public void modelParamStrings() {
        if (evt.paramStr == null) evt.paramStr = new dev.falcoc.runtime.event.ParamStrings();
    }

    /** Whether the matchers bound so far read container.* or k8s.* fields. */
    public boolean containerFieldsBound() { return binder.containerFieldsBound(); }

    /** See {@link ScapReader#skipBadBlocks}; live sources have no blocks to skip. */
    public void skipBadBlocks(boolean skip) {
        if (reader instanceof ScapReader r) r.skipBadBlocks(skip);
    }

    /**
     * Reads the capture's initial state (process, fd, user and interface lists, up to its first
     * event) now, e.g. on another thread while the rules load; errors are reported by the first
     * {@link #next} as they would have been. Set {@link #skipBadBlocks} before.
     */
    public void preload() {
        if (initDone || !(reader instanceof ScapReader r)) return;
        if (r.preload()) {
            // what next() does once its first event is read
            state.finishInitialState();
            initDone = true;
        }
    }

    public long skippedBlocks() { return reader instanceof ScapReader r ? r.skippedBlocks() : 0; }

    public String firstSkipped() { return reader instanceof ScapReader r ? r.firstSkipped() : null; }

    /**
     * The context of the next event Falco would show to rules, after its state update;
     * null at the end of the capture. The same object is reused for every event.
     */
    public Object next() throws ScapException {
        // The loop is tiny on purpose: a replay calls next() once per shown event but steps over ~50
        // raw events per call, and C1 compiles a method by its invocation count long before it
        // OSR-compiles a loop (whose threshold grows with the compile queue at start-up): with the
        // per-event work inline here, most of a replay ran interpreted (measured: ~200 ms of psp500).
        while (true) {
            int r = step();
            if (r == SHOWN) return evt;
            if (r == END) return null;
        }
    }

    private static final int PASSED = 0, SHOWN = 1, END = 2;

    /** One raw event of the capture: END at its end, SHOWN when evt holds an event for rules, else PASSED. */
    private int step() throws ScapException {
        if (!reader.next(raw)) return END;
        if (!initDone) {
            state.finishInitialState();
            initDone = true;
        }
        if (skip != null) {
            byte[] b = raw.buf;
            int type = Bytes.u16(b, raw.off + 20);
            int fast = skipFast[type];
            if (fast == FAST_GENERAL) {
                // the verdict depends on the parameter count only, looked up the same way
                int np = Bytes.i32(b, raw.off + 22);
                if ((np & ~0xff) == 0) {
                    byte[] row = skipByCount[type];
                    fast = (row != null ? row : skipRow(type))[np];
                    if (fast == FAST_WITHDRAW) {
                        converter.withdraw(Bytes.i64(b, raw.off + 8));
                        return PASSED;
                    }
                }
            }
            if (fast == FAST_DROP) return PASSED;
            if (fast == FAST_PASS_QUIET || fast == FAST_PASS_RESET) {
                // passedOver() for codes the converter passes unchanged, without its calls
                num++;
                long ts = Bytes.i64(b, raw.off);
                evt.ts = ts;
                if (evt.firstTs == 0 && !ASYNC[type]) evt.firstTs = ts;
                if (fast == FAST_PASS_RESET) parser.skipReset(type, Bytes.i64(b, raw.off + 8), ts);
                if (!HIDE_ALWAYS[type]) {
                    sawOther = true;
                    skippedEvents++;
                }
                return PASSED;
            }
            if (fast == FAST_GENERAL && passedOver()) return PASSED;
        }
        return full() ? SHOWN : PASSED;
    }

    /** The normal path of an event: conversion, state update; true when rules see it. */
    private boolean full() throws ScapException {
        if (converter.convert(raw) != Converter.PASS) return false;
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
        if (hidden(evt)) return false;
        // libsinsp looks the thread up lazily when the parser did not attach one
        if (evt.thread == null) {
            evt.thread = state.threads.find(evt.tid);
            evt.threadLookedUp = evt.thread != null;
        }
        return true;
    }

    /**
     * Lets {@link #next} pass over, after reading only their header, the events that no rule can
     * see and whose parsing changes no state that matters: event types (by name, so every version
     * and direction of a syscall) outside {@code ruleCodes} whose parser does nothing or only does
     * the generic reset of an exit event, besides updating the page-fault and memory counters
     * (switch, brk, mmap, munmap) unless {@code countersUsed}: some rule or output reads proc.vm*,
     * thread.vm* or thread.pf*. They
     * still get their evt.num and count as events (see {@link #skippedEvents}); the enter events
     * the converter would store for such an exit are withdrawn instead, as nothing reads that exit.
     * For replays only: the fields of a skipped event cannot be read.
     */
    public void skipUnneededEvents(java.util.BitSet ruleCodes, boolean countersUsed) {
        EventSchema s = EventSchema.get();
        // the worst effect per name and direction: a conversion may change an old code into the current one
        java.util.Map<String, Parser.Effect> worst = new java.util.HashMap<>();
        java.util.Set<String> needed = new java.util.HashSet<>();
        for (int c = 0; c < s.size(); c++) {
            EventSchema.Event e = s.event(c);
            if (e == null) continue;
            if (ruleCodes.get(c) || CONTAINER[c]) needed.add(e.name());
            Parser.Effect f = parser.effect(c);
            if (f == Parser.Effect.COUNTERS) f = countersUsed ? Parser.Effect.FULL : Parser.Effect.NONE;
            if (f == Parser.Effect.RESET_AND_COUNTERS) f = countersUsed ? Parser.Effect.FULL : Parser.Effect.RESET;
            worst.merge(e.name() + (e.enter() ? ">" : "<"), f, (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        byte[] k = new byte[s.size()];
        for (int c = 0; c < s.size(); c++) {
            EventSchema.Event e = s.event(c);
            if (e == null || needed.contains(e.name())) continue;
            Parser.Effect exit = worst.getOrDefault(e.name() + "<", Parser.Effect.NONE);
            if (!e.enter()) {
                k[c] = exit == Parser.Effect.NONE ? SKIP_QUIET : exit == Parser.Effect.RESET ? SKIP_RESET : NORMAL;
            } else if (exit == Parser.Effect.NONE || exit == Parser.Effect.RESET) {
                // an enter event is withdrawn only when its exit is passed over too: the exit's conversion reads it
                k[c] = worst.get(e.name() + ">") == Parser.Effect.NONE ? SKIP_QUIET : SKIP_IF_DROPPED;
            }
        }
        skip = k;
        // the same decisions folded with the converter's per-code verdict, for next()'s fast path
        byte[] f = new byte[s.size()];
        skipByCount = new byte[s.size()][];
        for (int c = 0; c < s.size(); c++) {
            if (k[c] == NORMAL) continue;
            int v = converter.skipVerdict(c);
            if (v == Converter.DROP) f[c] = FAST_DROP;
            else if (v == Converter.PASS) f[c] = passed(k[c]);
            else f[c] = FAST_GENERAL;
        }
        skipFast = f;
    }

    /** The fast verdict of an event the converter passes unchanged, by its skip mode. */
    private static byte passed(int mode) {
        return mode == SKIP_QUIET ? FAST_PASS_QUIET : mode == SKIP_RESET ? FAST_PASS_RESET : FAST_NORMAL;
    }

    /** skipByCount's row of a FAST_GENERAL code, made when its first event comes. */
    private byte[] skipRow(int type) {
        byte[] row = new byte[256];
        int mode = skip[type];
        for (int np = 0; np < 256; np++) {
            row[np] = switch (converter.skipVerdict(type, np)) {
                case Converter.DROP -> FAST_DROP;
                case Converter.WITHDRAW -> FAST_WITHDRAW;
                case Converter.PASS -> passed(mode);
                default -> FAST_NORMAL;
            };
        }
        return skipByCount[type] = row;
    }

    /** Per raw event code, for next(): how to treat it before any decoding (FAST_*). */
    private byte[] skipFast;
    /** For FAST_GENERAL codes: the same by parameter count (below 256; others take passedOver()). */
    private byte[][] skipByCount;
    private static final byte FAST_NORMAL = 0, FAST_GENERAL = 1, FAST_DROP = 2, FAST_PASS_QUIET = 3, FAST_PASS_RESET = 4, FAST_WITHDRAW = 5;

    /** Events passed over by {@link #skipUnneededEvents} that rules would have been shown. */
    public long skippedEvents() {
        return skippedEvents;
    }

    /** True when the event in {@code raw} was passed over (see {@link #skipUnneededEvents}). */
    private boolean passedOver() {
        int type = raw.type();
        int mode = skip[type];
        int r = converter.skip(raw);
        if (r == Converter.DROP) return true;
        if (r != Converter.PASS || mode == SKIP_IF_DROPPED) return false;
        num++;
        long ts = raw.ts();
        evt.ts = ts;
        if (evt.firstTs == 0 && (EventSchema.get().event(type).category() & 4096) == 0) evt.firstTs = ts;
        if (mode == SKIP_RESET) parser.skipReset(type, raw.tid(), ts);
        if (!HIDE_ALWAYS[type]) {
            sawOther = true;
            skippedEvents++;
        }
        return true;
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

    private static final boolean[] HIDE_ALWAYS, CONTAINER, ASYNC;

    static {
        EventSchema s = EventSchema.get();
        HIDE_ALWAYS = new boolean[s.size()];
        CONTAINER = new boolean[s.size()];
        ASYNC = new boolean[s.size()];
        for (int c = 0; c < s.size(); c++) {
            EventSchema.Event e = s.event(c);
            ASYNC[c] = (e.category() & 4096) != 0;
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
