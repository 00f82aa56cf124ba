package dev.falcoc.runtime.output;

import dev.falcoc.compiler.load.Priority;

/** One formatted alert, ready for every output: {@code message} is JSON or text per json_output. */
public record Alert(String rule, Priority priority, String source, long ts, String message) {}
