package dev.falcoc.runtime.engine;

import dev.falcoc.runtime.config.ConfigException;
import dev.falcoc.runtime.config.FalcoConfig;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Applies rule selection in Falco's order: the pre-0.39 command-line forms (-D substrings, then
 * -T tags, then -t tags: disable everything and enable those tags), then each entry of the
 * {@code rules:} section in order. Like Falco 0.38, the old forms cannot be mixed with {@code rules:},
 * nor -t with -D/-T.
 */
public final class RuleSelection {
    private RuleSelection() {}

    public static void apply(RuleTable table, List<String> disableSubstrings, List<String> disableTags,
                             List<String> enableTags, List<FalcoConfig.Selection> rules) throws ConfigException {
        boolean legacy = !disableSubstrings.isEmpty() || !disableTags.isEmpty() || !enableTags.isEmpty();
        if (!disableSubstrings.isEmpty() || !disableTags.isEmpty()) {
            if (!enableTags.isEmpty()) throw new ConfigException("You can not specify both disabled (-D/-T) and enabled (-t) rules");
        }
        if (legacy && !rules.isEmpty()) {
            throw new ConfigException("Specifying -D, -t, -T command line options together with \"rules:\" configuration or -o \"rules...\" is not supported.");
        }
        for (String s : disableSubstrings) table.setBySubstring(s, false);
        if (!disableTags.isEmpty()) table.setByTags(new LinkedHashSet<>(disableTags), false);
        if (!enableTags.isEmpty()) {
            table.setBySubstring("", false);
            table.setByTags(new LinkedHashSet<>(enableTags), true);
        }
        for (FalcoConfig.Selection s : rules) {
            if (!s.rule().isEmpty()) table.setByWildcard(s.rule(), s.enable());
            if (!s.tag().isEmpty()) table.setByTags(java.util.Set.of(s.tag()), s.enable());
        }
    }
}
