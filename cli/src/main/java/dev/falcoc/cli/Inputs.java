package dev.falcoc.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands the paths a user gave into rules files, in the order Falco loads them. */
final class Inputs {
    private Inputs() {}

    record RulesFile(String name, String content) {}

    static final class InputException extends Exception {
        InputException(String m) { super(m); }
    }

    /** Files in order; directories expand to their *.yaml/*.yml files sorted by full path. */
    static List<String> expand(List<String> paths) throws InputException {
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            Path path = Path.of(p);
            if (Files.isDirectory(path)) {
                try (Stream<Path> s = Files.list(path)) {
                    List<String> names = new ArrayList<>();
                    s.filter(Files::isRegularFile).forEach(f -> {
                        String n = f.getFileName().toString();
                        if (n.endsWith(".yaml") || n.endsWith(".yml")) names.add(p.endsWith("/") ? p + n : p + "/" + n);
                    });
                    names.sort(null);
                    out.addAll(names);
                } catch (IOException e) {
                    throw new InputException("cannot read directory " + p + ": " + e.getMessage());
                }
            } else if (Files.isRegularFile(path)) {
                out.add(p);
            } else {
                throw new InputException("cannot read " + p + ": no such file or directory");
            }
        }
        return out;
    }

    /** "file:line:col: invalid UTF-8 byte 0xNN (byte offset N)" for the first malformed sequence. */
    static String invalidUtf8(String name, byte[] bytes) {
        java.nio.charset.CharsetDecoder d = StandardCharsets.UTF_8.newDecoder();
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        java.nio.charset.CoderResult r = d.decode(in, out, true);
        if (!r.isError()) r = d.flush(out);
        int at = in.position();
        int line = 1, col = 1;
        out.flip();
        for (int i = 0; i < out.length(); i++) {
            if (out.charAt(i) == '\n') { line++; col = 1; } else if (!Character.isLowSurrogate(out.charAt(i))) col++;
        }
        String b = at < bytes.length ? String.format("0x%02x", bytes[at] & 0xff) : "at the end";
        return name + ":" + line + ":" + col + ": invalid UTF-8 byte " + b + " (byte offset " + at + "); rules files must be UTF-8";
    }

    static RulesFile read(String name) throws InputException {
        try {
            byte[] bytes = Files.readAllBytes(Path.of(name));
            // String's own UTF-8 decoding is several times faster than a CharsetDecoder; it replaces
            // malformed input with U+FFFD, so only text containing U+FFFD needs the strict decoder
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (text.indexOf('\uFFFD') >= 0) {
                try {
                    text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
                } catch (CharacterCodingException e) {
                    // Falco stops here with a leaked JSON library exception and no position; name the byte
                    throw new InputException(invalidUtf8(name, bytes));
                }
            }
            if (text.startsWith("\uFEFF")) text = text.substring(1);
            return new RulesFile(name, text);
        } catch (IOException e) {
            throw new InputException("cannot read " + name + ": " + e.getMessage());
        }
    }
}
