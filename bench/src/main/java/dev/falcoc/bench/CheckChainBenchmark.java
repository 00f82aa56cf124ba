package dev.falcoc.bench;

import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.report.FalcoJson;
import dev.falcoc.compiler.report.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
 * In-process cost of checking the official chain falco_rules -> incubating -> sandbox with a warm
 * JVM, i.e. what an editor or a watch-mode re-check pays. The rules directory comes from
 * -Dfalcoc.rules (default ../shared/rules, as seen from the repository root).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class CheckChainBenchmark {
    static final List<String> CHAIN = List.of("falco_rules.yaml", "falco-incubating_rules.yaml", "falco-sandbox_rules.yaml");

    private String[] names;
    private String[] contents;

    @Setup
    public void read() {
        Path dir = Path.of(System.getProperty("falcoc.rules", "../shared/rules"));
        names = new String[CHAIN.size()];
        contents = new String[CHAIN.size()];
        for (int i = 0; i < CHAIN.size(); i++) {
            Path p = dir.resolve(CHAIN.get(i));
            names[i] = p.toString();
            try {
                contents[i] = Files.readString(p);
            } catch (IOException e) {
                throw new UncheckedIOException("rules chain not found; pass -Dfalcoc.rules=DIR", e);
            }
        }
        // A benchmark of a failing load would measure the wrong thing.
        for (LoadResult r : load().results()) if (!r.successful()) throw new IllegalStateException(r.name + " does not load: " + r.errors);
    }

    private RulesEngine load() {
        RulesEngine engine = new RulesEngine();
        for (int i = 0; i < names.length; i++) engine.load(names[i], contents[i]);
        return engine;
    }

    /** Load, resolve and type-check the three files (what falco -V does, minus reading them). */
    @Benchmark
    public RulesEngine loadChain() {
        return load();
    }

    /** The same plus the falco -V shaped JSON report that `falcoc check --format json` prints. */
    @Benchmark
    public String checkChainJson() {
        return Json.write(FalcoJson.loadResults(load().results()));
    }
}
