package dev.falcoc.compiler.schema;

import java.util.Set;

/** One field of the catalogue: name, type, flags and a short description for rule authors. */
public record FieldInfo(int classIndex, String className, String name, FieldType type, Set<String> flags,
                        String printFormat, String display, String description) {
    public boolean has(String flag) { return flags.contains(flag); }
    public boolean argRequired() { return has("ARG_REQUIRED"); }
    public boolean argAllowed() { return has("ARG_ALLOWED") || has("ARG_REQUIRED"); }
    public boolean isList() { return has("IS_LIST"); }
    public boolean filterOnly() { return has("FILTER_ONLY"); }
    public boolean noRhs() { return has("NO_RHS"); }
    public boolean noTransformer() { return has("NO_TRANSFORMER"); }
    public boolean deprecated() { return has("DEPRECATED"); }
    public boolean hidden() { return has("TABLE_ONLY") || has("PRINT_ONLY"); }
}
