package dev.falcoc.bench;

import dev.falcoc.compiler.engine.RulesEngine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * First check of the chain in a fresh JVM (class loading, schema tables, interpreter and JIT
 * start-up included; JVM boot and file reading excluded): the in-process share of a one-shot
 * `falcoc check`. Runs with the launcher's JIT and GC flags.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 10, jvmArgsAppend = {"-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"})
public class ColdCheckBenchmark {
    private Chain chain;

    @Setup
    public void read() {
        chain = new Chain();
    }

    @Benchmark
    public RulesEngine firstLoadChain() {
        return chain.load();
    }
}
