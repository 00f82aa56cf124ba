package dev.falcoc.runtime.scap;

import dev.falcoc.runtime.ScapException;
import dev.falcoc.runtime.event.EventSchema;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Streams a .scap capture (gzip or plain): the section header, then metadata blocks handed to a
 * {@link ScapSink}, then event blocks of every version (v1 events get their nparams computed as
 * libscap does). Blocks are sliced in place from one reusable buffer.
 */
public final class ScapReader implements EventSource {
    static final int SHB = 0x0A0D0D0A, SHB_MAGIC = 0x1A2B3C4D;
    static final int MI = 0x201, MI_INT = 0x8000AB01;
    static final int PL_V1 = 0x202, PL_V2 = 0x207, PL_V3 = 0x209, PL_V4 = 0x210, PL_V5 = 0x211, PL_V6 = 0x212,
            PL_V7 = 0x213, PL_V8 = 0x214, PL_V9 = 0x215, PL_V1_INT = 0x8000AB02, PL_V2_INT = 0x8000AB07, PL_V3_INT = 0x8000AB09;
    static final int FDL = 0x203, FDL_INT = 0x8000AB03, FDL_V2 = 0x218;
    static final int EV = 0x204, EV_INT = 0x8000AB04, EV_V2 = 0x216, EV_V2_LARGE = 0x221;
    static final int EVF = 0x208, EVF_V2 = 0x217, EVF_V2_LARGE = 0x222;
    static final int IL = 0x205, IL_INT = 0x8000AB05, IL_V2 = 0x219;
    static final int UL = 0x206, UL_INT = 0x8000AB06, UL_V2 = 0x220;

    private final InputStream in;
    private final String name;
    private final ScapSink sink;
    private final EventSchema schema = EventSchema.get();
    /** Per event code: old notification/infrastructure events, whose v1 length is 3 bytes too long (no name compare per event). */
    private static final boolean[] LENGTH_3_TOO_LONG;
    /** Per event code: its parameter count in the schema (for {@link #fastV1Event}). */
    private static final int[] V1_NPARAMS;
    /** Per event code: a known event whose parameter lengths take 2 bytes (for {@link #fastEvent}). */
    private static final boolean[] SMALL_PARAMS;

    static {
        EventSchema s = EventSchema.get();
        LENGTH_3_TOO_LONG = new boolean[s.size()];
        V1_NPARAMS = new int[s.size()];
        SMALL_PARAMS = new boolean[s.size()];
        for (int c = 0; c < s.size(); c++) {
            EventSchema.Event e = s.event(c);
            if (e == null) continue;
            LENGTH_3_TOO_LONG[c] = e.name().equals("notification") || e.name().equals("infrastructure_event");
            V1_NPARAMS[c] = e.nparams();
            SMALL_PARAMS[c] = !e.has(EventSchema.EF_LARGE_PAYLOAD);
        }
    }
    private byte[] buf = new byte[1 << 20];
    private int pos, lim;
    private long base; // capture offset of buf[0]
    private boolean eof;
    private byte[] scratch = new byte[0]; // only for the copying v1 path (tests)
    private static final int READ_CHUNK = 256 << 10;
    /** Largest block accepted (libscap's event blocks are far smaller; big proc lists stay well below). */
    public static final int MAX_BLOCK = 256 << 20;
    private boolean skipBadBlocks;
    private long skippedBlocks;
    private String firstSkipped;

    private ScapReader(InputStream in, String name, ScapSink sink) {
        this.in = in;
        this.name = name;
        this.sink = sink;
    }

