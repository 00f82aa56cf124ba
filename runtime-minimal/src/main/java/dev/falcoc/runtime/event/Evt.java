package dev.falcoc.runtime.event;

import dev.falcoc.runtime.EventContext;
import dev.falcoc.runtime.scap.Bytes;
import dev.falcoc.runtime.scap.RawEvent;
import dev.falcoc.runtime.state.FdInfo;
import dev.falcoc.runtime.state.ThreadInfo;

import java.nio.charset.StandardCharsets;

/**
 * The event being evaluated: header, parameter slices (decoded lazily from the capture buffer),
 * plus the thread and fd the parser attached to it. One instance, reused for every event.
 */
public final class Evt implements EventContext, dev.falcoc.compiler.ir.EventSerial {
    public final EventSchema schema = EventSchema.get();
    public byte[] buf;
    public int off;
    public int type;
    public int nparams;
    public long ts, tid, num;
    public int cpu;
    public EventSchema.Event info;
    private int[] poff = new int[64], plen = new int[64];

    /** The state the fields read (threads, users, machine). */
    public dev.falcoc.runtime.state.State st;
    /** Timestamp of the enter event merged into this one (0 when none), for evt.latency. */
    public long enterTs;

    /** State attached by the parser (null when none). */
    public ThreadInfo thread;
    /** The thread was looked up for the fields, not attached by the parser (libsinsp's get_tinfo() is null). */
    public boolean threadLookedUp;
    public FdInfo fd;
    public long fdNum = -1;
    public int errorCode;
    public boolean fdNameChanged;
    /** Previous event's timestamp and the first event's, for evt.deltatime / evt.reltime. */
    public long prevTs, firstTs;
    /** libsinsp's shared parameter-string storage, modelled only when an output renders evt.buffer (else null). */
    public ParamStrings paramStr;
    /** Per-event memo slots for the field getters (cleared on each event by bumping the serial). */
    public long serial;

    public void load(RawEvent ev, long num) {
        this.buf = ev.buf;
        this.off = ev.off;
        this.cpu = ev.cpu;
        this.num = num;
        this.ts = Bytes.i64(buf, off);
        this.tid = Bytes.i64(buf, off + 8);
        this.type = Bytes.u16(buf, off + 20);
        this.nparams = Bytes.i32(buf, off + 22);
        this.info = schema.event(type);
        int ls = info.has(EventSchema.EF_LARGE_PAYLOAD) ? 4 : 2;
        if (nparams > poff.length) { poff = new int[nparams]; plen = new int[nparams]; }
        int p = off + RawEvent.HEADER + nparams * ls;
        for (int i = 0; i < nparams; i++) {
            int l = ls == 2 ? Bytes.u16(buf, off + RawEvent.HEADER + i * 2) : Bytes.i32(buf, off + RawEvent.HEADER + i * 4);
            poff[i] = p;
            plen[i] = l;
            p += l;
        }
        thread = null;
        threadLookedUp = false;
        fd = null;
        fdNum = -1;
        errorCode = 0;
        fdNameChanged = false;
        serial++;
    }

    @Override public long eventSerial() { return serial; }
    @Override public int eventCode() { return type; }
    @Override public long evtNum() { return num; }
    @Override public long ts() { return ts; }
    @Override public long tid() { return tid; }

    public boolean enter() { return info.enter(); }

    public boolean has(int i) { return i < nparams && plen[i] > 0; }
    public int plen(int i) { return i < nparams ? plen[i] : 0; }
    public int poff(int i) { return poff[i]; }

    public EventSchema.PT ptype(int i) { return i < info.params().length ? info.params()[i].type() : EventSchema.PT.NONE; }

    /** Integer parameter, sign-extended for signed types; 0 when absent. */
    public long num(int i) {
        if (!has(i)) return 0;
        int o = poff[i];
        // a value shorter than its type (old captures) is zero-extended, as libsinsp reads it
        boolean sx = signed(i) && EventSchema.fixedSize(ptype(i)) == plen[i];
        return switch (plen[i]) {
            case 1 -> sx ? buf[o] : buf[o] & 0xffL;
            case 2 -> sx ? Bytes.i16(buf, o) : Bytes.u16(buf, o);
            case 4 -> sx ? Bytes.i32(buf, o) : Bytes.u32(buf, o);
            case 8 -> Bytes.i64(buf, o);
            default -> 0;
        };
    }

    private boolean signed(int i) {
        return switch (ptype(i)) {
            case INT8, INT16, INT32, INT64, ERRNO, FD, PID, FD32, PID32 -> true;
            default -> false;
        };
    }

    /** Decoded strings and lists by their bytes: paths, exe names and command lines recur. */
    private final SliceCache<String> strings = new SliceCache<>(1024, 512);
    private final SliceCache<java.util.List<String>> lists = new SliceCache<>(512, 16384);

    /** String parameter (NUL-terminated on the wire). */
    public String str(int i) {
        if (!has(i)) return "";
        return str(buf, poff[i], plen[i]);
    }

    /** {@link Bytes#cstr} of any slice (a stored enter event's parameter too), through the same cache. */
    public String str(byte[] b, int o, int l) {
        if (l > strings.maxLen()) return Bytes.cstr(b, o, l);
        int h = SliceCache.hash(b, o, l);
        String s = strings.get(b, o, l, h);
        return s != null ? s : strings.put(b, o, l, h, Bytes.cstr(b, o, l));
    }

    public byte[] bytes(int i) {
        int l = plen(i);
        byte[] r = new byte[l];
        if (l > 0) System.arraycopy(buf, poff[i], r, 0, l);
        return r;
    }

    /** A NUL-separated list parameter (args, env, cgroups); the list is immutable. */
    public java.util.List<String> strList(int i) {
        if (!has(i)) return java.util.List.of();
        int o = poff[i], l = plen[i];
        if (l > lists.maxLen()) return java.util.List.copyOf(splitList(o, l));
        int h = SliceCache.hash(buf, o, l);
        java.util.List<String> v = lists.get(buf, o, l, h);
        return v != null ? v : lists.put(buf, o, l, h, java.util.List.copyOf(splitList(o, l)));
    }

    private java.util.List<String> splitList(int o, int len) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        int end = o + len, s = o;
        if (buf[end - 1] == 0) end--; // one trailing NUL ends the list
        if (end == o) return java.util.List.of();
        for (int k = o; k < end; k++) {
            if (buf[k] == 0) { out.add(new String(buf, s, k - s, StandardCharsets.UTF_8)); s = k + 1; }
        }
        out.add(new String(buf, s, end - s, StandardCharsets.UTF_8));
        return out;
    }

    public int paramIndex(String name) {
        EventSchema.Param[] ps = info.params();
        for (int i = 0; i < ps.length; i++) if (ps[i].name().equals(name)) return i;
        return -1;
    }

    /** The syscall return value (param "res" of exit events), or 0. */
    public long res() {
        if (!hasReturnValue() || plen[0] == 0) return 0;
        int o = poff[0];
        return switch (plen[0]) {
            case 4 -> Bytes.i32(buf, o);
            case 8 -> Bytes.i64(buf, o);
            case 2 -> Bytes.i16(buf, o);
            default -> buf[o];
        };
    }

    /** libsinsp has_return_value: exit syscall events (but the generic one) with parameters; res is param 0. */
    public boolean hasReturnValue() {
        return type != 1 && !info.enter() && (info.category() & 512) != 0 && nparams > 0;
    }
}
