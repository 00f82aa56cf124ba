package dev.falcoc.compiler.report;

import dev.falcoc.compiler.diag.Codes;
import dev.falcoc.compiler.diag.Severity;
import dev.falcoc.compiler.lint.LintCode;
import java.util.ArrayList;
import java.util.List;

/** Every code falcoc can report, with the descriptions SARIF rules carry. */
public final class RuleCatalog {
    private RuleCatalog() {}

    public record Rule(String id, String name, String shortDescription, String fullDescription, String help,
                       Severity defaultSeverity, boolean lint) {}

    private static final List<String> FALCO_ERRORS = List.of(Codes.ERR_FILE_READ, Codes.ERR_YAML_PARSE, Codes.ERR_YAML_VALIDATE,
            Codes.ERR_COMPILE_CONDITION, Codes.ERR_COMPILE_OUTPUT, Codes.ERR_VALIDATE);
    private static final List<String> FALCO_WARNINGS = List.of(Codes.UNKNOWN_SOURCE, Codes.UNSAFE_NA_CHECK, Codes.NO_EVTTYPE,
            Codes.UNKNOWN_FILTER, Codes.UNUSED_MACRO, Codes.UNUSED_LIST, Codes.UNKNOWN_ITEM, Codes.DEPRECATED_ITEM,
            Codes.APPEND_NO_VALUES, Codes.EXCEPTION_NAME_NOT_UNIQUE, Codes.INVALID_MACRO_NAME, Codes.INVALID_LIST_NAME,
            Codes.COMPILE_CONDITION);

    /** All codes, Falco's first, in a fixed order (SARIF rule indexes stay stable). */
    public static List<String> codes() {
        List<String> out = new ArrayList<>(FALCO_ERRORS);
        out.addAll(FALCO_WARNINGS);
        for (LintCode c : LintCode.values()) out.add(c.name());
        return out;
    }

    public static Rule describe(String code) {
        for (LintCode c : LintCode.values()) {
            if (c.name().equals(code)) {
                return new Rule(code, camel(code), c.title(), c.description(),
                        c.description() + "\n\nFix: " + c.help() + "\n\nSee docs/lints.md#" + code.toLowerCase(java.util.Locale.ROOT) + ".",
                        c.severity(), true);
            }
        }
        boolean error = FALCO_ERRORS.contains(code);
        String shortText = Codes.shortText(code);
        String full = Codes.description(code);
        String help = (error ? "Falco refuses to load rules with this error (falco -V fails). " : "Falco loads the rules but warns (falco -V reports it). ")
                + full + (full.endsWith(".") ? "" : ".");
        return new Rule(code, camel(code), shortText, full, help, error ? Severity.ERROR : Severity.WARNING, false);
    }

    /** SARIF rule names are PascalCase identifiers: LOAD_ERR_YAML_PARSE becomes LoadErrYamlParse. */
    private static String camel(String code) {
        StringBuilder sb = new StringBuilder();
        for (String p : code.toLowerCase(java.util.Locale.ROOT).split("_")) {
            if (!p.isEmpty()) sb.append(Character.toUpperCase(p.charAt(0))).append(p.substring(1));
        }
        return sb.toString();
    }
}
