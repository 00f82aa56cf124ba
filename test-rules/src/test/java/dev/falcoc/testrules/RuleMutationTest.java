package dev.falcoc.testrules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.falcoc.compiler.check.EventTypes;
import dev.falcoc.compiler.codegen.Backend;
import dev.falcoc.compiler.codegen.MatcherCompiler;
import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.schema.EventTable;
import dev.falcoc.grammar.ast.AstPrinter;
import dev.falcoc.grammar.ast.Expr;
import dev.falcoc.runtime.testing.RuleChain;
import dev.falcoc.runtime.testing.RuleTestRunner;
import dev.falcoc.runtime.testing.SyntheticFields;
import dev.falcoc.runtime.testing.TestFile;
import dev.falcoc.runtime.testing.TestFileReader;
import java.nio.file.Files;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The mutation check of issue 7: every single-point mutation of a bundled rule's (resolved)
 * condition must make the bundled rule tests fail. Mutations: negate a comparison, drop a
 * conjunct or disjunct, turn and into or and back, remove a not, change a constant (a value is
 * altered, a list replaced by an unrelated item). The mutant's event types are recomputed from
 * its condition, as the compiler would. Mutants that are equivalent to the original in Falco are
 * listed below with the reason; any other survivor fails the test.
 */
class RuleMutationTest {
    /** Equivalent mutants (rule :: mutated condition), each with why no event can tell them apart. */
    static final Map<String, String> EQUIVALENT = Map.of(
            "Symlink over sensitive file :: drop conjunct: evt.type in (symlink, symlinkat)",
            "evt.arg.target exists only on symlink and symlinkat events (the test reader rejects it elsewhere)",
            "Hardlink over sensitive file :: drop conjunct: evt.type in (link, linkat)",
            "evt.arg.oldpath exists only on link and linkat events (the test reader rejects it elsewhere)");

    record Mutant(String rule, String what, Expr ast) {}

    @Test
    void everyMutantIsKilled() throws Exception {
        Path module = BundledRuleTestsTest.MODULE;
        RuleChain base = RuleChain.load(List.of(module.resolve("rules/falcoc_rules.yaml")));
        List<Path> files = RuleTestRunner.discover(List.of(module.resolve("tests")));
        assertFalse(new RuleTestRunner(f -> base).runFiles(files).failed(), "the suite passes on the unmutated rules");
        List<TestFile> parsed = new ArrayList<>();
        for (Path f : files) parsed.add(TestFileReader.read(f, Files.readString(f)));
        // mutants run on the reference interpreter: no class generation per mutant (it agrees with the bytecode, see
        // RunnerRuntimeAgreementTest)
        RuleChain interpreted = RuleChain.of(base.output(), Backend.INTERPRETER);

        int valid = 0, killed = 0;
        List<String> survivors = new ArrayList<>();
        for (Compiled.CRule r : base.rules()) {
            for (Mutant m : mutants(r.name, r.ast)) {
                Compiled.CRule c = copy(r);
                c.ast = m.ast();
                try {
                    c.events = EventTypes.codes(m.ast(), EventTable.get());
                } catch (EventTypes.Unsupported e) {
                    c.events = r.events;
                }
                try {
                    MatcherCompiler.compile(List.of(c), SyntheticFields.INSTANCE, Backend.INTERPRETER);
                } catch (IllegalArgumentException e) {
                    continue; // e.g. a changed constant that does not parse for the field's type
                }
                valid++;
                RuleChain mutated = interpreted.with(Map.of(r.name, c));
                RuleTestRunner runner = new RuleTestRunner(f -> mutated);
                if (parsed.stream().anyMatch(tf -> runner.run(tf).failed())) killed++;
                else survivors.add(r.name + " :: " + m.what());
            }
        }
        List<String> unexplained = survivors.stream().filter(s -> !EQUIVALENT.containsKey(s)).toList();
        System.out.printf("mutation check: %d mutants, %d killed (%.1f%%), %d equivalent, %d unexplained survivors%n",
                valid, killed, 100.0 * killed / valid, survivors.size() - unexplained.size(), unexplained.size());
        unexplained.forEach(s -> System.out.println("  survivor: " + s));
        assertEquals(List.of(), unexplained, "mutants the bundled tests do not catch");
        assertEquals(Set.copyOf(EQUIVALENT.keySet()), Set.copyOf(survivors), "equivalent mutants that are now killed: update the list");
    }

