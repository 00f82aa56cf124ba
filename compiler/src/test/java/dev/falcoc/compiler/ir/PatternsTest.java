package dev.falcoc.compiler.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RE2-POSIX regex translation, fnmatch globs and the pmatch prefix table. */
class PatternsTest {
    private static boolean re(String pattern, String s) { return new Regex(pattern).matches(s); }

    @Test
    void regexIsAFullMatchWithPosixSyntax() {
        assertTrue(re("a.c", "abc"));
        assertFalse(re("a.c", "a\nc"));         // '.' never matches a newline
        assertFalse(re("b", "abc"));            // anchored at both ends
        assertTrue(re("^abc$", "abc"));
        assertTrue(re("[[:digit:]]+", "123"));
        assertFalse(re("[[:digit:]]+", "12a"));
        assertTrue(re("[^[:space:]]+", "abc"));
        assertTrue(re("a{2,3}", "aaa"));
        assertFalse(re("a{2}", "aaa"));
        assertTrue(re("a{,2}", "a{,2}"));       // not a repetition: literal braces
        assertTrue(re("[a-]", "-"));
        assertTrue(re("[]a]+", "]a"));
        assertTrue(re("a\\.b", "a.b"));
        assertFalse(re("a\\.b", "axb"));
        assertTrue(re("x|", ""));
        assertTrue(re("(ab)+", "abab"));
        assertTrue(re(".", "\uD83D\uDE00"));    // one code point
        assertTrue(re("\\x41\\101", "AA"));
        assertTrue(re("a$\nb", "a\nb"));        // '$' and '^' are line anchors in POSIX mode
        assertTrue(re("a\n^b", "a\nb"));
    }

    @Test
    void stackedRepetitionsAreSquashedNotPossessive() {
        assertTrue(re("a**", "aaa"));
        assertTrue(re("a*+a", "aaa"));          // Java would read a*+ as possessive and fail
        assertTrue(re("a+?", "aaa"));
    }

    @Test
    void patternsRe2RejectsNeverMatch() {
        for (String p : List.of("\\d+", "\\w", "\\s", "\\bx", "(?i)abc", "(?:a)", "a\\", "(a", "a)", "*a", "\\1", "\\pL", "a{1001}", "[z-a]", "[a")) {
            Regex r = new Regex(p);
            assertFalse(r.valid(), p);
            assertFalse(r.matches("a"), p);
        }
    }

    @Test
    void globIsFnmatchWithoutFlags() {
        assertTrue(Glob.match("*", "", false));
        assertTrue(Glob.match("/etc/*", "/etc/a/b", false)); // '*' crosses '/'
        assertTrue(Glob.match("?bc", "abc", false));
        assertFalse(Glob.match("?bc", "bc", false));
        assertTrue(Glob.match("[!a]bc", "xbc", false));
        assertFalse(Glob.match("[!a]bc", "abc", false));
        assertTrue(Glob.match("[a-c]x", "bx", false));
        assertTrue(Glob.match("\\*", "*", false));
        assertFalse(Glob.match("\\*", "a", false));
        assertTrue(Glob.match("a[", "a[", false));          // unclosed bracket: literal
        assertTrue(Glob.match("[[:upper:]]*", "Abc", false));
        assertTrue(Glob.match("*.TXT", "a.txt", true));
        assertFalse(Glob.match("*.TXT", "a.txt", false));
        assertTrue(Glob.match("*a*b*c", "xxaybzzc", false));
        assertTrue(Glob.match(".*", ".hidden", false));    // no FNM_PERIOD
    }

    @Test
    void pmatchIsComponentWisePrefix() {
        PathPrefix p = new PathPrefix(List.of("/opt/dir", "/usr/lib/", "/var/*/log", "/ro[o]t"));
        assertTrue(p.matches("/opt/dir"));
        assertTrue(p.matches("/opt/dir/sub/file.txt"));
        assertFalse(p.matches("/opt/di"));
        assertFalse(p.matches("/opt/dirx"));
        assertFalse(p.matches("/opt"));
        assertTrue(p.matches("/usr/lib/x"));
        assertTrue(p.matches("//usr//lib"));
        assertTrue(p.matches("/var/app/log/today"));
        assertFalse(p.matches("/var/app/logs"));
        assertTrue(p.matches("/root/.ssh"));
        assertTrue(new PathPrefix(List.of("/")).matches("/anything"));
        assertFalse(new PathPrefix(List.of("[ab]*")).matches("/[ab]*/x")); // a glob component never matches literally
        assertEquals(List.of("a", "b"), PathPrefix.split("/a//b/"));
    }
}
