package dev.falcoc.runtime.event;

import java.nio.charset.StandardCharsets;

/**
 * A model of libsinsp's one parameter-string storage (sinsp_evt::m_paramstr_storage, with
 * m_rawbuf_str_len), kept to reproduce a libsinsp quirk on purpose: for a read/write whose data
 * is empty, Falco's evt.buffer is "NULL" written over that shared storage but cut at the length
 * of the last data buffer rendered, for any event before. Falco thus prints "NULL", a NUL and the
 * leftovers of earlier renderings (parameters of evt.args/evt.arg, socket names set by the
 * parser...), which this model replays byte for byte.
 *
 * <p>Every rendering libsinsp writes there calls {@link #write}: a C string and its NUL over the
 * start of the storage, the bytes after it left as they were. Present on {@link Evt} only when
 * an output renders evt.buffer (nothing else can show the storage), so the hot path pays a null
 * check at most.
 */
public final class ParamStrings {
    private byte[] buf = new byte[1024]; // libsinsp's initial size, zeroed
    private int rawbufLen;               // m_rawbuf_str_len: length of the last data buffer rendered

    /** snprintf("%s", s) into the storage, which grows first when s does not fit (as for strings in libsinsp). */
    public void write(String s) {
        write(s.getBytes(StandardCharsets.UTF_8), 1);
    }

    /** Writes {@code b} then {@code nuls} NUL bytes (an fd list ends with two). */
    public void write(byte[] b, int nuls) {
        ensure(b.length + nuls);
        System.arraycopy(b, 0, buf, 0, b.length);
        for (int k = 0; k < nuls; k++) buf[b.length + k] = 0;
    }

    /** A data buffer rendered (non-printable bytes as '.'): it also sets the length evt.buffer reports. */
    public void bytebuf(byte[] rendered) {
        // libsinsp doubles the storage until the rendering is shorter than size - 1
        int size = buf.length;
        while (rendered.length >= size - 1) size *= 2;
        ensure(size);
        write(rendered, 1);
        rawbufLen = rendered.length;
    }

    /**
     * evt.buffer of an empty data parameter: "NULL" is written, but the value keeps the length
     * of the last data buffer rendered, so its bytes are "NULL", NUL and older leftovers (or
     * fewer than "NULL" when that length is below 4).
     */
    public byte[] emptyBytebuf() {
        write("NULL");
        byte[] r = new byte[rawbufLen];
        System.arraycopy(buf, 0, r, 0, rawbufLen);
        return r;
    }

    private void ensure(int n) {
        if (n > buf.length) buf = java.util.Arrays.copyOf(buf, n); // std::vector::resize keeps the content
    }
}
