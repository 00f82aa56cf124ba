package dev.falcoc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.compiler.engine.Compiled;
import dev.falcoc.compiler.ir.FieldBinder;
import dev.falcoc.compiler.ir.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public API the engine codes against. */
class MatcherCompilerTest {
    @Test
    void keepsRuleOrderAndBindsEachFieldOnce() {
        List<String> bound = new ArrayList<>();
        FieldBinder binder = f -> {
            bound.add(f.text());
            return Conditions.MAP_BINDER.bind(f);
        };
        Compiled.CRule a = Conditions.rule("proc.name = a and fd.name startswith /etc");
        a.name = "A";
        Compiled.CRule b = Conditions.rule("proc.name = b or proc.name = c");
        b.name = "B";
        Compiled.CRule off = Conditions.rule("proc.name = a");
        off.ast = null; // no condition: never matches
        for (Backend backend : Backend.values()) {
            bound.clear();
            List<Matcher> ms = MatcherCompiler.compile(List.of(a, b, off), binder, backend);
            assertEquals(List.of("proc.name", "fd.name"), bound, backend.name());
            Map<String, Object> e = Map.of("proc.name", "c", "fd.name", "/etc/x");
            assertFalse(ms.get(0).matches(e));
            assertTrue(ms.get(1).matches(e));
            assertFalse(ms.get(2).matches(e));
            assertTrue(ms.get(0).matches(Map.of("proc.name", "a", "fd.name", "/etc/x")));
        }
        assertEquals("rule A", MatcherCompiler.compile(List.of(a), binder, Backend.BYTECODE).get(0).toString());
    }

    @Test
    void matchersAreStatelessAcrossThreads() throws Exception {
        Matcher m = Conditions.compile("proc.name in (a, b, c, d, e, f) and not fd.name pmatch (/etc, /usr)", Backend.BYTECODE);
        List<Thread> ts = new ArrayList<>();
        boolean[] ok = {true};
        for (int t = 0; t < 4; t++) {
            ts.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 20_000; i++) {
                    boolean want = i % 2 == 0;
                    Map<String, Object> e = Map.of("proc.name", want ? "c" : "z", "fd.name", "/tmp/x");
                    if (m.matches(e) != want) ok[0] = false;
                }
            }));
        }
        for (Thread t : ts) t.join();
        assertTrue(ok[0]);
    }

    @Test
    void sharedTreeChecksDecideOncePerEventButNotForCountingFields() {
        int[] reads = {0, 0};
        // fd.name's getter counts its reads like util.cnt (not stable); proc.name's is stable
        FieldBinder binder = f -> {
            int i = f.text().equals("fd.name") ? 1 : 0;
            boolean stable = i == 0;
            return new dev.falcoc.compiler.ir.FieldGetter() {
                @Override public Object get(Object ctx) { reads[i]++; return ((Map<?, ?>) ctx).get(f.text()); }
                @Override public boolean stable() { return stable; }
            };
        };
        Compiled.CRule a = Conditions.rule("proc.name in (a, b, c) and fd.name = /x");
        a.name = "A";
        Compiled.CRule b = Conditions.rule("proc.name in (a, b, c) and fd.name = /x and fd.name != /y");
        b.name = "B";
        List<Matcher> ms = MatcherCompiler.compileLazily(List.of(a, b), binder, Backend.BYTECODE);
        OfficialRulesTest.SerialMap ctx = new OfficialRulesTest.SerialMap();
        for (String proc : List.of("a", "z", "c", "a")) {
            ctx.load(Map.of("proc.name", proc, "fd.name", "/x"));
            reads[0] = reads[1] = 0;
            boolean want = !proc.equals("z");
            assertEquals(want, ms.get(0).matches(ctx), proc);
            assertEquals(want, ms.get(1).matches(ctx), proc);
            assertEquals(1, reads[0], "proc.name is read once for both rules, " + proc);
            assertEquals(want ? 3 : 0, reads[1], "every fd.name check reads it, " + proc);
        }
    }
}
