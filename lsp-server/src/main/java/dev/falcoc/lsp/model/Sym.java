package dev.falcoc.lsp.model;

/** What a token names or says, as far as navigation, highlighting and completion care. */
public enum Sym {
    FIELD, MACRO, LIST, RULE, MACRO_DEF, LIST_DEF, RULE_DEF, OPERATOR, KEYWORD, STRING, NUMBER, VALUE,
    TRANSFORMER, OUTPUT_FIELD, EVENT_TYPE, PUNCT
}
