package dev.falcoc.grammar.antlr;

import dev.falcoc.grammar.ParseException;
import dev.falcoc.grammar.ast.Escaping;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Lexer;

/**
 * Checks the generated lexer cannot express as regular rules: Falco rejects a quoted string
 * whose escapes it does not know, and the lexer predicates ask these methods.
 */
public abstract class FalcoConditionLexerBase extends Lexer {
    protected FalcoConditionLexerBase(CharStream input) {
        super(input);
    }

    /** The quoted string matched so far has only escapes Falco accepts. */
    protected boolean quotedOk() {
        return quotedOk(0);
    }

    /** As {@link #quotedOk()}, ignoring the last {@code drop} characters of the match. */
    protected boolean quotedOk(int drop) {
        String t = getText();
        return validQuoted(t.substring(0, t.length() - drop));
    }

    /** A field whose bracketed argument, if quoted, has valid escapes. */
    protected boolean quotedArgOk() {
        return quotedArgOk(0);
    }

    /** As {@link #quotedArgOk()}, ignoring the first {@code skip} characters of the match. */
    protected boolean quotedArgOk(int skip) {
        String t = getText().substring(skip);
        int open = t.indexOf('[');
        if (open < 0 || open + 1 >= t.length()) return true;
        char q = t.charAt(open + 1);
        if (q != '"' && q != '\'') return true;
        return validQuoted(t.substring(open + 1, t.length() - 1));
    }

    private static boolean validQuoted(String quoted) {
        if (quoted.length() < 2) return false;
        try {
            Escaping.unescape(quoted);
            return true;
        } catch (ParseException.Message e) {
            return false;
        }
    }
}
