package dev.falcoc.runtime.explain;

import java.util.List;
import java.util.Map;

/**
 * Why a rule did or did not match one event. {@code verdict} is the reference interpreter's
 * value of the whole condition, {@code matcherVerdict} the compiled matcher's (they must agree);
 * {@code fired} also accounts for the event-type index and, under first-match, for
 * {@code shadowedBy}, the earlier rule that took the event.
 */
public record Explanation(String rule, String evtType, long evtNum, String matching, boolean enabled,
                          boolean indexed, boolean verdict, boolean matcherVerdict, String shadowedBy,
                          String suppressedBy, boolean fired, Node tree) {

    /**
     * One node of the evaluation tree. kind: and, or, not, macro, check, const, or exception (result: the
     * exception matched, which makes the rule's "and not (...)" false).
     * {@code evaluated} is false where Falco's short-circuit evaluation never reaches the node.
     */
    public record Node(String kind, String label, boolean result, boolean evaluated, Map<String, String> values,
                       Map<String, List<String>> lists, List<Node> children) {}
}
