package dev.credence.experiments.run;

import dev.credence.core.CredenceInputException;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.train.TrainingListener;
import dev.credence.datasets.DatasetRegistry;
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
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dataset's reference: fitted once per training data and seed and shared by every row scored against it, one unit
 * with them, part of their fingerprints (and of no other row's), its failure theirs, and one-line errors in the suite.
 */
class ReferenceRunTest {
    @TempDir
    Path dir;

    static final String HMC = "{\"hidden\": [6], \"warmup\": 10, \"samples\": 4, \"thinning\": 1, \"leapfrog_steps\": 4,"
            + " \"chains\": 2}";
    static final String MAP = "{\"hidden\": [6], \"epochs\": 3, \"batch_size\": 32}";

    /**
     * @param hmc       hmc's params
     * @param reference the first dataset's reference field ("" for none)
     * @return a suite of two datasets (the second without a reference), map first so that the reference is first
     *     fitted in another row than its own
     */
    static String suite(String hmc, String reference) {
        String moons = "\"source\": \"two-moons\", \"params\": {\"counts\": [60, 60], \"noise\": 0.2}";
        return "{\"name\": \"ref\", \"seeds\": [0], \"datasets\": [{\"name\": \"moons\", " + moons + reference
                + ", \"shifts\": [\"feature_noise\"], \"shift_severities\": [2], \"ood\": [\"uniform_noise\"]},"
                + " {\"name\": \"plain\", \"source\": \"blobs\", \"params\": {\"counts\": [40, 40, 40]}}], \"methods\": ["
                + "{\"method\": \"map\", \"params\": " + MAP + "},"
                + "{\"method\": \"mc-dropout\", \"params\": " + MAP + "},"
                + "{\"name\": \"ts\", \"method\": \"temperature-scaling\", \"base\": \"map\"},"
                + "{\"method\": \"hmc\", \"params\": " + hmc + "},"
                + "{\"name\": \"hmc-again\", \"method\": \"hmc\", \"params\": " + hmc + "}]}";
    }

    static final String REFERENCE = ", \"reference\": \"hmc\"";

    private List<PlannedRun> plan(String json, DataCache data) throws IOException {
        Path file = Files.writeString(dir.resolve("ref.json"), json);
        Suite s = SuiteLoader.load(file);
        ValidatedSuite validated = new SuiteValidator(MethodRegistry.discover(), DatasetRegistry.standard()).validate(file, s);
        return new RunPlanner(data).plan(validated);
    }

    private static Map<String, PlannedRun> byId(List<PlannedRun> plan) {
        return plan.stream().collect(Collectors.toMap(PlannedRun::id, Function.identity()));
    }

    @Test
    void aReferenceSharedByFourRowsIsFittedOnceAndScoresEach() throws IOException {
        DataCache data = new DataCache();
        List<PlannedRun> plan = plan(suite(HMC, REFERENCE), data);
        RunExecutor executor = new RunExecutor(plan, data);
        Map<String, RunResult> results = plan.stream().collect(Collectors.toMap(PlannedRun::id,
                p -> executor.execute(p, TrainingListener.NONE)));
        assertEquals(2 * 3, executor.freshFits(), "per dataset map, mc-dropout and hmc (shared by hmc-again)");
        RunResult hmc = results.get("moons__hmc__seed0");
        assertNull(hmc.scored().reference(), "the reference's own row is not scored against itself");
        assertNull(hmc.config().reference());
        String fingerprint = hmc.config().method().fingerprint();
        for (String m : List.of("map", "mc-dropout", "ts", "hmc-again")) {
            RunResult r = results.get("moons__" + m + "__seed0");
            RunResult.ReferenceScores ref = r.scored().reference();
            assertNotNull(ref, m);
            assertEquals("hmc", ref.method());
            assertEquals(fingerprint, ref.fingerprint());
            assertEquals(fingerprint, r.config().reference().fingerprint());
            assertEquals(List.of("feature_noise"), ref.shifts().stream().map(RunResult.ShiftDistance::shift).toList());
            assertEquals(2, ref.shifts().get(0).level());
            assertEquals(List.of("uniform_noise"), ref.ood().stream().map(RunResult.OodDistance::set).toList(), m);
            assertTrue(ref.test().agreement() >= 0 && ref.test().agreement() <= 1, m);
            assertEquals(r.toJson(), RunResult.fromJson(r.toJson()).toJson(), "the block reads back to the same JSON");
        }
        RunResult.ReferenceScores same = results.get("moons__hmc-again__seed0").scored().reference();
        assertEquals(1.0, same.test().agreement());
        assertEquals(0.0, same.test().totalVariation());
        assertEquals(0.0, same.test().kl());
        assertEquals(0.0, same.shifts().get(0).distance().totalVariation(), "the same fit on the shifted set too");
        assertEquals(1.0, same.ood().get(0).distance().agreement(), "and on the OOD set");
        assertEquals(0.0, same.ood().get(0).distance().totalVariation());
        assertTrue(results.get("moons__map__seed0").scored().reference().ood().get(0).distance().totalVariation() > 0);
        assertTrue(results.get("moons__map__seed0").scored().reference().test().totalVariation() > 0);
        for (RunResult r : results.values()) {
            if (r.runId().startsWith("plain__")) {
                assertNull(r.scored().reference(), "no reference on the other dataset");
                assertFalse(r.toJson().has("reference"));
                assertFalse(r.toJson().path("config").has("reference"));
            }
        }
    }

    @Test
    void aRowAndItsReferenceAreOneUnit() throws IOException {
        List<PlannedRun> plan = plan(suite(HMC, REFERENCE), new DataCache());
        Shards shards = Shards.of(plan);
        assertEquals(1 + 3, shards.units(), "moons: all five rows; plain: {map, ts}, {mc-dropout}, {hmc, hmc-again}");
        List<PlannedRun> moons = shards.unitsByCost().stream().filter(u -> u.get(0).dataset().name().equals("moons"))
                .findFirst().orElseThrow();
        assertEquals(5, moons.size());
        Map<String, PlannedRun> runs = byId(plan);
        assertTrue(runs.get("moons__map__seed0").heap().bytes(RunBudget.REFERENCE) > 0,
                "a row's heap estimate holds its reference's fit");
        assertEquals(0, runs.get("moons__hmc__seed0").heap().bytes(RunBudget.REFERENCE), "not the reference's own");
        assertEquals(0, runs.get("plain__map__seed0").heap().bytes(RunBudget.REFERENCE));
    }

    @Test
    void theReferenceConfigurationIsPartOfTheScoredRowsFingerprintsAndOfNoOther() throws IOException {
        Map<String, PlannedRun> a = byId(plan(suite(HMC, REFERENCE), new DataCache()));
        Map<String, PlannedRun> changed = byId(plan(suite(HMC.replace("\"warmup\": 10", "\"warmup\": 12"), REFERENCE),
                new DataCache()));
        Map<String, PlannedRun> none = byId(plan(suite(HMC, ""), new DataCache()));
        for (String m : List.of("map", "mc-dropout", "ts")) {
            String id = "moons__" + m + "__seed0";
            assertNotEquals(a.get(id).fingerprint(), changed.get(id).fingerprint(), id + " is stale when hmc changes");
            assertNotEquals(a.get(id).fingerprint(), none.get(id).fingerprint(), id);
            String plain = "plain__" + m + "__seed0";
            assertEquals(none.get(plain).fingerprint(), a.get(plain).fingerprint(), plain + " has no reference");
            assertEquals(a.get(plain).fingerprint(), changed.get(plain).fingerprint(), plain);
        }
        assertEquals(none.get("moons__hmc__seed0").fingerprint(), a.get("moons__hmc__seed0").fingerprint(),
                "the reference's own row is configured as without a reference");
        assertFalse(dev.credence.experiments.results.RunResult.failed(none.get("moons__map__seed0").identity(),
                new RunResult.Failure("x", "y")).toJson().path("config").has("reference"),
                "a row without a reference writes the configuration JSON of a result made before references");
    }

    @Test
    void aStaleReferenceMakesTheRowsBeRedoneOnResume() throws IOException {
        Path out = dir.resolve("out");
        Path file = Files.writeString(dir.resolve("s.json"), suite(HMC, REFERENCE));
        assertEquals(0, SuiteRunTest.cli("run", file.toString(), "--out", out.toString(), "--quiet").status());
        Files.writeString(file, suite(HMC.replace("\"warmup\": 10", "\"warmup\": 12"), REFERENCE));
        SuiteRunTest.Outcome again = SuiteRunTest.cli("run", file.toString(), "--out", out.toString(), "--progress=lines");
        assertEquals(0, again.status(), again.err());
        assertTrue(again.err().contains("7 stale results"), "moons' five rows and plain's two hmc rows: " + again.err());
        for (String m : List.of("map", "mc-dropout", "ts")) {
            assertTrue(again.err().contains(m + " × plain × seed 0: result exists, skipped"), m + ": " + again.err());
            assertFalse(again.err().contains(m + " × moons × seed 0: result exists, skipped"), m + ": " + again.err());
        }
    }

    @Test
    void theReportHasTheReferenceTableAndFigureOnlyWhenSomeResultHasAReferenceBlock() throws IOException {
        Path with = dir.resolve("with");
        Path without = dir.resolve("without");
        Path file = Files.writeString(dir.resolve("s.json"), suite(HMC, REFERENCE));
        assertEquals(0, SuiteRunTest.cli("run", file.toString(), "--out", with.toString(), "--quiet").status());
        Files.writeString(file, suite(HMC, ""));
        assertEquals(0, SuiteRunTest.cli("run", file.toString(), "--out", without.toString(), "--quiet").status());
        dev.credence.experiments.report.ReportBuilder.build(with, "with", dir.resolve("rw"), "rw");
        dev.credence.experiments.report.ReportBuilder.build(without, "without", dir.resolve("ro"), "ro");
        String md = Files.readString(dir.resolve("rw/REPORT.md"));
        assertTrue(md.contains("### Distance from the reference posterior"), md);
        assertTrue(md.contains("| moons | map | hmc | 1 |"), md);
        assertTrue(md.contains("— moons: closest ") && md.contains(" by total variation and ")
                && (md.contains("by ECE on 1 of 1 dataset.") || md.contains("by ECE on 0 of 1 dataset.")), md);
        assertFalse(md.contains("| moons | hmc | hmc |"), "the reference has no row of its own there");
        assertTrue(md.contains("### Figure 12: Predictive entropy beside the reference posterior's (2-D datasets)"), md);
        assertTrue(Files.exists(dir.resolve("rw/tables/reference.csv")));
        assertTrue(Files.exists(dir.resolve("rw/figures/reference_map_moons.png")));
        assertFalse(Files.exists(dir.resolve("rw/figures/reference_map_plain.png")), "plain has no reference");
        String plain = Files.readString(dir.resolve("ro/REPORT.md"));
        assertFalse(plain.contains("Distance from the reference") || plain.contains("Figure 12"),
                "no table, no figure without a reference block");
        assertFalse(Files.exists(dir.resolve("ro/tables/reference.csv")));
    }

    @Test
    void aFailedReferenceFailsTheRowsScoredAgainstItNamingIt() throws IOException {
        String diverging = "{\"hidden\": [6], \"warmup\": 0, \"step_size\": 10, \"samples\": 4, \"thinning\": 1,"
                + " \"leapfrog_steps\": 50, \"chains\": 1}";
        DataCache data = new DataCache();
        List<PlannedRun> plan = plan(suite(diverging, REFERENCE), data);
        RunExecutor executor = new RunExecutor(plan, data);
        Map<String, RunResult> results = new java.util.HashMap<>();
        for (PlannedRun p : plan) {
            RunResult r;
            try {
                r = executor.execute(p, TrainingListener.NONE);
            } catch (RuntimeException e) {
                r = RunExecutor.failed(p, e);
            }
            results.put(p.id(), r);
        }
        assertTrue(results.get("moons__hmc__seed0").diverged(), "the reference's own row diverged");
        RunResult map = results.get("moons__map__seed0");
        assertTrue(map.failed());
        assertTrue(map.error().message().startsWith("reference 'hmc' (hmc) of 'map' failed: "), map.error().message());
        assertFalse(map.error().message().contains("\n"));
        assertTrue(results.get("plain__map__seed0").ok(), "rows of another dataset go on");
    }

    @Test
    void anUnknownOrComposedReferenceIsAOneLineError() throws IOException {
        CredenceInputException unknown = assertThrows(CredenceInputException.class,
                () -> plan(suite(HMC, ", \"reference\": \"hcm\""), new DataCache()));
        assertTrue(unknown.getMessage().contains("datasets[0] (moons): field 'reference': unknown method entry 'hcm';"
                + " did you mean 'hmc'?"), unknown.getMessage());
        CredenceInputException composed = assertThrows(CredenceInputException.class,
                () -> plan(suite(HMC, ", \"reference\": \"ts\""), new DataCache()));
        assertTrue(composed.getMessage().contains("datasets[0] (moons): field 'reference': method entry 'ts' is"
                + " temperature-scaling on map; a reference must be a method that trains from scratch"), composed.getMessage());
        for (CredenceInputException e : List.of(unknown, composed)) {
            assertFalse(e.getMessage().contains("\n"));
        }
        Path file = Files.writeString(dir.resolve("bad.json"), suite(HMC, ", \"reference\": \"hcm\""));
        SuiteRunTest.Outcome o = SuiteRunTest.cli("run", file.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, o.status());
        assertTrue(o.err().strip().lines().count() == 1 && o.err().contains("field 'reference'"), o.err());
        assertFalse(Files.exists(dir.resolve("o").resolve("moons__map__seed0.json")), "nothing trained");
    }
}
