package dev.falcoc.compiler.ir;

/** Field transformers, applied innermost first. */
public enum Transform {
    TOLOWER, TOUPPER, B64, BASENAME, LEN;

    public static Transform parse(String s) {
        return switch (s) {
            case "tolower" -> TOLOWER;
            case "toupper" -> TOUPPER;
            case "b64" -> B64;
            case "basename" -> BASENAME;
            case "len" -> LEN;
            default -> throw new IllegalArgumentException("unknown transformer " + s);
        };
    }
}
