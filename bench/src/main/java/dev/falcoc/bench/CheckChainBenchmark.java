package dev.falcoc.bench;

import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.report.FalcoJson;
import dev.falcoc.compiler.report.Json;
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
 * In-process cost of checking the official chain with a warm JVM, i.e. what an editor or a
 * watch-mode re-check pays.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class CheckChainBenchmark {
    private Chain chain;

    @Setup
    public void setup() {
        chain = new Chain();
        // A benchmark of a failing load would measure the wrong thing.
        for (LoadResult r : chain.load().results()) if (!r.successful()) throw new IllegalStateException(r.name + " does not load: " + r.errors);
    }

    /** Load, resolve and type-check the three files (what falco -V does, minus reading them). */
    @Benchmark
    public RulesEngine loadChain() {
        return chain.load();
    }

    /** The same plus the falco -V shaped JSON report that `falcoc check --format json` prints. */
    @Benchmark
    public String checkChainJson() {
        return Json.write(FalcoJson.loadResults(chain.load().results()));
    }
}
