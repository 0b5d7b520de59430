package dev.credence.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.train.TrainingListener;
import dev.credence.datasets.DatasetRegistry;
import dev.credence.experiments.report.ReportBuilder;
import dev.credence.experiments.results.RunConfig;
import dev.credence.experiments.results.RunResult;
import dev.credence.experiments.suite.Suite;
import dev.credence.experiments.suite.SuiteLoader;
import dev.credence.experiments.suite.SuiteValidator;
import dev.credence.experiments.suite.ValidatedSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.credence.experiments.run.SuiteRunTest.MAPPER;
import static dev.credence.experiments.run.SuiteRunTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Methods built on other methods: one base fit per (dataset, seed, base config), recorded, and part of the fingerprint. */
class CompositionRunTest {
    @TempDir
    Path dir;

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

    static final String MAP_PARAMS = "{\"hidden\": [8], \"epochs\": 3, \"batch_size\": 32}";

    static String suite(String mapParams) {
        return "{\"name\": \"c\", \"seeds\": [0, 1], \"datasets\": [{\"name\": \"moons\", \"source\": \"two-moons\","
                + " \"params\": {\"counts\": [80, 80], \"noise\": 0.2}}], \"methods\": ["
                + "{\"method\": \"map\", \"params\": " + mapParams + "},"
                + "{\"name\": \"ens-named\", \"method\": \"deep-ensemble\", \"base\": \"map\", \"params\": {\"members\": 2}},"
                + "{\"name\": \"ens-inline\", \"method\": \"deep-ensemble\", \"base\": {\"method\": \"map\", \"params\": " + mapParams + "},"
                + " \"params\": {\"members\": 3}}]}";
    }

    @Test
    void aBaseSharedByThreeRowsIsTrainedOncePerSeedAndIsTheBaseRowsOwnFit() throws IOException {
        Path file = Files.writeString(dir.resolve("c.json"), suite(MAP_PARAMS));
        Suite s = SuiteLoader.load(file);
        ValidatedSuite validated = new SuiteValidator(MethodRegistry.discover(), DatasetRegistry.standard()).validate(file, s);
        DataCache data = new DataCache();
        List<PlannedRun> plan = new RunPlanner(data).plan(validated);
        RunExecutor executor = new RunExecutor(plan, data);
        assertEquals(6, plan.size());
        List<RunResult> results = plan.stream().map(p -> executor.execute(p, TrainingListener.NONE)).toList();
        assertEquals(2, executor.freshFits(), "map is fitted once per seed for its own row and both ensembles");
        for (int seed = 0; seed < 2; seed++) {
            JsonNode map = results.get(3 * seed).metrics().toJson();
            RunResult named = results.get(3 * seed + 1);
            RunResult inline = results.get(3 * seed + 2);
            assertEquals(map, point(named, "members", 1).metrics().toJson(), "member 0 of the ensemble is the map row's fit");
            assertEquals(map, point(inline, "members", 1).metrics().toJson());
            assertTrue(named.scored().variants().isEmpty(), "the sizes are a sweep, not named variants");
            assertEquals("map", named.config().method().base().implementation());
            assertEquals(named.config().method().base(), inline.config().method().base(),
                    "a base by name and the same base inline are one configuration");
            assertTrue(named.provenance().toString().contains("MapTrainer"), "the base trainer is in the provenance");
        }
    }

    @Test
    void aDatasetAndItsLongTailedTestTwinShareEveryFit() throws IOException {
        String moons = "\"source\": \"two-moons\", \"params\": {\"counts\": [120, 120], \"noise\": 0.2}, "
                + "\"imbalance\": \"longtail(4)\"";
        Path file = Files.writeString(dir.resolve("twin.json"), "{\"name\": \"t\", \"seeds\": [0, 1], \"datasets\": ["
                + "{\"name\": \"moons\", " + moons + "}, {\"name\": \"moons-lt-test\", " + moons
                + ", \"test_profile\": \"train\"}, {\"name\": \"moons-other\", " + moons.replace("longtail(4)", "longtail(2)")
                + "}], \"methods\": [{\"method\": \"map\", \"params\": " + MAP_PARAMS + "},"
                + "{\"method\": \"deep-ensemble\", \"base\": \"map\", \"params\": {\"members\": 2}}]}");
        Suite s = SuiteLoader.load(file);
        ValidatedSuite validated = new SuiteValidator(MethodRegistry.discover(), DatasetRegistry.standard()).validate(file, s);
        DataCache data = new DataCache();
        List<PlannedRun> plan = new RunPlanner(data).plan(validated);
        assertEquals(List.of("moons__map__seed0", "moons-lt-test__map__seed0", "moons__deep-ensemble__seed0",
                "moons-lt-test__deep-ensemble__seed0"), plan.subList(0, 4).stream().map(PlannedRun::id).toList(),
                "the twins run method by method, together");
        RunExecutor executor = new RunExecutor(plan, data);
        List<RunResult> results = plan.stream().map(p -> executor.execute(p, TrainingListener.NONE)).toList();
        assertEquals(2 * 2, executor.freshFits(), "one map per seed for the twins, one for the other ratio");
        RunResult map = results.get(0);
        RunResult twin = results.get(1);
        assertEquals(map.scored().extras(), twin.scored().extras());
        assertEquals(map.scored().trainingCurve(), twin.scored().trainingCurve(),
                "the same fit, to the bit");
        assertFalse(map.metrics().toJson().equals(twin.metrics().toJson()), "scored on different test parts");
    }

    /** @return the point at {@code value} of the run's sweep on {@code axis} */
    static RunResult.SweepPoint point(RunResult run, String axis, double value) {
        return run.scored().sweeps().stream().filter(s -> s.axis().equals(axis)).flatMap(s -> s.points().stream())
                .filter(p -> p.value() == value).findFirst().orElseThrow();
    }

