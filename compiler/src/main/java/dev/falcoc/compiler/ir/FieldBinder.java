package dev.falcoc.compiler.ir;

import dev.falcoc.compiler.schema.FieldResolver;

/** Gives the getter for a resolved field (name, argument, type); supplied by the runtime. */
@FunctionalInterface
public interface FieldBinder {
    FieldGetter bind(FieldResolver.Resolved field);
}
