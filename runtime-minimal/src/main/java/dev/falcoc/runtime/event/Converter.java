package dev.falcoc.runtime.event;

import dev.falcoc.runtime.ScapException;
import dev.falcoc.runtime.scap.Bytes;
import dev.falcoc.runtime.scap.RawEvent;
import dev.falcoc.runtime.state.LongMap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Rewrites events of older layouts into the current exit-only model the way libscap's savefile
 * converter does (rules in resource {@code convert.tsv}): unused and old enter events are dropped,
 * enter events are stored per thread and their parameters merged into the following exit event,
 * missing trailing parameters get empty or default values, old versions change to the new type.
 */
public final class Converter {
    public static final int PASS = 0, DROP = 1;
    private static final int CONTINUE = 2;
    private static final int MAX_CONVERSIONS = 16;

    private record Instr(char code, int param, boolean fallbackEmpty) {}

    private static final int A_STORE = 0, A_PASS = 1, A_STORE_AND_PASS = 2, A_ADD = 3, A_CHANGE = 4;

    private record Conversion(int action, int target, Instr[] instrs) {}

    private static volatile Conversion[] table;

    private final EventSchema schema = EventSchema.get();
    /** Indexed by (event code << 8 | nparams): no boxing on the per-event lookup. */
    private final Conversion[] conversions = table();
    /** Per thread: a reusable copy of its last enter event and whether it still waits for its exit. */
    private static final class Slot {
        byte[] b = new byte[256];
        boolean pending;
    }

    private final LongMap<Slot> stored = new LongMap<>();
    /** The last thread looked up in {@link #stored} and its slot (null: none): runs of one thread's events are common. */
    private long cachedTid = Long.MIN_VALUE;
    private Slot cachedSlot;
    /** Per event code: the test_event_convertibility verdict that does not depend on nparams (-1 = depends). */
    private final int[] quick;
    private byte[] a = new byte[1 << 16], b = new byte[1 << 16];
    private long lastEnterTs;

    /** Timestamp of the enter event merged into the last converted event, 0 when none. */
    public long lastEnterTs() { return lastEnterTs; }

    public Converter() {
        quick = new int[schema.size()];
        for (int c = 0; c < quick.length; c++) {
            EventSchema.Event info = schema.event(c);
            if (info.has(EventSchema.EF_UNUSED)) quick[c] = DROP;
            else if (!info.has(EventSchema.EF_CONVERTER_MANAGED)) quick[c] = !info.has(EventSchema.EF_OLD_VERSION) ? PASS : info.enter() ? DROP : -1;
            else quick[c] = info.enter() || info.has(EventSchema.EF_OLD_VERSION) ? CONTINUE : -1;
        }
    }

    private static Conversion[] table() {
        Conversion[] t = table;
        if (t != null) return t;
        Conversion[] m = new Conversion[1 << 17];
        try (InputStream in = Converter.class.getResourceAsStream("/dev/falcoc/runtime/convert.tsv")) {
            if (in == null) throw new IllegalStateException("missing resource convert.tsv");
            BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = br.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] r = line.split("\t");
                Instr[] is = new Instr[0];
                if (!r[4].equals("-")) {
                    String[] parts = r[4].split(",");
                    is = new Instr[parts.length];
                    for (int i = 0; i < parts.length; i++) {
                        String p = parts[i];
                        boolean fe = p.endsWith("e");
                        is[i] = new Instr(p.charAt(0), Integer.parseInt(p.substring(1, fe ? p.length() - 1 : p.length())), fe);
                    }
                }
                int action = switch (r[2]) {
                    case "STORE" -> A_STORE;
                    case "PASS" -> A_PASS;
                    case "STORE_AND_PASS" -> A_STORE_AND_PASS;
                    case "ADD_PARAMS" -> A_ADD;
                    default -> A_CHANGE;
                };
                m[key(Integer.parseInt(r[0]), Integer.parseInt(r[1]))] = new Conversion(action, Integer.parseInt(r[3]), is);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        table = m;
        return m;
    }

    private static int key(int code, int nparams) { return code << 8 | (nparams & 0xff); }

