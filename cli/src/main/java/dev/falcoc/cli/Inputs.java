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

    static RulesFile read(String name) throws InputException {
        try {
            byte[] bytes = Files.readAllBytes(Path.of(name));
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                text = new String(bytes, StandardCharsets.UTF_8);
            }
            if (text.startsWith("\uFEFF")) text = text.substring(1);
            return new RulesFile(name, text);
        } catch (IOException e) {
            throw new InputException("cannot read " + name + ": " + e.getMessage());
        }
    }
}
