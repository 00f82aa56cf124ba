package dev.falcoc.compiler.ir;

/** Comparison operators of the rules language ("==" is folded into EQ). */
public enum Op {
    EQ, NE, LT, LE, GT, GE, CONTAINS, ICONTAINS, BCONTAINS, STARTSWITH, BSTARTSWITH, ENDSWITH,
    GLOB, IGLOB, PMATCH, IN, INTERSECTS, REGEX, EXISTS;

    public static Op parse(String s) {
        return switch (s) {
            case "=", "==" -> EQ;
            case "!=" -> NE;
            case "<" -> LT;
            case "<=" -> LE;
            case ">" -> GT;
            case ">=" -> GE;
            case "contains" -> CONTAINS;
            case "icontains" -> ICONTAINS;
            case "bcontains" -> BCONTAINS;
            case "startswith" -> STARTSWITH;
            case "bstartswith" -> BSTARTSWITH;
            case "endswith" -> ENDSWITH;
            case "glob" -> GLOB;
            case "iglob" -> IGLOB;
            case "pmatch" -> PMATCH;
            case "in" -> IN;
            case "intersects" -> INTERSECTS;
            case "regex" -> REGEX;
            case "exists" -> EXISTS;
            default -> throw new IllegalArgumentException("unknown operator " + s);
        };
    }

    /** Operators whose right-hand side is a set of values, any of which may match. */
    public boolean isSet() { return this == IN || this == INTERSECTS || this == PMATCH; }
}
