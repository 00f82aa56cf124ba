package dev.falcoc.compiler.report;

/**
 * A rules content as the engine saw it and where its characters really are. {@code name} is the
 * content name given to the engine; {@code path} and {@code text} are the file the user edits
 * (for embedded Helm rules, values.yaml); {@code map} gives, for each content offset, the offset
 * in {@code text} (null when the content is the file itself). {@code uri} is the
 * repository-relative path used by SARIF and GitHub annotations; {@code content} is the rules text.
 */
public record SourceFile(String name, String path, String uri, String text, String content, int[] map) {
    public static SourceFile plain(String name, String uri, String content) {
        return new SourceFile(name, name, uri, content, content, null);
    }

    /** The offset in the user's file of a content offset (offsets past the end stay past it). */
    public int toFileOffset(int contentOffset) {
        if (map == null || contentOffset < 0) return contentOffset;
        if (map.length == 0) return 0;
        if (contentOffset < map.length) return map[contentOffset];
        return map[map.length - 1] + 1;
    }
}
