package dev.falcoc.testrules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.falcoc.compiler.diag.Diagnostic;
import dev.falcoc.compiler.diag.Location;
import dev.falcoc.compiler.engine.LoadResult;
import dev.falcoc.compiler.engine.RulesEngine;
import dev.falcoc.compiler.report.FalcoJson;
import dev.falcoc.compiler.report.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Runs falcoc on the official rules and on every load case Falco 0.42.1 answered, and compares
 * with the oracle through the shared comparison tool (tools/oracle_diff.py), as CI judges it.
 */
class OracleConformanceTest {

    @TestFactory
    Stream<DynamicTest> loadCasesMatchFalco() throws IOException {
        return caseDirs().stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> checkCase(d)));
    }

    private void checkCase(Path dir) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches("[0-9]\\.yaml")).sorted().toList();
        }
        RulesEngine engine = new RulesEngine();
        for (Path f : files) engine.load(f.getFileName().toString(), Files.readString(f));
        Path validate = dir.resolve("validate.json");
        if (Files.size(validate) > 0) {
            compare("validate", validate, Json.write(FalcoJson.loadResults(engine.results())));
            compareSchemaStatus(validate, engine.results());
        } else {
            assertTrue(engine.results().stream().anyMatch(r -> !r.successful()), "Falco stopped before validation; falcoc must fail too");
        }
        Path list = dir.resolve("list.json");
        if (Files.exists(list)) compare("list", list, Json.write(FalcoJson.describe(engine)));
    }

    @TestFactory
    Stream<DynamicTest> officialRulesMatchFalco() {
        Path shared = SharedData.shared();
        String[][] runs = {
                {"falco_rules", "rules/falco_rules.yaml"},
                {"falco-incubating_rules", "rules/falco-incubating_rules.yaml"},
                {"falco-sandbox_rules", "rules/falco-sandbox_rules.yaml"},
                {"falco-deprecated_rules", "rules/falco-deprecated_rules.yaml"},
                {"chain", "rules/falco_rules.yaml", "rules/falco-incubating_rules.yaml", "rules/falco-sandbox_rules.yaml"}};
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] run : runs) {
            tests.add(DynamicTest.dynamicTest(run[0], () -> {
                RulesEngine engine = new RulesEngine();
                for (int i = 1; i < run.length; i++) engine.load(run[i], Files.readString(shared.resolve(run[i])));
                compare("validate", shared.resolve("oracle/validate/" + run[0] + ".json"), Json.write(FalcoJson.loadResults(engine.results())));
                compareSchemaStatus(shared.resolve("oracle/validate/" + run[0] + ".json"), engine.results());
                Path list = shared.resolve("oracle/list/" + run[0] + ".json");
                if (Files.exists(list)) compare("list", list, Json.write(FalcoJson.describe(engine)));
            }));
        }
        return tests.stream();
    }

    /** Falco's first error comes first, and every reported diagnostic has a real position. */
    @TestFactory
    Stream<DynamicTest> diagnosticsPointIntoTheFile() throws IOException {
        return caseDirs().stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> {
            RulesEngine engine = new RulesEngine();
            try (Stream<Path> s = Files.list(d)) {
                for (Path f : s.filter(p -> p.getFileName().toString().matches("[0-9]\\.yaml")).sorted().toList()) {
                    engine.load(f.getFileName().toString(), Files.readString(f));
                }
            }
            for (LoadResult r : engine.results()) {
                for (Diagnostic diag : r.all()) {
                    Location l = diag.context().exactLocation();
                    assertTrue(l.exactOffset() >= 0 && l.exactOffset() <= r.content.length() + 1,
                            "diagnostic without a usable position: " + diag.message());
                }
            }
        }));
    }

    private static List<Path> caseDirs() throws IOException {
        try (Stream<Path> s = Files.list(SharedData.shared().resolve("oracle/load-cases"))) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** The JSON-schema status per file, which the shared diff tool does not look at. */
    @SuppressWarnings("unchecked")
    private static void compareSchemaStatus(Path oracle, List<LoadResult> ours) throws IOException {
        Map<String, Object> doc = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(oracle));
        List<Map<String, Object>> falco = (List<Map<String, Object>>) doc.get("falco_load_results");
        for (Map<String, Object> f : falco) {
            String name = Path.of(String.valueOf(f.get("name"))).getFileName().toString();
            LoadResult r = ours.stream().filter(x -> Path.of(x.name).getFileName().toString().equals(name)).findFirst().orElseThrow();
            if (f.get("schema_valid") != null) assertEquals(f.get("schema_valid"), r.schemaValid, "schema_valid of " + name);
            if (f.get("schema_warnings") instanceof List<?> w) assertEquals(w, r.schemaWarnings, "schema_warnings of " + name);
        }
    }

    private static void compare(String mode, Path oracle, String ours) throws Exception {
        Path tmp = Files.createTempFile("falcoc-" + mode, ".json");
        Files.writeString(tmp, ours);
        Path tool = SharedData.shared().resolve("tools/oracle_diff.py");
        Process p = new ProcessBuilder("python3", tool.toString(), mode, oracle.toString(), tmp.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int rc = p.waitFor();
        Files.deleteIfExists(tmp);
        assertEquals(0, rc, "oracle_diff " + mode + " " + oracle + ":\n" + out);
    }
}