    private ScapException err(RawEvent ev, String msg) {
        return new ScapException("corrupt capture at offset " + ev.blockOffset + ": " + msg);
    }

    private int test(byte[] buf, int off, RawEvent ev) throws ScapException {
        int type = Bytes.u16(buf, off + 20);
        int q = quick[type];
        if (q >= 0 && q != CONTINUE) return q;
        EventSchema.Event info = schema.event(type);
        if (info.has(EventSchema.EF_UNUSED)) return DROP;
        if (!info.has(EventSchema.EF_CONVERTER_MANAGED)) {
            if (!info.has(EventSchema.EF_OLD_VERSION)) return PASS;
            if (info.enter()) return DROP;
            throw err(ev, "old exit event " + info.name() + " cannot be converted");
        }
        if (info.enter()) return CONTINUE;
        int np = Bytes.i32(buf, off + 22);
        if (np > info.nparams()) {
            // a newer producer appends parameters to current events: read the known ones, ignore the rest
            if (!info.has(EventSchema.EF_OLD_VERSION)) return PASS;
            throw err(ev, "event " + info.name() + " has more parameters (" + np + ") than expected (" + info.nparams() + ")");
        }
        if (info.has(EventSchema.EF_OLD_VERSION) || np != info.nparams()) return CONTINUE;
        return PASS;
    }

    /**
     * Converts {@code ev} in place (its buffer may be replaced by the converter's own).
     * Returns {@link #PASS} when the event goes on to the parser, {@link #DROP} otherwise.
     */
    public int convert(RawEvent ev) throws ScapException {
        lastEnterTs = 0;
        int res = test(ev.buf, ev.off, ev);
        for (int n = 0; res == CONTINUE; n++) {
            if (n == MAX_CONVERSIONS) throw err(ev, "event conversion does not terminate");
            res = convertOnce(ev);
        }
        return res;
    }

    private int convertOnce(RawEvent ev) throws ScapException {
        byte[] src = ev.buf;
        int off = ev.off;
        int type = Bytes.u16(src, off + 20);
        int np = Bytes.i32(src, off + 22);
        long tid = Bytes.i64(src, off + 8);
        Conversion c = np < 256 ? conversions[key(type, np)] : null;
        if (c == null) throw err(ev, "no conversion for event " + schema.event(type).name() + " (code " + type + ") with " + np + " parameters");
        switch (c.action()) {
            case A_STORE -> { store(tid, src, off); return DROP; }
            case A_PASS -> { return PASS; }
            case A_STORE_AND_PASS -> { store(tid, src, off); return PASS; }
            default -> { }
        }
        boolean add = c.action() == A_ADD;
        int newType = add ? type : c.target();
        int newNp = add ? np + c.instrs().length : c.instrs().length;
        EventSchema.Event oldInfo = schema.event(type), newInfo = schema.event(newType);
        if (newNp > newInfo.nparams()) throw err(ev, "conversion of " + oldInfo.name() + " gives too many parameters");
        int oldLs = oldInfo.has(EventSchema.EF_LARGE_PAYLOAD) ? 4 : 2;
        int newLs = newInfo.has(EventSchema.EF_LARGE_PAYLOAD) ? 4 : 2;
        byte[] dst = src == a ? b : a;
        int oldLen = Bytes.i32(src, off + 16);
        // the thread's slot looked up once (it was three lookups: store, size, merge)
        Slot slot = c.instrs().length > 0 ? slot(tid) : null;
        byte[] enter = slot != null && slot.pending ? slot.b : null;
        int need = RawEvent.HEADER + newNp * newLs + oldLen + 64 + (c.instrs().length > 0 ? (enter == null ? 0 : Bytes.i32(enter, 16)) + 512 : 0);
        if (dst.length < need) {
            dst = new byte[Math.max(need, dst.length * 2)];
            if (src == a) b = dst; else a = dst;
        }
        System.arraycopy(src, off, dst, 0, 20); // ts, tid, len (rewritten below)
        Bytes.put16(dst, 20, newType);
        Bytes.put32(dst, 22, newNp);
        int lens = RawEvent.HEADER;
        int p = RawEvent.HEADER + newNp * newLs;
        int populate = 0;
        int oldParams = off + RawEvent.HEADER + np * oldLs;
        if (add) {
            int q = oldParams;
            for (int i = 0; i < np; i++) {
                int l = len(src, off, i, oldLs);
                setLen(dst, lens, i, l, newLs);
                System.arraycopy(src, q, dst, p, l);
                q += l;
                p += l;
            }
            populate = np;
        }
        boolean usedEnter = false;
        for (Instr in : c.instrs()) {
            EventSchema.PT pt = newInfo.params()[populate].type();
            switch (in.code()) {
                case 'Z' -> setLen(dst, lens, populate, 0, newLs);
                case 'D' -> p = pushDefault(dst, lens, populate, newLs, pt, p);
                case 'O' -> {
                    if (in.param() >= np) throw err(ev, "conversion of " + oldInfo.name() + " reads a missing parameter");
                    p = pushFrom(dst, lens, populate, newLs, pt, p, src, off, in.param(), oldLs);
                }
                case 'E' -> {
                    int et = enter == null ? -1 : Bytes.u16(enter, 20);
                    // libscap fails on a mismatched enter event; we fall back as if it were missing
                    if (enter == null || et != type - 1 || Bytes.i32(enter, 22) <= in.param()) {
                        if (in.fallbackEmpty()) setLen(dst, lens, populate, 0, newLs);
                        else p = pushDefault(dst, lens, populate, newLs, pt, p);
                    } else {
                        int els = schema.event(et).has(EventSchema.EF_LARGE_PAYLOAD) ? 4 : 2;
                        p = pushFrom(dst, lens, populate, newLs, pt, p, enter, 0, in.param(), els);
                        usedEnter = true;
                    }
                }
                case 'C' -> p = pushContainerJson(dst, lens, populate, newLs, p, src, off, np, oldLs, in.fallbackEmpty());
                default -> throw err(ev, "bad conversion instruction");
            }
            populate++;
        }
        if (usedEnter) {
            lastEnterTs = Bytes.i64(enter, 0);
            slot.pending = false;
        }
        Bytes.put32(dst, 16, p);
        ev.buf = dst;
        ev.off = 0;
        return test(dst, 0, ev);
    }

