package dev.falcoc.runtime.state;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Parser.simple, the one-pass test of whether a path needs normalising, against the five searches it replaced. */
class PathSimpleTest {
    static boolean reference(String p) {
        return !p.contains("//") && !p.contains("/./") && !p.contains("/../") && !p.endsWith("/.") && !p.endsWith("/..");
    }

    @Test
    void agreesWithTheSearches() {
        Random rnd = new Random(5);
        char[] alphabet = {'/', '.', 'a', '/', '.'};
        for (int n = 0; n < 300_000; n++) {
            int len = rnd.nextInt(12);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < len; i++) b.append(alphabet[rnd.nextInt(alphabet.length)]);
            String p = b.toString();
            assertEquals(reference(p), Parser.simple(p), p);
        }
        for (String p : new String[] {"", "/", "/.", "/..", "/...", "/a/./b", "/a/../b", "/a//b", "/a/b/", "/a/.b", "/a/..b/", "/a/b/.."})
            assertEquals(reference(p), Parser.simple(p), p);
    }
}