    /** @return the point at {@code value} of a run file's sweep on {@code axis}, as written (missing when there is none) */
    static JsonNode point(JsonNode run, String axis, double value) {
        for (JsonNode s : run.path("sweeps")) {
            if (s.path("axis").asText().equals(axis)) {
                for (JsonNode p : s.path("points")) {
                    if (p.path("value").asDouble() == value) {
                        return p;
                    }
                }
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    @Test
    void theEnsembleSizeSweepGoesFromTheFitThroughTheRunFileIntoTheReport() throws IOException {
        Path out = dir.resolve("out");
        Path file = Files.writeString(dir.resolve("c.json"), suite(MAP_PARAMS));
        SuiteRunTest.Outcome o = cli("run", file.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode r = MAPPER.readTree(out.resolve("moons__ens-inline__seed0.json").toFile());
        assertEquals(1, r.path("sweeps").size(), r.path("sweeps").toString());
        JsonNode sweep = r.path("sweeps").get(0);
        assertEquals("members", sweep.path("axis").asText());
        assertFalse(sweep.path("description").asText().isEmpty());
        List<Integer> values = new java.util.ArrayList<>();
        sweep.path("points").forEach(p -> values.add(p.path("value").asInt()));
        assertEquals(List.of(1, 2, 3), values, "sizes 1..M, M included");
        assertTrue(sweep.path("points").get(0).path("value").isIntegralNumber(), "an integral value is written as one");
        JsonNode last = point(r, "members", 3);
        assertTrue(last.path("headline").asBoolean(), "the point M is the headline");
        assertEquals(r.path("metrics"), last.path("metrics"), "and carries the headline's metrics, not a second scoring");
        assertFalse(point(r, "members", 2).has("headline"));
        assertTrue(point(r, "members", 2).path("metrics").has("selective"), "a point has the metric object of a run");

        Path report = dir.resolve("report");
        ReportBuilder.Result built = ReportBuilder.build(out, "out", report, "report");
        assertTrue(built.skipped().stream().noneMatch(s -> s.startsWith("figure 4 ")), built.skipped().toString());
        for (String f : List.of("figures/sweep_members.png", "figures/sweep_members.svg", "tables/sweep_members.md",
                "tables/sweep_members.csv", "tables/sweep_members.tex")) {
            assertTrue(Files.isRegularFile(report.resolve(f)), f);
        }
        String md = Files.readString(report.resolve("REPORT.md"));
        assertTrue(md.contains("### Figure 4: Swept variants"), md);
        assertTrue(md.contains("(figures/sweep_members.png)"), md);
        assertTrue(md.contains("### Sweep: members"), md);
        String csv = Files.readString(report.resolve("tables/sweep_members.csv"));
        assertTrue(csv.startsWith("dataset,method,members,n,accuracy_mean,accuracy_std,"), csv);
        for (String row : List.of("moons,ens-named,1,2,", "moons,ens-named,2,2,", "moons,ens-inline,3,2,")) {
            assertTrue(csv.contains("\r\n" + row), row + " in " + csv);
        }
        assertFalse(csv.contains("moons,ens-named,3,"), "ens-named has two members");
        assertFalse(csv.contains("moons,map,"), "map declares no sweep");
    }

    @Test
    void editingTheBaseMakesTheRowsBuiltOnItStale() throws IOException {
        Path out = dir.resolve("out");
        Path file = Files.writeString(dir.resolve("c.json"), suite(MAP_PARAMS));
        assertEquals(0, cli("run", file.toString(), "--out", out.toString()).status());
        String inlineTimings = MAPPER.readTree(out.resolve("moons__ens-inline__seed0.json").toFile()).path("timings").toString();
        Files.writeString(file, suite(MAP_PARAMS).replaceFirst("\\{\"method\": \"map\", \"params\": \\{\"hidden\": \\[8\\]",
                "{\"method\": \"map\", \"params\": {\"hidden\": [9]"));
        SuiteRunTest.Outcome o = cli("run", file.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.err().contains("4 stale results"), "map and ens-named on two seeds: " + o.err());
        assertEquals(inlineTimings, MAPPER.readTree(out.resolve("moons__ens-inline__seed0.json").toFile()).path("timings").toString(),
                "the inline base did not change");
    }

    @Test
    void compositionNestsTemperatureScalingOnAnEnsembleOfMap() throws IOException {
        Path file = Files.writeString(dir.resolve("n.json"), "{\"name\": \"n\", \"seeds\": [0], \"datasets\": [{\"name\": \"moons\","
                + " \"source\": \"two-moons\", \"params\": {\"counts\": [80, 80], \"noise\": 0.2}}], \"methods\": ["
                + "{\"name\": \"ts-ens\", \"method\": \"temperature-scaling\", \"base\": {\"method\": \"deep-ensemble\","
                + " \"params\": {\"members\": 2}, \"base\": {\"method\": \"map\", \"params\": " + MAP_PARAMS + "}}}]}");
        Path out = dir.resolve("out");
        SuiteRunTest.Outcome o = cli("run", file.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        RunResult r = RunResult.read(out.resolve("moons__ts-ens__seed0.json"));
        assertTrue(r.ok(), r.status().json());
        RunConfig.MethodConfig m = r.config().method();
        assertEquals("temperature-scaling", m.implementation());
        assertEquals("deep-ensemble", m.base().implementation());
        assertEquals("map", m.base().base().implementation());
        assertTrue(r.scored().extras().path("temperature").asDouble() > 0, r.scored().extras().toString());
        assertEquals(2, r.scored().testSamples(), "the ensemble's two members, each scaled");
    }
}
