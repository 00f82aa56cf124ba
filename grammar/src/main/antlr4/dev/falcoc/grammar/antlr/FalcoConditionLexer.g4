// Lexer for Falco filter conditions (libs 0.22 / Falco 0.42).
//
// Falco's lexer is context dependent: each parse step tries only the tokens it expects at the
// cursor. The modes below follow those parse steps, so that the token stream is the one Falco
// sees: after a field comes an operator, after an operator a value of the operator's kind,
// after a check 'and'/'or'/')'. Blanks are significant in a few places, which is why some
// tokens carry the blanks that must follow them ('not ', 'and ', 'contains ').
lexer grammar FalcoConditionLexer;

options { superClass = FalcoConditionLexerBase; }

// Blanks skipped between tokens: space, tab, backspace, CR, LF (Falco's lex_blank set).
fragment LB : [ \t\b\r\n] ;
// The blank class of Falco's regexes (no backspace, but vertical tab and form feed).
fragment RB : [ \t\n\u000B\f\r] ;
fragment IDENT_F : [a-zA-Z]+ [a-zA-Z0-9_]* ;
fragment FIELD_NAME_F : IDENT_F ('.' IDENT_F)+ ;
fragment ARG_BARE_F : ~[\]["' \t\n\u000B\f\r]+ ;
// A quoted string ends at the first delimiter not preceded by a backslash.
fragment DQ_F : '"' ( ~["\\] | '\\'+ ~[\\] )* '"' ;
fragment SQ_F : '\'' ( ~['\\] | '\\'+ ~[\\] )* '\'' ;
fragment QUOTED_F : DQ_F | SQ_F ;
fragment FIELD_F : FIELD_NAME_F ( '[' ( ARG_BARE_F | QUOTED_F ) ']' )? ;
fragment TRANSFORMER_F : ( 'tolower' | 'toupper' | 'b64' | 'basename' | 'len' ) '(' ;
fragment STR_WORD_OP_F : 'glob' | 'iglob' | 'contains' | 'icontains' | 'bcontains' | 'startswith'
                       | 'bstartswith' | 'endswith' | 'regex' ;
// A bare string may contain a backspace, but not start with one: Falco skips blanks first.
fragment BARE_STR_F : ~[()"' \t\n\u000B\f\r=,\b] ~[()"' \t\n\u000B\f\r=,]* ;
fragment HEX_F : '0' [xX] [0-9a-fA-F]+ ;
fragment NUMBER_F : [+\-]? [0-9]+ '.'? [0-9]* ( [eE] [+\-] [0-9]+ )? ;

// ---- expression start: after the beginning, '(', 'and ', 'or ', 'not ' ----
BLANK : LB+ -> skip ;
LPAREN : '(' ;
NOT : 'not' RB+ ;
NOT_LPAREN : 'not(' ;
FIELD : FIELD_F { quotedArgOk() }? -> mode(OPERATOR) ;
TRANSFORMER : TRANSFORMER_F -> mode(OPERATOR), pushMode(TRANSFORMER_ARG) ;
IDENTIFIER : IDENT_F -> mode(AFTER_CHECK) ;

// ---- after the left side of a check ----
mode OPERATOR;
OP_BLANK : LB+ -> skip ;
EXISTS : 'exists' -> mode(AFTER_CHECK) ;
NUM_OP : ( '<=' | '<' | '>=' | '>' ) -> mode(NUM_VALUE) ;
STR_OP : ( '==' | '=' | '!=' | STR_WORD_OP_F LB+ ) -> mode(STR_VALUE) ;
// Falco consumes a word operator even when no blank follows it, then tries the list
// operators from there: "containsin (a)" is an 'in' check.
LIST_OP : STR_WORD_OP_F? ( 'intersects' | 'in' | 'pmatch' ) -> mode(LIST_VALUE) ;

// ---- the right side of <, <=, >, >= ----
mode NUM_VALUE;
NUM_BLANK : LB+ -> skip ;
NUMBER : ( HEX_F | NUMBER_F ) -> mode(AFTER_CHECK) ;
NUM_VAL : 'val(' -> type(VAL), mode(AFTER_CHECK), pushMode(VAL_ARG) ;
NUM_TRANSFORMER : TRANSFORMER_F -> type(TRANSFORMER), mode(AFTER_CHECK), pushMode(TRANSFORMER_ARG) ;

// ---- the right side of =, !=, contains, ... ----
mode STR_VALUE;
STR_BLANK : LB+ -> skip ;
QUOTED : QUOTED_F { quotedOk() }? -> mode(AFTER_CHECK) ;
BARE : BARE_STR_F -> mode(AFTER_CHECK) ;
VAL : 'val(' -> mode(AFTER_CHECK), pushMode(VAL_ARG) ;
STR_TRANSFORMER : TRANSFORMER_F -> type(TRANSFORMER), mode(AFTER_CHECK), pushMode(TRANSFORMER_ARG) ;

// ---- the right side of in, intersects, pmatch ----
mode LIST_VALUE;
LV_BLANK : LB+ -> skip ;
LIST_OPEN : '(' -> mode(LIST_ITEMS) ;
LIST_NAME : IDENT_F -> type(IDENTIFIER), mode(AFTER_CHECK) ;
LV_VAL : 'val(' -> type(VAL), mode(AFTER_CHECK), pushMode(VAL_ARG) ;
LV_TRANSFORMER : TRANSFORMER_F -> type(TRANSFORMER), mode(AFTER_CHECK), pushMode(TRANSFORMER_ARG) ;

mode LIST_ITEMS;
LI_BLANK : LB+ -> skip ;
ITEM_QUOTED : QUOTED_F { quotedOk() }? -> type(QUOTED) ;
// Falco reads a badly escaped first element as an empty list and expects ')' right after it.
BAD_FIRST_CLOSE : QUOTED_F ')' { !quotedOk(1) }? -> mode(AFTER_CHECK) ;
ITEM_BARE : BARE_STR_F -> type(BARE) ;
COMMA : ',' ;
LIST_CLOSE : ')' -> mode(AFTER_CHECK) ;

// ---- after a complete check ----
mode AFTER_CHECK;
AC_BLANK : LB+ -> skip ;
AND : 'and' LB+ -> mode(DEFAULT_MODE) ;
AND_LPAREN : 'and(' -> mode(DEFAULT_MODE) ;
OR : 'or' LB+ -> mode(DEFAULT_MODE) ;
OR_LPAREN : 'or(' -> mode(DEFAULT_MODE) ;
RPAREN : ')' ;

// ---- inside tolower( ... ) and friends ----
mode TRANSFORMER_ARG;
TA_BLANK : LB+ -> skip ;
TA_TRANSFORMER : TRANSFORMER_F -> type(TRANSFORMER), pushMode(TRANSFORMER_ARG) ;
TA_FIELD : FIELD_F { quotedArgOk() }? -> type(FIELD) ;
// After a nested transformer Falco tries a field at once (no blanks): it replaces the child.
TA_CLOSE_FIELD : ')' FIELD_F { quotedArgOk(1) }? -> popMode ;
TA_CLOSE : ')' -> popMode ;

// ---- inside val( ... ) ----
mode VAL_ARG;
VA_BLANK : LB+ -> skip ;
VA_FIELD : FIELD_F { quotedArgOk() }? -> type(FIELD) ;
VA_CLOSE : ')' -> type(TA_CLOSE), popMode ;