    /** Opens the capture and reads the section header; metadata blocks are read on the first {@link #next}. */
    public static ScapReader open(Path file, ScapSink sink) throws ScapException {
        InputStream raw;
        try {
            raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            raw.mark(2);
            int b0 = raw.read(), b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) raw = new GZIPInputStream(raw, 1 << 16);
            // read (and inflated) on another core while this reader parses
            raw = new ReadAhead(raw, file.getFileName() == null ? "" : file.getFileName().toString());
        } catch (NoSuchFileException e) {
            throw new ScapException(file + ": No such file");
        } catch (IOException e) {
            throw new ScapException(file + ": cannot read: " + e.getMessage());
        }
        ScapReader r = new ScapReader(raw, file.toString(), sink);
        r.readSectionHeader();
        return r;
    }

    /** For tests and in-memory captures. */
    public static ScapReader open(InputStream in, String name, ScapSink sink) throws ScapException {
        ScapReader r = new ScapReader(in, name, sink);
        r.readSectionHeader();
        return r;
    }

    private ScapException err(long at, String what) {
        return new ScapException(name + ": corrupt capture at offset " + at + ": " + what);
    }

    /** Makes n bytes available at pos; false at a clean end of stream before any byte. */
    private boolean ensure(int n) throws ScapException {
        if (lim - pos >= n) return true;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            base += pos;
            lim -= pos;
            pos = 0;
        }
        try {
            while (lim < n && !eof) {
                // grow only as data arrives: a forged block length must not allocate what the file lacks
                if (lim == buf.length) buf = java.util.Arrays.copyOf(buf, (int) Math.min(n, buf.length * 2L));
                // modest reads: the bytes are parsed while still in the CPU's cache (1 MiB reads measured no faster)
                int r = in.read(buf, lim, Math.min(buf.length - lim, Math.max(READ_CHUNK, n - lim)));
                if (r < 0) eof = true;
                else lim += r;
            }
        } catch (IOException e) {
            throw err(base + lim, "read error: " + e.getMessage());
        }
        return lim - pos >= n;
    }

    private void readSectionHeader() throws ScapException {
        if (!ensure(28)) throw err(0, "too short for a section header block");
        int type = Bytes.i32(buf, pos), len = Bytes.i32(buf, pos + 4);
        if (type != SHB) throw err(0, String.format("not a scap capture (first block type 0x%x, expected a section header)", type));
        if (Bytes.i32(buf, pos + 8) != SHB_MAGIC) throw err(0, "invalid section header magic (big-endian captures are not supported)");
        if (Bytes.u16(buf, pos + 12) > 1) throw err(0, "unsupported capture major version " + Bytes.u16(buf, pos + 12));
        if (len < 28 || (len & 3) != 0) throw err(0, "bad section header length " + len);
        if (!ensure(len)) throw err(0, "truncated section header");
        if (Bytes.i32(buf, pos + len - 4) != len) throw err(0, "section header trailer length mismatch");
        pos += len;
    }

    /** What {@link #preload} found: 0 nothing yet, 1 an event (in {@code preloaded}), -1 the end, 2 an error. */
    private int preloadState;
    private RawEvent preloaded;
    private ScapException preloadError;

    /**
     * Reads the metadata blocks up to the first event now (the process, fd, user and interface
     * lists go to the sink), so that a caller can do it on another thread while it loads rules;
     * the event found, or the error met, is what the next {@link #next} returns. Only before the
     * first {@link #next}. True when an event waits.
     */
    public boolean preload() {
        if (preloadState != 0) return preloadState == 1;
        RawEvent ev = new RawEvent();
        try {
            preloadState = next(ev) ? 1 : -1;
            preloaded = ev;
        } catch (ScapException e) {
            preloadState = 2;
            preloadError = e;
        }
        return preloadState == 1;
    }

    /**
     * Reads up to the next event; metadata blocks met on the way go to the sink.
     * Returns false at the end of the capture.
     */
    public boolean next(RawEvent ev) throws ScapException {
        if (preloadState != 0) {
            int st = preloadState;
            preloadState = -2; // handed out: read on from here
            if (st == 1) {
                // the buffer it points into is untouched since: nothing was read after it
                ev.buf = preloaded.buf;
                ev.off = preloaded.off;
                ev.cpu = preloaded.cpu;
                ev.dropFlags = preloaded.dropFlags;
                ev.blockOffset = preloaded.blockOffset;
                preloaded = null;
                return true;
            }
            if (st == -1) return false;
            if (st == 2) {
                ScapException e = preloadError;
                preloadError = null;
                throw e;
            }
        }
        if (fast && fastEvent(ev)) return true;
        while (true) {
            long at = base + pos;
            try {
                int r = block(ev, at);
                if (r != 0) return r > 0;
            } catch (ScapException e) {
                if (!skipBadBlocks) throw e;
                skippedBlocks++;
                if (firstSkipped == null) firstSkipped = e.getMessage();
                // a block with sound framing was already stepped over; otherwise find the next sound one
                if (base + pos == at && !resync(at)) return false;
            }
        }
    }

    /**
     * With {@code skip}, a bad block is counted and skipped (the replay resynchronises on the next
     * block whose type is known and whose trailer repeats its length) instead of ending the replay.
     */
    public void skipBadBlocks(boolean skip) { this.skipBadBlocks = skip; }

    /** Blocks skipped so far under {@link #skipBadBlocks}. */
    public long skippedBlocks() { return skippedBlocks; }

    /** Why the first skipped block was bad (null if none was skipped). */
    public String firstSkipped() { return firstSkipped; }

    /** Moves pos to the next plausible block after {@code from}; false at the end of the capture. */
    private boolean resync(long from) throws ScapException {
        // a bad block cut short by the end of the capture leaves fewer than 4 bytes after its start
        pos = (int) Math.min(lim, from - base + 4);
        while (true) {
            if (!ensure(12)) {
                pos = lim;
                return false;
            }
            int type = Bytes.i32(buf, pos);
            long tl = Bytes.u32(buf, pos + 4);
            if (knownType(type) && tl >= 12 && tl <= MAX_BLOCK && (tl & 3) == 0) {
                int mark = pos;
                long markBase = base;
                if (ensure((int) tl) && Bytes.i32(buf, pos + (int) tl - 4) == tl) return true;
                pos = mark + (int) (markBase - base);
            }
            pos += 4;
        }
    }

    private static boolean knownType(int t) {
        return switch (t) {
            case EV, EV_INT, EV_V2, EV_V2_LARGE, EVF, EVF_V2, EVF_V2_LARGE, MI, MI_INT, PL_V1, PL_V2, PL_V3, PL_V4, PL_V5, PL_V6,
                 PL_V7, PL_V8, PL_V9, PL_V1_INT, PL_V2_INT, PL_V3_INT, FDL, FDL_INT, FDL_V2, IL, IL_INT, IL_V2, UL, UL_INT, UL_V2 -> true;
            default -> false;
        };
    }

    /**
     * The common block of a replay, without calls: a current event block (EV_V2) already whole in
     * the buffer whose event has at most four parameters with 2-byte lengths, all checks of
     * {@link #block}/{@link #event} passing. Anything else (other blocks, anything {@link #block}
     * would reject or handle differently) is left untouched to the general path, which reports it
     * as before.
     */
    private boolean fastEvent(RawEvent ev) {
        int p = pos;
        if (lim - p < 8 + 2 + RawEvent.HEADER + 4) return false;
        byte[] b = buf;
        int len = Bytes.i32(b, p + 4);
        int type = Bytes.i32(b, p);
        if (type == EV && inPlaceV1) return fastV1Event(ev, b, p, len);
        if (type != EV_V2 || len < 12 + 2 + RawEvent.HEADER || len > lim - p || Bytes.i32(b, p + len - 4) != len) return false;
        int evOff = p + 10;
        int etype = Bytes.u16(b, evOff + 20);
        if (etype >= SMALL_PARAMS.length || !SMALL_PARAMS[etype]) return false;
        int elen = Bytes.i32(b, evOff + 16), np = Bytes.i32(b, evOff + 22);
        // unsigned in the file: a negative int here is a huge value, which the general path rejects
        if (elen < RawEvent.HEADER || elen > len - 14 || np < 0 || np > 4 || RawEvent.HEADER + np * 2 > elen) return false;
        int sum = 0;
        for (int i = 0, o = evOff + RawEvent.HEADER; i < np; i++, o += 2) sum += Bytes.u16(b, o);
        if (RawEvent.HEADER + np * 2 + sum > elen) return false;
        ev.cpu = Bytes.u16(b, p + 8);
        ev.dropFlags = 0;
        ev.blockOffset = base + p;
        ev.buf = b;
        ev.off = evOff;
        pos = p + len;
        return true;
    }

    /**
     * {@link #fastEvent} for an old event block (EV, v1 layout) already whole in the buffer, with
     * 2-byte parameter lengths and a length within its block: {@link #block}, {@link #event} and
     * {@link #v1Nparams} without calls, the event rewritten in place as {@link #event} does. Anything
     * else, including every event those would reject, is left untouched to the general path.
     */
    private boolean fastV1Event(RawEvent ev, byte[] b, int p, int len) {
        // block: 8-byte header, cpu, the 22-byte v1 event header, the trailer
        if (len < 12 + 2 + 22 || len > lim - p || Bytes.i32(b, p + len - 4) != len) return false;
        int evOff = p + 10;
        int etype = Bytes.u16(b, evOff + 20);
        if (etype >= SMALL_PARAMS.length || !SMALL_PARAMS[etype]) return false;
        int elen = Bytes.i32(b, evOff + 16);
        // unsigned in the file: a negative int is a huge length, which the general path clips
        if (elen < 22 || elen > len - 14) return false;
        int end = elen + 4;
        if (LENGTH_3_TOO_LONG[etype]) end -= 3;
        // v1Nparams on the lengths at evOff + 22 (offset 26 of the rewritten event at evOff - 4)
        int top = V1_NPARAMS[etype];
        while (top > 0 && 26 + top * 2 > end) top--;
        int lo = evOff + 22;
        int sum = 0;
        for (int i = 0; i < top; i++) sum += Bytes.u16(b, lo + i * 2);
        int found = -1;
        for (int n = top; n >= 0; n--) {
            if (n < top) sum -= Bytes.u16(b, lo + n * 2);
            int valptr = 26 + n * 2 + sum;
            if (valptr < end) break;
            if (valptr == end) {
                found = n;
                break;
            }
        }
        if (found < 0) return false; // the general path reports it
        // the cpu first: the move below writes over it
        ev.cpu = Bytes.u16(b, p + 8);
        int o = evOff - 4;
        System.arraycopy(b, evOff, b, o, 22);
        Bytes.put32(b, o + 16, end);
        Bytes.put32(b, o + 22, found);
        ev.dropFlags = 0;
        ev.blockOffset = base + p;
        ev.buf = b;
        ev.off = o;
        pos = p + len;
        return true;
    }

    /** Tests turn {@link #fastEvent} off to compare it with the general path. */
    private boolean fast = true;

    void fastPath(boolean on) { fast = on; }

    /** One block: 1 when it filled {@code ev}, 0 for another block, -1 at the end. */
    private int block(RawEvent ev, long at) throws ScapException {
        {
            // the buffer checks are inlined: this runs for every event, and ensure() is a call under C1
            if (lim - pos < 8 && !ensure(8)) {
                if (lim - pos == 0) return -1;
                throw err(at, "truncated block header");
            }
            byte[] b = buf;
            int p = pos;
            int type = Bytes.i32(b, p);
            long tl = Bytes.u32(b, p + 4);
            if (tl < 12) throw err(at, String.format("bad block length %d (block type 0x%x)", tl, type));
            if (tl > MAX_BLOCK) throw err(at, String.format("oversized block: length %d exceeds the %d-byte limit (block type 0x%x)", tl, MAX_BLOCK, type));
            int len = (int) tl;
            if (lim - p < len) {
                if (!ensure(len)) throw err(at, String.format("truncated block (type 0x%x, length %d, %d bytes left)", type, len, lim - pos));
                b = buf;
                p = pos;
            }
            if (Bytes.i32(b, p + len - 4) != len)
                throw err(at, String.format("block trailer length %d does not match header length %d (type 0x%x)", Bytes.i32(b, p + len - 4), len, type));
            int body = p + 8, bodyLen = len - 12;
            pos = p + len;
            // the event blocks of current captures first, before the general dispatch
            if (type == EV_V2 || type == EVF_V2) return event(ev, type, body, bodyLen, at) ? 1 : 0;
            switch (type) {
                case EV, EV_INT, EV_V2, EV_V2_LARGE, EVF, EVF_V2, EVF_V2_LARGE -> {
                    if (event(ev, type, body, bodyLen, at)) return 1;
                }
                case MI, MI_INT -> machine(body, bodyLen, at);
                case PL_V1, PL_V2, PL_V3, PL_V4, PL_V5, PL_V6, PL_V7, PL_V8, PL_V9, PL_V1_INT, PL_V2_INT, PL_V3_INT ->
                        new ProcListParser(buf, body, bodyLen, at, type).parse();
                case FDL, FDL_INT, FDL_V2 -> fdList(type, body, bodyLen, at);
                case IL, IL_INT, IL_V2 -> ifList(type, body, bodyLen, at);
                case UL, UL_INT, UL_V2 -> userList(type, body, bodyLen, at);
                case SHB -> { } // a concatenated section: its metadata blocks follow
                default -> { } // unknown blocks are skipped, as libscap does
            }
            return 0;
        }
    }

    private boolean event(RawEvent ev, int type, int body, int bodyLen, long at) throws ScapException {
        boolean flags = type == EVF || type == EVF_V2 || type == EVF_V2_LARGE;
        boolean v2 = type == EV_V2 || type == EV_V2_LARGE || type == EVF_V2 || type == EVF_V2_LARGE;
        int evOff = body + 2 + (flags ? 4 : 0);
        int hdr = v2 ? RawEvent.HEADER : RawEvent.HEADER - 4;
        int avail = body + bodyLen - evOff;
        if (avail < hdr) throw err(at, "event block too short for an event header");
        ev.cpu = Bytes.u16(buf, body);
        ev.dropFlags = flags ? Bytes.i32(buf, body + 2) : 0;
        ev.blockOffset = at;
        int etype = Bytes.u16(buf, evOff + 20);
        long elen = Bytes.u32(buf, evOff + 16);
        if (etype >= schema.size()) return false; // a newer capture's event: skipped, as libscap does
        EventSchema.Event info = schema.event(etype);
        int lsize = info.has(EventSchema.EF_LARGE_PAYLOAD) ? 4 : 2;
        if (v2) {
            if (elen < hdr || elen > avail) throw err(at, "event length " + elen + " does not fit its block (" + avail + " bytes)");
            long np = Bytes.u32(buf, evOff + 22);
            if (np > 255 || hdr + np * lsize > elen) throw err(at, "event " + info.name() + " has a bad parameter count " + np);
            long sum;
            if (lsize == 2 && np <= 4) {
                // most events have a few parameters: summed here rather than in a call (C1 does not inline sum16)
                sum = 0;
                for (int i = 0, o = evOff + hdr; i < np; i++, o += 2) sum += Bytes.u16(buf, o);
            } else sum = lsize == 2 ? sum16(buf, evOff + hdr, (int) np) : sum32(buf, evOff + hdr, (int) np);
            if (hdr + np * lsize + sum > elen) throw err(at, "event " + info.name() + " parameters overrun the event length");
            ev.buf = buf;
            ev.off = evOff;
            return true;
        }
        // v1: 22-byte header without nparams; rebuilt with nparams derived from the lengths.
        int evLen = (int) Math.min(elen, avail);
        if (evLen < hdr) throw err(at, "event length " + elen + " too short");
        int newLen = evLen + 4;
        int end = (int) elen + 4;
        // old notification/infrastructure events carry a length 3 bytes too long
        if (LENGTH_3_TOO_LONG[etype]) end -= 3;
        if (end > newLen) end = newLen;
        if (inPlaceV1) {
            // The 4 bytes before the event (block length/cpu, or the flags, all read above) are free:
            // the header moves back over them, nparams goes between it and the lengths, and the event
            // is handed out where it lies (22 bytes moved instead of the whole event copied).
            int o = evOff - 4;
            int found = v1Nparams(buf, o, info.nparams(), lsize, end);
            if (found < 0) throw err(at, "cannot convert v1 event " + info.name() + ": can't calculate nparams");
            System.arraycopy(buf, evOff, buf, o, 22);
            Bytes.put32(buf, o + 16, end);
            Bytes.put32(buf, o + 22, found);
            ev.buf = buf;
            ev.off = o;
            return true;
        }
        if (scratch.length < newLen) scratch = new byte[Math.max(newLen, scratch.length * 2)];
        System.arraycopy(buf, evOff, scratch, 0, 22);
        System.arraycopy(buf, evOff + 22, scratch, 26, evLen - 22);
        int found = v1Nparams(scratch, info.nparams(), lsize, end);
        if (found < 0) throw err(at, "cannot convert v1 event " + info.name() + ": can't calculate nparams");
        Bytes.put32(scratch, 16, end);
        Bytes.put32(scratch, 22, found);
        ev.buf = scratch;
        ev.off = 0;
        return true;
    }

    /** Tests turn the in-place rewrite of v1 events off to compare it with the copy into scratch. */
    private boolean inPlaceV1 = true;

    void inPlaceV1(boolean on) { inPlaceV1 = on; }

    /**
     * libscap's nparams of a v1 event (lengths from offset 26 of {@code ev}, values ending at
     * {@code end}): counts are tried from the schema's down, the first whose lengths end exactly
     * at the end wins; one that ends before it, or none, gives -1. The lengths of the largest
     * count that fits are summed once and smaller counts subtract from that sum (this runs for
     * every event of an old capture).
     */
    static int v1Nparams(byte[] ev, int nparams, int lsize, int end) {
        return v1Nparams(ev, 0, nparams, lsize, end);
    }

    /** {@link #v1Nparams(byte[], int, int, int)} for an event at {@code o} ({@code end} counted from {@code o}). */
    static int v1Nparams(byte[] ev, int o, int nparams, int lsize, int end) {
        int top = nparams;
        while (top > 0 && 26L + (long) top * lsize > end) top--;
        int lo = o + 26;
        long sum = lsize == 2 ? sum16(ev, lo, top) : sum32(ev, lo, top);
        for (int n = top; n >= 0; n--) {
            if (n < top) sum -= lsize == 2 ? Bytes.u16(ev, lo + n * 2) : Bytes.u32(ev, lo + n * 4);
            long valptr = 26L + (long) n * lsize + sum;
            if (valptr < end) return -1;
            if (valptr == end) return n;
        }
        return -1;
    }

    /** The sum of n little-endian u16 values at o, four per 64-bit read. */
    static long sum16(byte[] b, int o, int n) {
        long sum = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            long x = Bytes.i64(b, o + i * 2);
            x = (x & 0x0000ffff0000ffffL) + ((x >>> 16) & 0x0000ffff0000ffffL); // two 32-bit lanes, no overflow
            sum += (x & 0xffffffffL) + (x >>> 32);
        }
        for (; i < n; i++) sum += Bytes.u16(b, o + i * 2);
        return sum;
    }

    static long sum32(byte[] b, int o, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) sum += Bytes.u32(b, o + i * 4);
        return sum;
    }

    private void machine(int o, int len, long at) throws ScapException {
        if (len < 20 + 128 + 8) throw err(at, "machine info block too short");
        String host = Bytes.cstr(buf, o + 20, 128);
        long bootTs = len >= 20 + 128 + 16 ? Bytes.i64(buf, o + 148) : 0;
        long flags = len >= 20 + 128 + 16 ? Bytes.i64(buf, o + 156) : 0;
        sink.machine(Bytes.i32(buf, o), Bytes.i64(buf, o + 4), Bytes.i64(buf, o + 12), host, bootTs, flags);
    }

    /** Bounds-checked cursor over a block body. */
    private final class Cursor {
        final byte[] b;
        int p;
        final int end;
        final long at;

        Cursor(byte[] b, int p, int end, long at) { this.b = b; this.p = p; this.end = end; this.at = at; }

        void need(int n, String what) throws ScapException {
            if (n < 0 || p + n > end) throw err(at, "block ends inside " + what);
        }
        int u8(String w) throws ScapException { need(1, w); return b[p++] & 0xff; }
        int u16(String w) throws ScapException { need(2, w); int v = Bytes.u16(b, p); p += 2; return v; }
        long u32(String w) throws ScapException { need(4, w); long v = Bytes.u32(b, p); p += 4; return v; }
        long i64(String w) throws ScapException { need(8, w); long v = Bytes.i64(b, p); p += 8; return v; }
        byte[] bytes(int n, String w) throws ScapException { need(n, w); byte[] r = new byte[n]; System.arraycopy(b, p, r, 0, n); p += n; return r; }
        String str(int n, String w) throws ScapException { need(n, w); String s = Bytes.cstr(b, p, n); p += n; return s; }
        String lstr(String w) throws ScapException { return str(u16(w), w); }
        byte[] lbytes(String w) throws ScapException { return bytes(u16(w), w); }
        int left() { return end - p; }
    }

    private final class ProcListParser {
        final Cursor c;
        final int type;

        ProcListParser(byte[] b, int o, int len, long at, int type) { this.c = new Cursor(b, o, o + len, at); this.type = type; }

        int ver() {
            return switch (type) {
                case PL_V1, PL_V1_INT -> 1;
                case PL_V2, PL_V2_INT -> 2;
                case PL_V3, PL_V3_INT -> 3;
                case PL_V4 -> 4;
                case PL_V5 -> 5;
                case PL_V6 -> 6;
                case PL_V7 -> 7;
                case PL_V8 -> 8;
                default -> 9;
            };
        }

        void parse() throws ScapException {
            int v = ver();
            while (c.left() >= 4) {
                int start = c.p;
                long subLen = v == 9 ? c.u32("process entry length") : 0;
                ProcEntry e = new ProcEntry();
                e.tid = c.i64("tid");
                e.pid = c.i64("pid");
                e.ptid = c.i64("ptid");
                if (v >= 6) e.sid = c.i64("sid");
                if (v >= 8) e.vpgid = c.i64("vpgid");
                e.comm = c.lstr("comm");
                e.exe = c.lstr("exe");
                if (v >= 7) e.exepath = c.lstr("exepath");
                e.args = c.lbytes("args");
                e.cwd = c.lstr("cwd");
                e.fdlimit = c.i64("fdlimit");
                e.flags = (int) c.u32("flags");
                e.uid = c.u32("uid");
                e.gid = c.u32("gid");
                if (v >= 2) {
                    e.vmsizeKb = c.u32("vmsize");
                    e.vmrssKb = c.u32("vmrss");
                    e.vmswapKb = c.u32("vmswap");
                    e.pfmajor = c.i64("pfmajor");
                    e.pfminor = c.i64("pfminor");
                    if (v >= 3) e.env = c.lbytes("env");
                    if (v >= 4) {
                        e.vtid = c.i64("vtid");
                        e.vpid = c.i64("vpid");
                        e.cgroups = c.lbytes("cgroups");
                        if (v >= 5) e.root = c.lstr("root");
                    }
                }
                if (subLen != 0) {
                    int read = c.p - start;
                    // Entries written before libs 0.10 lack pidns_init_start_ts and tty in the middle.
                    boolean pre010 = subLen - read <= 29;
                    if (!pre010) {
                        if (read + 8 <= subLen) { e.pidnsInitStartTs = c.i64("pidns_init_start_ts"); read += 8; }
                        if (read + 4 <= subLen) { e.tty = c.u32("tty"); read += 4; }
                    }
                    if (read + 4 <= subLen) { e.loginuid = c.u32("loginuid"); read += 4; }
                    if (read + 1 <= subLen) { e.exeWritable = c.u8("exe_writable") != 0; read += 1; }
                    if (read + 8 <= subLen) { e.capInheritable = c.i64("cap_inheritable"); read += 8; }
                    if (read + 8 <= subLen) { e.capPermitted = c.i64("cap_permitted"); read += 8; }
                    if (read + 8 <= subLen) { e.capEffective = c.i64("cap_effective"); read += 8; }
                    if (read + 1 <= subLen) { e.exeUpperLayer = c.u8("exe_upper_layer") != 0; read += 1; }
                    if (read + 8 <= subLen) { e.exeIno = c.i64("exe_ino"); read += 8; }
                    if (read + 8 <= subLen) { e.exeInoCtime = c.i64("exe_ino_ctime"); read += 8; }
                    if (read + 8 <= subLen) { e.exeInoMtime = c.i64("exe_ino_mtime"); read += 8; }
                    if (read + 1 <= subLen) { e.exeFromMemfd = c.u8("exe_from_memfd") != 0; read += 1; }
                    if (read + 1 <= subLen) { e.exeLowerLayer = c.u8("exe_lower_layer") != 0; read += 1; }
                    if (read + 8 <= subLen) { e.pgid = c.i64("pgid"); read += 8; }
                    if (read > subLen) throw err(c.at, "process entry longer than its declared length " + subLen);
                    c.need((int) (subLen - read), "process entry");
                    c.p = start + (int) subLen;
                }
                sink.process(e);
            }
        }
    }

    private void fdList(int type, int o, int len, long at) throws ScapException {
        Cursor c = new Cursor(buf, o, o + len, at);
        long tid = c.i64("fd list tid");
        while (c.left() >= 4) {
            int start = c.p;
            long subLen = type == FDL_V2 ? c.u32("fd entry length") : 0;
            FdEntry f = new FdEntry();
            f.fd = c.i64("fd");
            f.ino = c.i64("ino");
            f.type = c.u8("fd type");
            switch (f.type) {
                case FdEntry.IPV4_SOCK -> {
                    f.sip = c.bytes(4, "ipv4 sip");
                    f.dip = c.bytes(4, "ipv4 dip");
                    f.sport = c.u16("sport");
                    f.dport = c.u16("dport");
                    f.l4proto = c.u8("l4proto");
                }
                case FdEntry.IPV4_SERVSOCK -> {
                    f.sip = c.bytes(4, "ipv4 ip");
                    f.sport = c.u16("port");
                    f.l4proto = c.u8("l4proto");
                }
                case FdEntry.IPV6_SOCK -> {
                    f.sip = c.bytes(16, "ipv6 sip");
                    f.dip = c.bytes(16, "ipv6 dip");
                    f.sport = c.u16("sport");
                    f.dport = c.u16("dport");
                    f.l4proto = c.u8("l4proto");
                }
                case FdEntry.IPV6_SERVSOCK -> {
                    f.sip = c.bytes(16, "ipv6 ip");
                    f.sport = c.u16("port");
                    f.l4proto = c.u8("l4proto");
                }
                case FdEntry.UNIX_SOCK -> {
                    f.unixSource = c.i64("unix source");
                    f.unixDest = c.i64("unix destination");
                    f.name = c.lstr("unix name");
                }
                case FdEntry.FILE_V2 -> {
                    f.openFlags = c.u32("open flags");
                    f.name = c.lstr("file name");
                    if (subLen != 0 && subLen >= (c.p - start) + 4) f.dev = c.u32("dev");
                }
                case FdEntry.FIFO, FdEntry.FILE, FdEntry.DIRECTORY, FdEntry.UNSUPPORTED, FdEntry.EVENT, FdEntry.SIGNALFD,
                     FdEntry.EVENTPOLL, FdEntry.INOTIFY, FdEntry.TIMERFD, FdEntry.NETLINK, FdEntry.BPF,
                     FdEntry.USERFAULTFD, FdEntry.IOURING, FdEntry.MEMFD, FdEntry.PIDFD -> f.name = c.lstr("fd name");
                case FdEntry.UNKNOWN -> { }
                default -> {
                    f.name = "unknown-type:[" + f.type + "]";
                    f.type = FdEntry.UNSUPPORTED;
                }
            }
            if (subLen != 0) {
                int read = c.p - start;
                if (read > subLen) throw err(at, "fd entry longer than its declared length " + subLen);
                c.need((int) (subLen - read), "fd entry");
                c.p = start + (int) subLen;
            }
            sink.fd(tid, f);
        }
    }

    private void ifList(int type, int o, int len, long at) throws ScapException {
        Cursor c = new Cursor(buf, o, o + len, at);
        while (c.left() >= 4) {
            long entry = type == IL_V2 ? c.u32("interface entry length") : 0;
            int start = c.p;
            int iftype = c.u16("interface type");
            int namelen = c.u16("interface name length");
            byte[] addr, mask;
            switch (iftype) {
                case 1, 3 -> {
                    addr = c.bytes(4, "interface address");
                    mask = c.bytes(4, "interface netmask");
                    c.bytes(4, "interface broadcast");
                    if (iftype == 1) c.i64("link speed");
                }
                case 2, 4 -> {
                    addr = c.bytes(16, "interface address");
                    mask = c.bytes(16, "interface netmask");
                    c.bytes(16, "interface broadcast");
                    if (iftype == 2) c.i64("link speed");
                }
                default -> throw err(at, "unknown interface type " + iftype);
            }
            String nm = c.str(namelen, "interface name");
            if (entry != 0) {
                int read = c.p - start;
                if (read > entry) throw err(at, "interface entry longer than its declared length");
                c.need((int) (entry - read), "interface entry");
                c.p = start + (int) entry;
            }
            sink.iface(nm, addr, mask);
        }
    }

    private void userList(int type, int o, int len, long at) throws ScapException {
        Cursor c = new Cursor(buf, o, o + len, at);
        while (c.left() >= 4) {
            int start = c.p;
            long subLen = type == UL_V2 ? c.u32("user entry length") : 0;
            int kind = c.u8("user entry type");
            if (kind == 0) {
                long uid = c.u32("uid"), gid = c.u32("gid");
                String n = c.lstr("user name"), h = c.lstr("home"), s = c.lstr("shell");
                sink.user(uid, gid, n, h, s);
            } else {
                long gid = c.u32("gid");
                sink.group(gid, c.lstr("group name"));
            }
            if (subLen != 0) {
                int read = c.p - start;
                if (read > subLen) throw err(at, "user entry longer than its declared length");
                c.need((int) (subLen - read), "user entry");
                c.p = start + (int) subLen;
            }
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing useful to do on close
        }
    }
}