    static Compiled.CRule copy(Compiled.CRule r) throws IllegalAccessException {
        Compiled.CRule c = new Compiled.CRule();
        for (Field f : Compiled.CRule.class.getFields()) f.set(c, f.get(r));
        return c;
    }

    /** Every single-point mutant of {@code e}. */
    static List<Mutant> mutants(String rule, Expr e) {
        List<Mutant> out = new ArrayList<>();
        collect(e, x -> x, rule, out);
        return out;
    }

    /** Mutants of node {@code e}, placed back into the whole condition by {@code wrap}. */
    private static void collect(Expr e, Function<Expr, Expr> wrap, String rule, List<Mutant> out) {
        switch (e) {
            case Expr.And a -> {
                junction(a.children(), true, a.pos(), wrap, rule, out);
            }
            case Expr.Or o -> {
                junction(o.children(), false, o.pos(), wrap, rule, out);
            }
            case Expr.Not n -> {
                add(out, rule, "remove not: " + AstPrinter.print(e), wrap.apply(n.child()));
                collect(n.child(), x -> wrap.apply(new Expr.Not(x, n.pos())), rule, out);
            }
            case Expr.BinaryCheck b -> {
                add(out, rule, "negate: " + AstPrinter.print(e), wrap.apply(new Expr.Not(e, e.pos())));
                Expr changed = switch (b.right()) {
                    case Expr.Value v -> new Expr.BinaryCheck(b.left(), b.op(), new Expr.Value(changed(v.value()), v.pos()), b.pos());
                    case Expr.ListValue l -> new Expr.BinaryCheck(b.left(), b.op(), new Expr.ListValue(List.of("falcoc_mutant"), l.pos()), b.pos());
                    default -> null;
                };
                if (changed != null) add(out, rule, "change constant: " + AstPrinter.print(e) + " -> " + AstPrinter.print(changed), wrap.apply(changed));
            }
            case Expr.UnaryCheck u -> add(out, rule, "negate: " + AstPrinter.print(e), wrap.apply(new Expr.Not(e, e.pos())));
            default -> { }
        }
    }

    private static void junction(List<Expr> cs, boolean and, dev.falcoc.grammar.ast.Pos pos, Function<Expr, Expr> wrap,
                                 String rule, List<Mutant> out) {
        Function<List<Expr>, Expr> make = l -> l.size() == 1 ? l.getFirst() : and ? new Expr.And(l, pos) : new Expr.Or(l, pos);
        Expr self = make.apply(cs);
        add(out, rule, (and ? "and->or: " : "or->and: ") + AstPrinter.print(self), wrap.apply(and ? new Expr.Or(cs, pos) : new Expr.And(cs, pos)));
        for (int i = 0; i < cs.size(); i++) {
            List<Expr> rest = new ArrayList<>(cs);
            Expr dropped = rest.remove(i);
            add(out, rule, "drop " + (and ? "conjunct: " : "disjunct: ") + AstPrinter.print(dropped), wrap.apply(make.apply(rest)));
        }
        for (int i = 0; i < cs.size(); i++) {
            int k = i;
            collect(cs.get(i), x -> {
                List<Expr> l = new ArrayList<>(cs);
                l.set(k, x);
                return wrap.apply(make.apply(l));
            }, rule, out);
        }
    }

    private static void add(List<Mutant> out, String rule, String what, Expr ast) {
        out.add(new Mutant(rule, what, ast));
    }

    /** A different constant of the same shape: numbers move by one, booleans flip, text changes. */
    static String changed(String v) {
        if (v.equals("true")) return "false";
        if (v.equals("false")) return "true";
        try {
            return Long.toString(Long.parseLong(v) + 1);
        } catch (NumberFormatException e) {
            return v + "_mutant";
        }
    }
}
