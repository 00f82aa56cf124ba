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

    /** The file of character i as recorded (null for a synthesised one). */
    public String rawFile(int i) { return files[i]; }

    /** The file offset of character i as recorded (-1 for a synthesised one). */
    public int rawOffset(int i) { return offsets[i]; }

    /**
     * A text under construction: appends and truncation in place, so that a long condition
     * assembled piece by piece is copied once instead of at every step.
     */
    public static final class Builder {
        private final StringBuilder text = new StringBuilder();
        private String[] files = new String[64];
        private int[] offsets = new int[64];

        public int length() { return text.length(); }

        public char charAt(int i) { return text.charAt(i); }

        public String rawFile(int i) { return files[i]; }

        public int rawOffset(int i) { return offsets[i]; }

        private void room(int more) {
            int need = text.length() + more;
            if (need > files.length) {
                int n = Math.max(need, files.length * 2);
                files = java.util.Arrays.copyOf(files, n);
                offsets = java.util.Arrays.copyOf(offsets, n);
            }
        }

        /** Appends characters [from, to) of t with their origins. */
        public Builder append(SrcText t, int from, int to) {
            room(to - from);
            int at = text.length();
            System.arraycopy(t.files, from, files, at, to - from);
            System.arraycopy(t.offsets, from, offsets, at, to - from);
            text.append(t.text, from, to);
            return this;
        }

        /** Appends s, every character from one place (as {@link SrcText#at}; a null file: synthesised, as {@link SrcText#synthetic}). */
        public Builder append(String s, String file, int offset) {
            room(s.length());
            int at = text.length();
            java.util.Arrays.fill(files, at, at + s.length(), file);
            java.util.Arrays.fill(offsets, at, at + s.length(), file == null ? -1 : offset);
            text.append(s);
            return this;
        }

        public void truncate(int length) { text.setLength(length); }

        public SrcText build() {
            int n = text.length();
            return new SrcText(text.toString(), java.util.Arrays.copyOf(files, n), java.util.Arrays.copyOf(offsets, n));
        }
    }
}
