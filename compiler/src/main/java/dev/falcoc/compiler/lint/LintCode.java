package dev.falcoc.compiler.lint;

import dev.falcoc.compiler.diag.Severity;

/**
 * falcoc's own findings, beyond what Falco reports. The codes are stable (SARIF rule ids, CI
 * suppressions); docs/lints.md gives each one's rationale.
 */
public enum LintCode {
    FALCOC_NEVER_FIRES(Severity.WARNING, "Rule can never fire",
            "The rule's condition is false for every event: contradictory event types, a never_true-style constant, or an empty list after 'in'.",
            "Fix or remove the contradictory part of the condition. If the rule is kept as a placeholder, disable it with 'enabled: false'."),
    FALCOC_SHADOWED_RULE(Severity.WARNING, "Rule shadowed by an earlier rule",
            "Under Falco's default rule_matching: first, only the first matching rule fires for an event. An earlier rule whose condition is implied by this one (same event types, a subset of its conditions) matches every event this rule matches, so this rule never fires.",
            "Move the more specific rule before the general one (load order and first definition decide), merge them, or use rule_matching: all."),
    FALCOC_FIELD_NEVER_SET(Severity.WARNING, "Field never has a value for the rule's events",
            "An output or exception field has no value for any of the event types the rule matches (e.g. fd.name on a pure execve rule): outputs print <NA> and exceptions on it never match.",
            "Use a field the rule's event types provide, or widen the rule's evt.type set."),
    FALCOC_OVERRIDE_NO_TARGET(Severity.WARNING, "Override or append has no effect",
            "An override/append targets a list or macro that does not exist (an 'override: replace' then silently defines a new item, usually a misspelled name), or one that no rule uses.",
            "Check the target's name and that the file defining it is loaded before this one."),
    FALCOC_APPEND_DEPRECATED(Severity.INFO, "Deprecated append/enabled key, with the equivalent override",
            "'append: true' and the standalone 'enabled' key are deprecated since Falco 0.37. The message gives the equivalent 'override:' block.",
            "Replace the deprecated key with the 'override:' block given in the message."),
    FALCOC_COSTLY_PATTERN(Severity.INFO, "Costly check on a hot event type",
            "The rule runs a costly check (regex, glob, proc.aname without an index or with [*], proc.apid/aexe/acmdline ancestors) on very frequent events (file opens, reads/writes, network I/O).",
            "Put cheap, selective checks (evt.type, proc.name, fd.directory) first, use a list with 'in', startswith or pmatch instead of regex/glob, or bound the ancestor depth (proc.aname[2])."),
    FALCOC_DUPLICATE_LIST_ITEM(Severity.INFO, "Duplicated list item",
            "A list item appears twice in the same list (also across appends). It is harmless but usually a copy/paste or merge mistake.",
            "Remove the duplicate."),
    FALCOC_UNUSED_ITEM(Severity.WARNING, "Macro or list unused by the whole chain",
            "No rule of the whole load chain uses this macro or list, directly or through other macros and lists. Falco's LOAD_UNUSED_* warnings are per file and count uses by unused macros; this one is computed once, after the last file.",
            "Remove the item, or reference it from a rule."),
    FALCOC_HELM_KEY_IGNORED(Severity.WARNING, "Helm customRules key Falco ignores",
            "The chart mounts customRules into /etc/falco/rules.d, and Falco >= 0.41 only loads *.yaml/*.yml files from directories: this key's rules are silently ignored.",
            "Rename the key to end in .yaml."),
    FALCOC_ENGINE_VERSION(Severity.ERROR, "Construct not supported by the target Falco version",
            "The rules use a construct (operator, transformer, key) that the Falco version given with --engine-version does not support, or require a newer engine.",
            "Avoid the construct or raise the minimum Falco version you deploy.");

    private final Severity severity;
    private final String title, description, help;

    LintCode(Severity severity, String title, String description, String help) {
        this.severity = severity;
        this.title = title;
        this.description = description;
        this.help = help;
    }

    public Severity severity() { return severity; }
    public String title() { return title; }
    public String description() { return description; }
    public String help() { return help; }
}
