// Output format strings of Falco rules: literal text with %field references. A reference is
// '%', an optional width, transformers written straight after the '%' ("%tolower(proc.name)"),
// and a field. How far the field name reaches is decided by the field catalogue (Falco takes
// the longest field it knows), so FIELD_TEXT is the widest candidate and the checker
// (OutputChecker) trims it; what follows the field's real end is literal text again.
lexer grammar FalcoOutputLexer;

STAR : { getCharIndex() == 0 }? '*' ;
PERCENT : '%' -> pushMode(REF) ;
CLOSE : ')' ;
TEXT : ~[%)]+ ;

mode REF;
WIDTH : [0-9]+ ;
TRANSFORMER : ( 'tolower' | 'toupper' | 'b64' | 'basename' | 'len' ) '(' ;
FIELD_TEXT : [a-zA-Z0-9_.]+ ( '[' ~[\]]* ']' )? -> popMode ;
