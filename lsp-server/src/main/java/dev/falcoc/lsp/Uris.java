package dev.falcoc.lsp;

import java.net.URI;
import java.nio.file.Path;

/** One spelling per file: clients and configuration name the same file differently. */
final class Uris {
    private Uris() {}

    static String key(String uri) {
        try {
            URI u = URI.create(uri);
            if ("file".equals(u.getScheme())) return Path.of(u).toAbsolutePath().normalize().toUri().toString();
            return u.normalize().toString();
        } catch (RuntimeException e) {
            return uri;
        }
    }

    static String key(Path p) { return p.toAbsolutePath().normalize().toUri().toString(); }

    static Path path(String key) {
        try {
            URI u = URI.create(key);
            return "file".equals(u.getScheme()) ? Path.of(u) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
