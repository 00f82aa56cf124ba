package dev.falcoc.compiler.ir;

import java.util.List;

/**
 * Several values one field stands for, with Falco's matching rule:
 * ANCESTORS (proc.aname, proc.apid ... without an index): true when the comparison holds for any
 * ancestor, whatever the operator; ENDPOINTS (fd.ip, fd.port, fd.proto, fd.net on a connected
 * socket): '=', 'in' and the others hold when either side matches, '!=' only when both differ.
 */
public record Candidates(List<Object> values, Kind kind) {
    public enum Kind { ANCESTORS, ENDPOINTS }
}
