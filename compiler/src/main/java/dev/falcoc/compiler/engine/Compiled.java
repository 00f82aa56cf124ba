package dev.falcoc.compiler.engine;

import dev.falcoc.compiler.check.OutputChecker;
import dev.falcoc.compiler.load.Priority;
import dev.falcoc.grammar.ast.Expr;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;

/** The compiled ruleset: lists, macros and rules with resolved conditions (Falco's compile_output). */
public final class Compiled {
    private Compiled() {}

    public static final class CList {
        public String name;
        public List<String> items;
        /** The raw items minus the references to other lists that were expanded. */
        public List<String> rawItems;
        public Set<String> lists;
        public boolean used;
        /** Whether the name contains a substitution delimiter (then it must be searched for). */
        public boolean nameHasDelimiter;
        /** The text that replaces the name (quoted items joined by ", "), built on first use: many conditions use one list. */
        String substitution;
        /** The words of {@link #substitution}, gathered on first use. */
        List<String> substitutionWords;
    }

    public static final class CMacro {
        public String name;
        public String condition;
        public Expr ast;
        public boolean used;
    }

    public static final class CRule {
        public String name;
        public String source;
        public String conditionText;   // raw, after appends
        public String compiledConditionText;  // after exceptions, before list substitution
        public Expr ast;               // resolved
        public String output;          // as given (after appends)
        public String outputCompiled;  // with extra formats
        public List<OutputChecker.Token> outputTokens;
        public String description;
        public Priority priority;
        public SortedSet<String> tags;
        public boolean enabled;
        public boolean capture;
        public long captureDuration;
        public BitSet events;
        public SortedSet<String> exceptionFields;
        public List<String> exceptionNames;
        public SortedSet<String> exceptionOperators;
        public String file;
    }
}
