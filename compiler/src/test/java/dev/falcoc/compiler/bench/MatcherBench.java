package dev.falcoc.compiler.bench;

import dev.falcoc.compiler.codegen.Backend;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ns per event for the official rules chain over a mix of synthetic open/execve/connect events:
 * every rule whose event set holds the event's code is evaluated (rule_matching: all).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MatcherBench {
    @Param({"BYTECODE", "INTERPRETER"})
    public Backend backend;

    private OfficialChain chain;
    private OfficialChain.Event[] events;
    private int next;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        chain = new OfficialChain(backend);
        events = chain.events.toArray(OfficialChain.Event[]::new);
    }

    @Benchmark
    public int perEvent() {
        OfficialChain.Event e = events[next];
        next = next + 1 == events.length ? 0 : next + 1;
        return chain.evaluate(e);
    }
}
