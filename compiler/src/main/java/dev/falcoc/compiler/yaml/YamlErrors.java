package dev.falcoc.compiler.yaml;

import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * Renders a SnakeYAML syntax error the way yaml-cpp words it, so that LOAD_ERR_YAML_PARSE
 * messages read like Falco's ("yaml-cpp: error at line L, column C: reason", 1-based).
 */
final class YamlErrors {
    private YamlErrors() {}

    static String yamlCppMessage(MarkedYamlEngineException e, int line, int col) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        String reason;
        if (problem.contains("mapping values are not allowed")) reason = "illegal map value";
        else if (problem.contains("found character '\\t'") || problem.contains("found a tab")) reason = "illegal tab when looking for indentation";
        else if (problem.contains("found unexpected end of stream") && context.contains("quoted scalar")) reason = "end of string not found";
        else if (problem.contains("found unknown escape character")) reason = "unknown escape character";
        else if (context.contains("flow sequence") || problem.contains("expected ',' or ']'")) reason = "end of sequence flow not found";
        else if (context.contains("flow mapping") || problem.contains("expected ',' or '}'")) reason = "end of map flow not found";
        else if (context.contains("block mapping")) reason = "end of map not found";
        else if (context.contains("block collection") || context.contains("block sequence")) reason = "end of sequence not found";
        else if (problem.contains("found undefined alias")) reason = "the referenced anchor is not defined";
        else if (problem.contains("block sequence entries are not allowed")) reason = "illegal block entry";
        else reason = problem.isEmpty() ? context : problem;
        return "yaml-cpp: error at line " + (line + 1) + ", column " + (col + 1) + ": " + reason;
    }
}
