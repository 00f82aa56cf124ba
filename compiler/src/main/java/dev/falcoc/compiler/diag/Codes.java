package dev.falcoc.compiler.diag;

import java.util.Map;

/** Falco's load-result codes with the descriptions Falco puts in "codedesc". */
public final class Codes {
    private Codes() {}

    public static final String ERR_FILE_READ = "LOAD_ERR_FILE_READ";
    public static final String ERR_YAML_PARSE = "LOAD_ERR_YAML_PARSE";
    public static final String ERR_YAML_VALIDATE = "LOAD_ERR_YAML_VALIDATE";
    public static final String ERR_COMPILE_CONDITION = "LOAD_ERR_COMPILE_CONDITION";
    public static final String ERR_COMPILE_OUTPUT = "LOAD_ERR_COMPILE_OUTPUT";
    public static final String ERR_VALIDATE = "LOAD_ERR_VALIDATE";

    public static final String UNKNOWN_SOURCE = "LOAD_UNKNOWN_SOURCE";
    public static final String UNSAFE_NA_CHECK = "LOAD_UNSAFE_NA_CHECK";
    public static final String NO_EVTTYPE = "LOAD_NO_EVTTYPE";
    public static final String UNKNOWN_FILTER = "LOAD_UNKNOWN_FILTER";
    public static final String UNUSED_MACRO = "LOAD_UNUSED_MACRO";
    public static final String UNUSED_LIST = "LOAD_UNUSED_LIST";
    public static final String UNKNOWN_ITEM = "LOAD_UNKNOWN_ITEM";
    public static final String DEPRECATED_ITEM = "LOAD_DEPRECATED_ITEM";
    public static final String APPEND_NO_VALUES = "LOAD_APPEND_NO_VALUES";
    public static final String EXCEPTION_NAME_NOT_UNIQUE = "LOAD_EXCEPTION_NAME_NOT_UNIQUE";
    public static final String INVALID_MACRO_NAME = "LOAD_INVALID_MACRO_NAME";
    public static final String INVALID_LIST_NAME = "LOAD_INVALID_LIST_NAME";
    public static final String COMPILE_CONDITION = "LOAD_COMPILE_CONDITION";

    // Errors: Falco prints the short text as codedesc (its error_desc returns error_str).
    private static final Map<String, String> DESC = Map.ofEntries(
            Map.entry(ERR_FILE_READ, "File read error"),
            Map.entry(ERR_YAML_PARSE, "YAML parse error"),
            Map.entry(ERR_YAML_VALIDATE, "Error validating internal structure of YAML file"),
            Map.entry(ERR_COMPILE_CONDITION, "Error compiling condition"),
            Map.entry(ERR_COMPILE_OUTPUT, "Error compiling output"),
            Map.entry(ERR_VALIDATE, "Error validating rule/macro/list/exception objects"),
            Map.entry(UNKNOWN_SOURCE, "A rule has an unknown event source. This can occur when reading rules content without having a corresponding plugin loaded, etc. The rule will be silently ignored."),
            Map.entry(UNSAFE_NA_CHECK, "Comparing a field value with <NA> is unsafe and can lead to unpredictable behavior of the rule condition. If you need to check for the existence of a field, consider using the 'exists' operator instead."),
            Map.entry(NO_EVTTYPE, "A rule condition matches too many evt.type values. This can has a significant performance penalty. Make the condition more specific by adding an evt.type field or further restricting the number of evt.type values in the condition."),
            Map.entry(UNKNOWN_FILTER, "A rule condition or output refers to a field or evt.type that does not exist. This is normally an error, but if a rule has a skip-if-unknown-filter property, the error is downgraded to a warning."),
            Map.entry(UNUSED_MACRO, "A macro is defined in the rules content but is not used by any other macro or rule."),
            Map.entry(UNUSED_LIST, "A list is defined in the rules content but is not used by any other list, macro, or rule."),
            Map.entry(UNKNOWN_ITEM, "An unknown top-level object is in the rules content. It will be ignored."),
            Map.entry(DEPRECATED_ITEM, "A deprecated item is employed by lists, macros, or rules."),
            Map.entry(APPEND_NO_VALUES, "An overriding/appending exception has no values. It will be ignored."),
            Map.entry(EXCEPTION_NAME_NOT_UNIQUE, "Multiple exceptions defined with the same name"),
            Map.entry(INVALID_MACRO_NAME, "A macro is defined with an invalid name"),
            Map.entry(INVALID_LIST_NAME, "A list is defined with an invalid name"),
            Map.entry(COMPILE_CONDITION, "The condition of a rule could not be compiled"));

    private static final Map<String, String> SHORT = Map.ofEntries(
            Map.entry(UNKNOWN_SOURCE, "Unknown event source"),
            Map.entry(UNSAFE_NA_CHECK, "Unsafe <NA> comparison in condition"),
            Map.entry(NO_EVTTYPE, "Condition has no event-type restriction"),
            Map.entry(UNKNOWN_FILTER, "Unknown field or event-type in condition or output"),
            Map.entry(UNUSED_MACRO, "Unused macro"),
            Map.entry(UNUSED_LIST, "Unused list"),
            Map.entry(UNKNOWN_ITEM, "Unknown rules file item"),
            Map.entry(DEPRECATED_ITEM, "Used deprecated item"),
            Map.entry(APPEND_NO_VALUES, "Overriding/appending with no values"),
            Map.entry(EXCEPTION_NAME_NOT_UNIQUE, "Multiple exceptions defined with the same name"),
            Map.entry(INVALID_MACRO_NAME, "Invalid macro name"),
            Map.entry(INVALID_LIST_NAME, "Invalid list name"),
            Map.entry(COMPILE_CONDITION, "Warning in rule condition"));

    public static String description(String code) { return DESC.getOrDefault(code, code); }

    public static String shortText(String code) {
        String s = SHORT.get(code);
        return s != null ? s : DESC.getOrDefault(code, code);
    }
}
