package dev.falcoc.compiler.load;

/**
 * Text that remembers, for every character, the file and offset it came from (-1 when it was
 * synthesised, e.g. the parentheses Falco adds around exceptions). Conditions are assembled by
 * textual appends and substitutions exactly as Falco does; this lets falcoc still point at the
 * real character in the user's file.
 */
public final class SrcText {
    public static final SrcText EMPTY = new SrcText("", new String[0], new int[0]);

    private final String text;
    private final String[] files;
    private final int[] offsets;

    private SrcText(String text, String[] files, int[] offsets) {
        this.text = text;
        this.files = files;
        this.offsets = offsets;
    }

    public static SrcText synthetic(String text) {
        int[] o = new int[text.length()];
        java.util.Arrays.fill(o, -1);
        return new SrcText(text, new String[text.length()], o);
    }

    public static SrcText of(String text, String file, int[] offsets) {
        String[] f = new String[text.length()];
        java.util.Arrays.fill(f, file);
        return new SrcText(text, f, offsets);
    }

    /** Every character comes from one place (a list item used for substitution, say). */
    public static SrcText at(String text, String file, int offset) {
        int[] o = new int[text.length()];
        java.util.Arrays.fill(o, offset);
        return of(text, file, o);
    }

    public String text() { return text; }

    public int length() { return text.length(); }

    public boolean isEmpty() { return text.isEmpty(); }

    public String fileAt(int i) {
        if (text.isEmpty()) return null;
        int j = Math.clamp(i, 0, text.length() - 1);
        for (int k = j; k >= 0; k--) if (offsets[k] >= 0) return files[k];
        for (int k = j; k < text.length(); k++) if (offsets[k] >= 0) return files[k];
        return null;
    }

    /** File offset of character i (or of the nearest real character before it); -1 if none. */
    public int offsetAt(int i) {
        if (text.isEmpty()) return -1;
        if (i >= text.length()) {
            int last = offsetAt(text.length() - 1);
            return last < 0 ? -1 : last + 1;
        }
        int j = Math.max(0, i);
        for (int k = j; k >= 0; k--) if (offsets[k] >= 0) return offsets[k];
        for (int k = j; k < text.length(); k++) if (offsets[k] >= 0) return offsets[k];
        return -1;
    }

    public SrcText concat(SrcText other) {
        String[] f = new String[files.length + other.files.length];
        int[] o = new int[offsets.length + other.offsets.length];
        System.arraycopy(files, 0, f, 0, files.length);
        System.arraycopy(other.files, 0, f, files.length, other.files.length);
        System.arraycopy(offsets, 0, o, 0, offsets.length);
        System.arraycopy(other.offsets, 0, o, offsets.length, other.offsets.length);
        return new SrcText(text + other.text, f, o);
    }

    public SrcText concat(String synthetic) { return concat(synthetic(synthetic)); }

    public SrcText substring(int from, int to) {
        return new SrcText(text.substring(from, to), java.util.Arrays.copyOfRange(files, from, to),
                java.util.Arrays.copyOfRange(offsets, from, to));
    }

    public SrcText substring(int from) { return substring(from, text.length()); }

    @Override
    public String toString() { return text; }
}