    /**
     * What {@link #skip} answers for every event of this code whatever its content (PASS or
     * DROP, with no effect on the converter's state), or -1 when that depends on the event.
     */
    public int skipVerdict(int type) {
        int q = quick[type];
        return q == PASS || q == DROP ? q : -1;
    }

    /** A {@link #skipVerdict(int, int)}: DROP once the thread's pending enter event is withdrawn ({@link #withdraw}). */
    public static final int WITHDRAW = 3;

    /**
     * What {@link #skip} answers for an event of this code and parameter count: PASS, DROP,
     * {@link #WITHDRAW} or -1 (it depends on nothing else), without its effect.
     */
    public int skipVerdict(int type, int np) {
        int q = quick[type];
        if (q == PASS || q == DROP) return q;
        EventSchema.Event info = schema.event(type);
        if (info.enter()) {
            if (q != CONTINUE) return -1;
            Conversion c = np >= 0 && np < 256 ? conversions[key(type, np)] : null;
            return c == null || c.action() != A_STORE ? -1 : WITHDRAW;
        }
        // the checks of test(): what convert would reject still goes through it, so that the error is reported as before
        if (!info.has(EventSchema.EF_CONVERTER_MANAGED)) return -1;
        boolean old = info.has(EventSchema.EF_OLD_VERSION);
        if (np > info.nparams()) return old ? -1 : PASS;
        if (!old && np == info.nparams()) return PASS;
        Conversion c = np >= 0 ? conversions[key(type, np)] : null;
        if (c == null || c.action() == A_STORE || c.action() == A_STORE_AND_PASS) return -1;
        return PASS;
    }

    /** The thread's pending enter event will never pair with an exit: see {@link #skip}. */
    public void withdraw(long tid) {
        Slot slot = slot(tid);
        if (slot != null) slot.pending = false;
    }

