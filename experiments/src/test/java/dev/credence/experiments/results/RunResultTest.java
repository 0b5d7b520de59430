package dev.credence.experiments.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.CredenceInputException;
import dev.credence.experiments.metrics.EntropyHistogram;
import dev.credence.experiments.metrics.SelectivePrediction;
import dev.credence.experiments.metrics.UncertaintyGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The result format: its layout, reading what the harness wrote back to the same JSON, old results, bad files. */
class RunResultTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static RunConfig config() {
        ObjectNode params = MAPPER.createObjectNode().put("hidden", 8);
        RunConfig.MethodConfig base = new RunConfig.MethodConfig("map", params, null);
        RunConfig.MethodConfig ts = new RunConfig.MethodConfig("temperature-scaling", MAPPER.createObjectNode(), base);
        RunConfig.DatasetConfig d = new RunConfig.DatasetConfig("two-moons", MAPPER.createObjectNode().put("noise", 0.2),
                "natural", null, 0.25, 0.1, true, new RunConfig.Digests("", null));
        return new RunConfig(ts, d, 3, 2, null);
    }

    private static RunResult.Identity identity() {
        return new RunResult.Identity("s", "moons__ts__seed3", 3, config(), "moons", "ts");
    }

    private static RunResult.Metrics metrics(double accuracy) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("accuracy", accuracy);
        values.put("auroc_misclassification", null);
        return new RunResult.Metrics(values, 2, 4, 2, List.of(), List.of(),
                RunResult.Selective.byEntropy(List.of(new SelectivePrediction.Point(1.0, 4, accuracy))),
                new EntropyHistogram.Histogram(2, Math.log(2), new int[] {3, 0}, new int[] {0, 1}));
    }

    private static RunResult ok() {
        UncertaintyGrid.Grid grid = new UncertaintyGrid.Grid(2, 1, List.of("x1", "x2"), Math.log(2),
                new double[] {-1, 1}, new double[] {-2, 2}, new double[][] {{0.1, 0.2}, {0.3, 0.4}},
                new double[][] {{0, 0}, {0, 0}}, new double[] {0.5}, new double[] {-0.5}, new int[] {1}, 9);
        RunResult.Scored scored = new RunResult.Scored(1, metrics(0.75), Map.of("swa", metrics(0.5)),
                List.of(new RunResult.SweepResult("members", "ensemble size",
                        List.of(new RunResult.SweepPoint(1, false, metrics(0.5)),
                                new RunResult.SweepPoint(2.5, true, metrics(0.75)))),
                        new RunResult.SweepResult("pruned_fraction", "removed", dev.credence.core.spi.Sweep.Scale.LOG_ONE_MINUS,
                                List.of(new RunResult.SweepPoint(0, false, metrics(0.5))))),
                grid, MAPPER.createObjectNode().put("temperature", 1.5),
                List.of(new RunResult.Epoch(1, Map.of("loss", 0.7))));
        return RunResult.ok(identity(), new RunResult.Prepared(42L, 2, List.of("a", "b"), new int[] {5, 4},
                        new int[0], new int[] {2, 2}),
                new RunResult.Method("ts", "temperature-scaling", "scales", 7L, 8L, "map", MAPPER.createObjectNode()),
                MAPPER.createObjectNode().put("tribuo-version", "4.3.2"), scored,
                new RunResult.Timings(1.0, 0.9, 100.0, 0.1, 40.0, List.of(0.9)));
    }

    private static List<String> names(JsonNode o) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void shiftMetricsAreWrittenAfterTheGridAndReadBackToTheSameBytes() throws IOException {
        RunResult plain = ok();
        RunResult.Scored p = plain.scored();
        RunResult.Scored scored = new RunResult.Scored(p.testSamples(), p.metrics(), p.variants(), p.sweeps(),
                p.uncertaintyGrid(), p.extras(), p.trainingCurve(), List.of(
                        new RunResult.ShiftResult("rotation", 15, metrics(0.5)),
                        new RunResult.ShiftResult("contrast", 5, metrics(0.25))));
        RunResult r = RunResult.ok(identity(), new RunResult.Prepared(42L, 2, List.of("a", "b"), new int[] {5, 4},
                        new int[0], new int[] {2, 2}),
                plain.method(), plain.provenance(), scored, plain.timings());
        Path f = dir.resolve("shifted.json");
        r.write(f);
        JsonNode json = MAPPER.readTree(f.toFile());
        List<String> keys = names(json);
        assertEquals(keys.indexOf("uncertainty_grid") + 1, keys.indexOf("shifts"));
        assertEquals(List.of("shift", "level", "metrics"), names(json.get("shifts").get(0)));
        RunResult back = RunResult.read(f);
        assertEquals(0.25, back.scored().shifted("contrast", 5).metric("accuracy"));
        assertEquals(null, back.scored().shifted("contrast", 4));
        Path again = dir.resolve("again.json");
        back.write(again);
        assertEquals(Files.readString(f), Files.readString(again));
    }

    @Test
    void oodMetricsAreWrittenAfterTheShiftsAndReadBackToTheSameBytes() throws IOException {
        RunResult plain = ok();
        RunResult.Scored p = plain.scored();
        var flagged = new java.util.ArrayList<Double>(java.util.Arrays.asList(0.125, null));
        var scores = new java.util.LinkedHashMap<String, RunResult.OodMetrics>();
        scores.put("entropy", new RunResult.OodMetrics(0.75, 0.5, 0.875, 0.25, 0.3125, flagged));
        scores.put("energy", new RunResult.OodMetrics(0.5, 0.5, 0.5, 1.0, -2.5, List.of(1.0, 1.0)));
        RunResult.Scored scored = new RunResult.Scored(p.testSamples(), p.metrics(), p.variants(), p.sweeps(),
                p.uncertaintyGrid(), p.extras(), p.trainingCurve(),
                List.of(new RunResult.ShiftResult("contrast", 5, metrics(0.25))),
                List.of(new RunResult.OodResult("digits", 1797, scores, new int[]{1797, 0})), null);
        RunResult r = RunResult.ok(identity(), new RunResult.Prepared(42L, 2, List.of("a", "b"), new int[] {5, 4},
                        new int[0], new int[] {2, 2}),
                plain.method(), plain.provenance(), scored, plain.timings());
        Path f = dir.resolve("ood.json");
        r.write(f);
        JsonNode json = MAPPER.readTree(f.toFile());
        List<String> keys = names(json);
        assertEquals(keys.indexOf("shifts") + 1, keys.indexOf("ood"));
        assertEquals(List.of("set", "inputs", "scores", "entropy_histogram"), names(json.get("ood").get(0)));
        assertEquals(List.of("auroc", "aupr_out", "aupr_in", "fpr95", "fpr95_threshold", "fpr95_flagged_per_class"),
                names(json.get("ood").get(0).get("scores").get("entropy")));
        RunResult back = RunResult.read(f);
        RunResult.OodResult o = back.scored().ood().get(0);
        assertEquals(List.of("entropy", "energy"), List.copyOf(o.scores().keySet()));
        assertEquals(0.875, o.scores().get("entropy").auprIn());
        assertEquals(flagged, o.scores().get("entropy").flaggedPerClass());
        Path again = dir.resolve("again.json");
        back.write(again);
        assertEquals(Files.readString(f), Files.readString(again));
    }

    @Test
    void anOkResultIsWrittenInTheDocumentedOrderAndReadsBackToTheSameBytes() throws IOException {
        RunResult r = ok();
        Path f = dir.resolve("moons__ts__seed3.json");
        r.write(f);
        JsonNode json = MAPPER.readTree(f.toFile());
        assertEquals(List.of("format", "suite", "run_id", "seed", "fingerprint", "config", "dataset", "method",
                "provenance", "bins", "status", "test_samples", "metrics", "variants", "sweeps", "uncertainty_grid",
                "extras", "training_curve", "timings"), names(json));
        assertEquals(List.of("method", "dataset", "seed", "bins", "test_samples"), names(json.get("config")));
        assertFalse(json.get("sweeps").get(0).has("scale"), "a linear sweep says nothing");
        assertEquals("log_one_minus", json.get("sweeps").get(1).get("scale").asText());
        assertEquals(dev.credence.core.spi.Sweep.Scale.LOG_ONE_MINUS, RunResult.read(f).scored().sweeps().get(1).scale());
        assertTrue(json.get("config").get("test_samples").isNull(), "S is null, not missing, when each method has its own");
        assertEquals(List.of("source", "params", "imbalance", "test_fraction", "validation_fraction", "standardize",
                "content_sha256"), names(json.get("config").get("dataset")));
        assertEquals(List.of("name", "source", "params", "imbalance", "test_fraction", "validation_fraction",
                "standardize", "data_seed", "features", "class_names", "class_counts", "realised_ratio"),
                names(json.get("dataset")));
        assertEquals(1.25, json.get("dataset").get("realised_ratio").doubleValue(), "5 / 4, no validation part");
        assertEquals(List.of("name", "method", "description", "method_seed", "own_seed", "base", "params"),
                names(json.get("method")));
        assertEquals(List.of("accuracy", "auroc_misclassification", "bins", "n", "num_classes", "per_class",
                "reliability", "selective", "entropy_histogram"), names(json.get("metrics")));
        assertEquals(List.of("score", "coverage", "count", "accuracy"), names(json.get("metrics").get("selective")));
        assertEquals(List.of("bins", "max_entropy", "correct", "wrong"), names(json.get("metrics").get("entropy_histogram")));
        assertEquals(List.of("resolution", "samples", "features", "max_entropy", "x", "y", "entropy",
                "mutual_information", "points", "points_total"), names(json.get("uncertainty_grid")));
        JsonNode points = json.get("sweeps").get(0).get("points");
        assertTrue(points.get(0).get("value").isIntegralNumber(), "an integral axis value is written as one");
        assertFalse(points.get(0).has("headline"));
        assertEquals(2.5, points.get(1).get("value").doubleValue());
        assertTrue(points.get(1).get("headline").booleanValue());
        assertEquals(List.of("axis", "description", "points"), names(json.get("sweeps").get(0)),
                "a linear axis writes no scale");
        assertEquals(List.of("axis", "description", "scale", "points"), names(json.get("sweeps").get(1)));
        assertEquals("log_one_minus", json.get("sweeps").get(1).get("scale").asText());
        assertEquals(List.of("epoch", "loss"), names(json.get("training_curve").get(0)));
        assertEquals(r.fingerprint(), json.get("fingerprint").asText());
        assertEquals(Fingerprint.of(json.get("config")), r.config().fingerprint(), "the fingerprint is of the config as written");

        RunResult back = RunResult.read(f);
        Path again = dir.resolve("again.json");
        back.write(again);
        assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(again));
        assertEquals(0.75, back.metrics().metric("accuracy"));
        assertNull(back.metrics().metric("auroc_misclassification"), "an undefined metric reads as null");
        assertEquals("map", back.config().method().base().implementation());
        assertEquals("4.3.2", back.tribuoVersion().orElseThrow());
        assertTrue(back.isCurrent(r.fingerprint()));
        assertEquals(List.of(dev.credence.core.spi.Sweep.Scale.LINEAR, dev.credence.core.spi.Sweep.Scale.LOG_ONE_MINUS),
                back.scored().sweeps().stream().map(RunResult.SweepResult::scale).toList());
    }

    @Test
    void aClassOrderAndATestProfileEnterTheConfigOnlyWhenGiven() throws IOException {
        RunConfig plain = config();
        RunConfig.DatasetConfig d = plain.dataset();
        RunConfig ranked = new RunConfig(plain.method(), new RunConfig.DatasetConfig(d.source(), d.params(), "longtail(10)",
                "official test set", null, d.validationFraction(), d.standardize(), null, d.contentSha256(),
                List.of("b", "a"), "train"), plain.seed(), plain.bins(), plain.testSamples());
        JsonNode json = RunResultJson.config(ranked).get("dataset");
        assertEquals(List.of("source", "params", "imbalance", "class_order", "test_source", "test_profile",
                "validation_fraction", "standardize", "content_sha256"), names(json));
        assertEquals("[\"b\",\"a\"]", json.get("class_order").toString());
        assertEquals("train", json.get("test_profile").asText());
        assertFalse(RunResultJson.config(plain).get("dataset").has("class_order"));
        assertFalse(RunResultJson.config(plain).get("dataset").has("test_profile"));

        RunResult r = RunResult.ok(new RunResult.Identity("s", "moons__ts__seed3", 3, ranked, "moons", "ts"), ok().dataset().prepared(),
                ok().method(), ok().provenance(), ok().scored(), ok().timings());
        Path f = dir.resolve("ranked.json");
        r.write(f);
        RunResult back = RunResult.read(f);
        assertEquals(List.of("b", "a"), back.config().dataset().classOrder());
        assertEquals("train", back.config().dataset().testProfile());
        assertEquals(List.of("b", "a"), back.dataset().config().classOrder(), "the result's dataset part repeats them");
        assertEquals(ranked.fingerprint(), back.config().fingerprint());
        RunConfig sameWithoutOrder = new RunConfig(plain.method(), new RunConfig.DatasetConfig(d.source(), d.params(),
                "longtail(10)", "official test set", null, d.validationFraction(), d.standardize(), null,
                d.contentSha256(), null, "train"), plain.seed(), plain.bins(), plain.testSamples());
        assertFalse(back.isCurrent(sameWithoutOrder.fingerprint()),
                "a result ranked by class id is not current for a ranking by size");
    }

    @Test
    void divergedAndFailedResultsHaveTheirOwnPartOnly() throws IOException {
        RunResult.Method m = new RunResult.Method("ts", "temperature-scaling", "scales", 7L, 8L, "map", MAPPER.createObjectNode());
        RunResult diverged = RunResult.diverged(identity(), new RunResult.Prepared(42L, 2, List.of("a", "b"),
                new int[] {5, 4}, new int[0], new int[] {2, 2}), m, MAPPER.createObjectNode(),
                new RunResult.Divergence("map", 3, 7, null, "map diverged"), RunResult.Timings.training(0.5));
        JsonNode d = diverged.toJson();
        assertEquals(List.of("format", "suite", "run_id", "seed", "fingerprint", "config", "dataset", "method",
                "provenance", "bins", "status", "divergence", "timings"), names(d));
        assertTrue(d.get("divergence").get("last_finite_loss").isNull());
        assertEquals(List.of("train_seconds"), names(d.get("timings")));

        RunResult failed = RunResult.failed(identity(), new RunResult.Failure("base 'map' failed", "input"));
        JsonNode f = failed.toJson();
        assertEquals(List.of("format", "suite", "run_id", "seed", "fingerprint", "config", "dataset", "method", "status",
                "error"), names(f));
        assertEquals(List.of("name", "method"), names(f.get("method")));
        assertEquals("temperature-scaling", f.get("method").get("method").asText());
        assertFalse(f.get("dataset").has("content_sha256"), "the digests are in the config only");
        for (RunResult r : List.of(diverged, failed)) {
            Path file = dir.resolve(r.status().json() + ".json");
            r.write(file);
            Path again = dir.resolve(r.status().json() + "-again.json");
            RunResult.read(file).write(again);
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again), r.status().json());
        }
        assertThrows(IllegalArgumentException.class, () -> new RunResult(RunResult.FORMAT, "s", "x", 0, null, null,
                failed.dataset(), failed.method(), null, null, RunResult.Status.OK, null, null, null, null),
                "an ok result without its scored part");
    }

    @Test
    void theCommittedLegacyResultsReadWithTheirPruningLevelsAsTheSweep() throws IOException {
        // four results of the FMNIST-LT suite as they were committed in credence-run/1, before its rerun
        Path folder = Path.of("src", "test", "resources", "legacy-credence-run-1");
        int read = 0;
        int pruned = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*__*.json")) {
            for (Path p : ds) {
                RunResult r = RunResult.read(p);
                read++;
                assertEquals(RunResult.LEGACY_FORMAT, r.format());
                assertNull(r.config(), "that format had no configuration");
                if (!r.method().implementation().equals("pruned-bbb")) {
                    assertTrue(r.scored() == null || r.scored().sweeps().isEmpty(), p.toString());
                    continue;
                }
                pruned++;
                RunResult.SweepResult s = r.scored().sweeps().get(0);
                assertEquals(PruningExtras.AXIS, s.axis());
                assertEquals(List.of(0.0, 0.5, 0.75, 0.9, 0.95, 0.98), s.points().stream().map(RunResult.SweepPoint::value).toList());
                assertEquals(1, s.points().stream().filter(RunResult.SweepPoint::headline).count(), p.toString());
                assertTrue(r.scored().variants().isEmpty(), "the prune=<f> variants became the sweep");
                assertEquals(238800, r.scored().keptWeights(PruningExtras.AXIS, 0.5));
                assertNull(r.scored().keptWeights("members", 0.5), "kept weights belong to the pruning axis");
                assertThrows(IllegalStateException.class, () -> r.write(dir.resolve("x.json")),
                        "an old result is never written back");
            }
        }
        assertEquals(4, read);
        assertEquals(2, pruned);
    }

    @Test
    void filesThatAreNoResultAreRefusedNamingTheFileAndTheField() throws IOException {
        Path notJson = Files.writeString(dir.resolve("a.json"), "{\"format\": \"credence-run/2\", \"stat");
        assertTrue(assertThrows(CredenceInputException.class, () -> RunResult.read(notJson)).getMessage()
                .startsWith(notJson + ": is not a Credence result file"));
        Path other = Files.writeString(dir.resolve("b.json"), "{\"format\": \"something/1\", \"run_id\": \"b\"}");
        assertThrows(CredenceInputException.class, () -> RunResult.read(other));
        Path status = Files.writeString(dir.resolve("c.json"), "{\"format\": \"credence-run/2\", \"run_id\": \"c\","
                + " \"status\": \"running\"}");
        String m = assertThrows(CredenceInputException.class, () -> RunResult.read(status)).getMessage();
        assertTrue(m.startsWith(status + ": field 'status'"), m);
        Path noId = Files.writeString(dir.resolve("d.json"), "{\"format\": \"credence-run/2\", \"status\": \"ok\"}");
        assertTrue(assertThrows(CredenceInputException.class, () -> RunResult.read(noId)).getMessage()
                .contains("field 'run_id'"));
        assertNull(ResultStore.parse(status), "the store leaves such a file alone as not its own");
    }
}
