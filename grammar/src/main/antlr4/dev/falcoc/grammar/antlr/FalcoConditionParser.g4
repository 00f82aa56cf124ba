// Parser for Falco filter conditions over FalcoConditionLexer's tokens. It accepts exactly the
// conditions Falco 0.42 accepts (checked against ConditionParser and the conformance cases by
// GrammarAgreementTest); the tree is turned into falcoc's AST by AntlrConditions.
parser grammar FalcoConditionParser;

options { tokenVocab = FalcoConditionLexer; }

condition : orExpr EOF ;

orExpr : andExpr ( OR andExpr | OR_LPAREN orExpr RPAREN )* ;

andExpr : notExpr ( AND notExpr | AND_LPAREN orExpr RPAREN )* ;

notExpr : NOT* ( NOT_LPAREN orExpr RPAREN | check ) ;

check
    : LPAREN orExpr RPAREN                  # nested
    | left=operand EXISTS                   # unaryCheck
    | left=operand NUM_OP right=numValue    # numCheck
    | left=operand STR_OP right=strValue    # strCheck
    | left=operand LIST_OP right=listValue  # listCheck
    | IDENTIFIER                            # macroRef
    ;

operand : FIELD | transformer ;

transformer : TRANSFORMER transformerBody TA_CLOSE ;

// A nested transformer may close with ')' directly followed by a field, which then replaces it
// as its parent's argument (a quirk of Falco's parser).
transformerBody : FIELD | nestedTransformer ;

nestedTransformer : TRANSFORMER transformerBody ( TA_CLOSE | TA_CLOSE_FIELD ) ;

valCall : VAL FIELD TA_CLOSE ;

numValue : NUMBER | valCall | transformer ;

strValue : QUOTED | BARE | valCall | transformer ;

listValue
    : LIST_OPEN ( item ( COMMA item )* )? LIST_CLOSE   # inlineList
    | LIST_OPEN BAD_FIRST_CLOSE                        # badFirstList
    | IDENTIFIER                                       # namedList
    | valCall                                          # listVal
    | transformer                                      # listTransformer
    ;

item : QUOTED | BARE ;
