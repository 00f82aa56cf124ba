package dev.falcoc.compiler.diag;

/**
 * One problem found while loading rules. {@code falco} tells whether real Falco reports it
 * (errors after Falco's first one are falcoc's additional findings).
 */
public record Diagnostic(Severity severity, String code, String message, Context context,
                         String deprecatedField, boolean falco) {
    public Diagnostic asAdditional() {
        return new Diagnostic(severity, code, message, context, deprecatedField, false);
    }
}
