// Structure of an output format string over FalcoOutputLexer's tokens.
parser grammar FalcoOutputParser;

options { tokenVocab = FalcoOutputLexer; }

format : STAR? part* EOF ;

part : reference | TEXT | CLOSE ;

reference : PERCENT WIDTH? TRANSFORMER* FIELD_TEXT ;
