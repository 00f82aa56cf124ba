package dev.falcoc.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.falcoc.grammar.ast.AstPrinter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Accept/reject and canonical-print cases of Falco's filter parser (spec section 5). */
class ConditionParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            evt.type=open                                  | evt.type = open
            evt.type in (open,openat)                      | evt.type in (open, openat)
            a and b and c                                  | (a and b and c)
            a or b and c                                   | (a or (b and c))
            not not a                                      | a
            not(a)                                         | not a
            not a                                          | not a
            test.op existsand macro                        | (test.op exists and macro)
            proc.name = "a b"                              | proc.name = "a b"
            proc.name = "it's"                             | proc.name = "it's"
            x.y in(a,b)                                    | x.y in (a, b)
            x.y in ()                                      | x.y in ()
            x.y in mylist                                  | x.y in mylist
            proc.aname[2]=bash                             | proc.aname[2] = bash
            tolower(proc.name) = toupper(proc.pname)       | tolower(proc.name) = toupper(proc.pname)
            proc.name = val(proc.pname)                    | proc.name = val(proc.pname)
            fd.num>=0                                      | fd.num >= 0
            evt.type = open and (a or b)                   | (evt.type = open and (a or b))
            and_macro or or_macro                          | (and_macro or or_macro)
            x.y contains "a=b"                             | x.y contains "a=b"
            """)
    void acceptsAndPrints(String condition, String printed) throws ParseException {
        assertEquals(printed.strip(), AstPrinter.print(ConditionParser.parse(condition.strip())));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a andb                      | expected blank or '(' after 'and'
            a orb                       | expected blank or '(' after 'or'
            evt.type = open and (        | expected a '(' token, a field check, or an identifier
            x.y containsvalue           | expected a valid check operator: one of 'exists', '<=', '<', '>=', '>', '==', '=', '!=', 'glob', 'iglob', 'contains', 'icontains', 'bcontains', 'startswith', 'bstartswith', 'endswith', 'regex', 'intersects', 'in', 'pmatch'
            x.y[] = 1                   | expected a valid field argument: a quoted string or a bare string
            x.y in (a,)                 | expected a string value
            (a                          | expected a ')' token
            proc.pid > '1'              | expected a number value or a field with a valid transformer: 'val', 'tolower', 'toupper', 'b64', 'basename', 'len'
            a b                         | unexpected token after 'a', expecting 'or', 'and'
            a AND b                     | unexpected token after 'a', expecting 'or', 'and'
            b64 (x.y) = 1               | unexpected token after 'b64', expecting 'or', 'and'
            """)
    void rejectsWithFalcoMessage(String condition, String message) {
        ParseException e = assertThrows(ParseException.class, () -> ConditionParser.parse(condition.strip()));
        assertEquals(message.strip(), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void emptyInput() {
        ParseException e = assertThrows(ParseException.class, () -> ConditionParser.parse(""));
        assertEquals("filter input string is empty", e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void errorPositionIsTheCursor() {
        ParseException e = assertThrows(ParseException.class, () -> ConditionParser.parse("evt.type = open and proc.name = \"bash"));
        assertEquals(32, e.pos().idx());
        assertEquals(33, e.pos().col());
    }
}