    /**
     * For an event nothing downstream needs: what {@link #convert} would leave behind, without
     * building the converted event. An enter event that would only be stored gives {@link #DROP}
     * (the thread's pending enter is withdrawn: the stored one could never pair with another
     * call's exit); an exit event gives {@link #PASS} (the caller counts it but does not parse it;
     * its own enter was withdrawn when it came; an event the converter passes unchanged gives
     * PASS too). -1 when the event must take the normal path (it needs a conversion that stores
     * it, or the converter would reject it).
     */
    public int skip(RawEvent ev) {
        byte[] src = ev.buf;
        int off = ev.off;
        int v = skipVerdict(Bytes.u16(src, off + 20), Bytes.i32(src, off + 22));
        if (v != WITHDRAW) return v;
        withdraw(Bytes.i64(src, off + 8));
        return DROP;
    }

    private void store(long tid, byte[] src, int off) {
        int len = Bytes.i32(src, off + 16);
        Slot s = slot(tid);
        // reuse the thread's slot: one enter event is pending per thread at most
        if (s == null) {
            s = new Slot();
            stored.put(tid, s);
            cachedSlot = s; // slot(tid) made tid the cached one
        }
        if (s.b.length < len) s.b = new byte[len];
        System.arraycopy(src, off, s.b, 0, len);
        s.pending = true;
    }

    /** Forget a thread's pending enter event (thread exit). */
    public void forget(long tid) {
        stored.remove(tid);
        if (tid == cachedTid) cachedSlot = null;
    }

    private Slot slot(long tid) {
        if (tid == cachedTid) return cachedSlot;
        Slot s = stored.get(tid);
        cachedTid = tid;
        cachedSlot = s;
        return s;
    }

    static int len(byte[] buf, int off, int i, int ls) {
        return ls == 2 ? Bytes.u16(buf, off + RawEvent.HEADER + i * 2) : Bytes.i32(buf, off + RawEvent.HEADER + i * 4);
    }

    private static void setLen(byte[] dst, int lens, int i, int l, int ls) {
        if (ls == 2) Bytes.put16(dst, lens + i * 2, l);
        else Bytes.put32(dst, lens + i * 4, l);
    }

    private static int pushDefault(byte[] dst, int lens, int i, int ls, EventSchema.PT pt, int p) {
        int size = Math.max(EventSchema.fixedSize(pt), 0);
        long v = pt == EventSchema.PT.UID || pt == EventSchema.PT.GID ? 0xffffffffL : 0;
        for (int k = 0; k < size; k++) dst[p + k] = (byte) (v >>> (8 * k));
        setLen(dst, lens, i, size, ls);
        return p + size;
    }

    private static int pushFrom(byte[] dst, int lens, int i, int ls, EventSchema.PT pt, int p, byte[] src, int off, int j, int sls) {
        int np = Bytes.i32(src, off + 22);
        int q = off + RawEvent.HEADER + np * sls;
        for (int k = 0; k < j; k++) q += len(src, off, k, sls);
        int l = len(src, off, j, sls);
        int fixed = EventSchema.fixedSize(pt);
        if (fixed >= 0) l = Math.min(l, fixed);
        System.arraycopy(src, q, dst, p, l);
        setLen(dst, lens, i, l, ls);
        return p + l;
    }

    /** Old container events (id, type, name, image) become the JSON form. */
    private static int pushContainerJson(byte[] dst, int lens, int i, int ls, int p, byte[] src, int off, int np, int sls, boolean fe) {
        if (np < 4) {
            setLen(dst, lens, i, 0, ls);
            return p;
        }
        String[] s = new String[4];
        int q = off + RawEvent.HEADER + np * sls;
        long ty = 0;
        for (int k = 0; k < 4; k++) {
            int l = len(src, off, k, sls);
            if (k == 1) ty = l >= 4 ? Bytes.u32(src, q) : 0;
            else s[k] = Bytes.cstr(src, q, l);
            q += l;
        }
        String json = "{\"id\":\"" + s[0] + "\",\"type\":" + ty + ",\"name\":\"" + s[2] + "\",\"image\":\"" + s[3] + "\"}";
        byte[] jb = json.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(jb, 0, dst, p, jb.length);
        dst[p + jb.length] = 0;
        setLen(dst, lens, i, jb.length + 1, ls);
        return p + jb.length + 1;
    }
}
