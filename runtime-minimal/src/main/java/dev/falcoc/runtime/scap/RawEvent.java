package dev.falcoc.runtime.scap;

/**
 * An event as read from a capture, in libscap's v2 layout: header (u64 ts, u64 tid, u32 len,
 * u16 type, u32 nparams) at {@code off} in {@code buf}, then the parameter lengths and values.
 * The buffer is the reader's and is only valid until the next read.
 */
public final class RawEvent {
    public static final int HEADER = 26;

    public byte[] buf;
    public int off;
    public int cpu;
    public int dropFlags;
    /** Offset in the (uncompressed) capture of the block the event came from, for error messages. */
    public long blockOffset;

    public long ts() { return Bytes.i64(buf, off); }
    public long tid() { return Bytes.i64(buf, off + 8); }
    public int len() { return Bytes.i32(buf, off + 16); }
    public int type() { return Bytes.u16(buf, off + 20); }
    public int nparams() { return Bytes.i32(buf, off + 22); }
}
