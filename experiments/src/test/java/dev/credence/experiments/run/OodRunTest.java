package dev.credence.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.core.CredenceInputException;
import dev.credence.core.spi.Footprint;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.train.TrainingListener;
import dev.credence.datasets.DatasetRegistry;
import dev.credence.experiments.results.RunResult;
import dev.credence.experiments.suite.SuiteLoader;
import dev.credence.experiments.suite.SuiteValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Out-of-distribution sets through whole runs: on the tiny 28×28 IDX fixture of {@link ShiftRunTest} (every image
 * set) and on Gaussian blobs (held-out classes and tabular noise): the metrics per set and score in the result, read
 * back; the scores each predictive has; each set made once for all methods; fingerprints and headline metrics of
 * runs without OOD sets unchanged; the refusals before training.
 */
class OodRunTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BASES = "\"methods\": ["
            + "{\"method\": \"map\", \"params\": {\"hidden\": [8], \"epochs\": 10, \"batch_size\": 16, \"optimizer\": \"adam\", \"learning_rate\": 0.01}},"
            + " {\"method\": \"mc-dropout\", \"params\": {\"hidden\": [8], \"epochs\": 10, \"batch_size\": 16, \"optimizer\": \"adam\", \"learning_rate\": 0.01, \"test_samples\": 4}},";
    /** The image fixture has ten class names and two classes with data, so logit adjustment has no prior there. */
    private static final String IMAGE_METHODS = BASES
            + " {\"name\": \"ts-mcd\", \"method\": \"temperature-scaling\", \"base\": \"mc-dropout\"}]";
    private static final String TABLE_METHODS = BASES
            + " {\"name\": \"la-mcd\", \"method\": \"logit-adjustment\", \"base\": \"mc-dropout\"}]";

    @TempDir
    Path dir;

    private Path imageSuite(String name, String datasetFields) throws IOException {
        Path images = ShiftRunTest.idx(dir, 30, 8);
        return Files.writeString(dir.resolve(name + ".json"), "{\"name\": \"" + name + "\", \"seeds\": [0], \"datasets\": ["
                + "{\"name\": \"tiny\", \"source\": \"fashion-mnist\", \"params\": {\"dir\": \"" + images + "\"},"
                + " \"validation_fraction\": 0.25, \"standardize\": false" + datasetFields + "}], " + IMAGE_METHODS + "}");
    }

    private Path blobSuite(String name, String datasetFields) throws IOException {
        return Files.writeString(dir.resolve(name + ".json"), "{\"name\": \"" + name + "\", \"seeds\": [0], \"datasets\": ["
                + "{\"name\": \"blobs\", \"source\": \"blobs\", \"imbalance\": \"longtail(3)\"" + datasetFields + "}], "
                + TABLE_METHODS + "}");
    }

    @Test
    void everyImageSetIsScoredWithTheScoresItsPredictiveHas() throws IOException {
        Path s = imageSuite("ood", ", \"ood\": [\"all\"]");
        Path out = dir.resolve("out");
        SuiteRunTest.Outcome o = SuiteRunTest.cli("run", s.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        List<String> sets = List.of("uniform_noise", "gaussian_noise", "vertical_flip", "inverted", "digits");
        // map: one sample of raw logits; mc-dropout and its temperature scaling: 4 samples of raw logits
        List<String> sampled = List.of("max_probability", "entropy", "mutual_information", "energy", "max_logit");
        for (var c : List.of(
                new Object[]{"map", List.of("max_probability", "entropy", "energy", "max_logit")},
                new Object[]{"mc-dropout", sampled},
                new Object[]{"ts-mcd", sampled})) {
            String method = (String) c[0];
            Path file = out.resolve("tiny__" + method + "__seed0.json");
            RunResult r = RunResult.read(file);
            List<RunResult.OodResult> ood = r.scored().ood();
            assertEquals(sets, ood.stream().map(RunResult.OodResult::set).toList(), method);
            for (RunResult.OodResult set : ood) {
                assertEquals(c[1], List.copyOf(set.scores().keySet()), method + " " + set.set());
                assertEquals(set.set().equals("digits") ? 1797 : 16, set.inputs());
                assertEquals(set.inputs(), java.util.Arrays.stream(set.entropyHistogram()).sum());
                for (RunResult.OodMetrics m : set.scores().values()) {
                    for (double v : new double[]{m.auroc(), m.auprOut(), m.auprIn(), m.fpr95()}) {
                        assertTrue(v >= 0 && v <= 1, method + " " + set.set() + ": " + m);
                    }
                    assertEquals(10, m.flaggedPerClass().size(), "a fraction per class");
                    assertEquals(null, m.flaggedPerClass().get(2), "no test input of class 2");
                }
            }
            JsonNode json = MAPPER.readTree(file.toFile());
            assertEquals("[\"uniform_noise\",\"gaussian_noise\",\"vertical_flip\",\"inverted\",\"digits\"]",
                    json.path("config").path("dataset").path("ood").toString());
            assertTrue(json.path("ood").get(4).path("scores").path("entropy").has("fpr95_flagged_per_class"));
            // the halves of the fixture are easy: a flipped image is still a left/right one, inverted ones are not
            assertTrue(r.scored().metrics().metric("accuracy") > 0.9);
        }
        Path report = dir.resolve("report");
        SuiteRunTest.Outcome built = SuiteRunTest.cli("report", out.toString(), "--out", report.toString());
        assertEquals(0, built.status(), built.err());
        String table = Files.readString(report.resolve("tables/ood_auroc_tiny.md"));
        assertTrue(table.contains("| map | "), table);
        assertTrue(table.contains("digits"), table);
        assertTrue(Files.exists(report.resolve("figures/ood_entropy_tiny.png")));
        assertTrue(Files.exists(report.resolve("figures/ood_per_class_tiny.svg")));
    }


    @Test
    void heldOutClassesAreTheirOwnSetAndLeaveTraining() throws IOException {
        Path s = blobSuite("open", ", \"ood_classes\": [\"blob1\"], \"ood\": [\"all\"]");
        Path out = dir.resolve("out");
        SuiteRunTest.Outcome o = SuiteRunTest.cli("run", s.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        RunResult r = RunResult.read(out.resolve("blobs__map__seed0.json"));
        assertEquals(List.of("blob0", "blob2"), r.dataset().prepared().classNames());
        assertEquals(List.of("held_out_classes", "uniform_noise", "gaussian_noise"),
                r.scored().ood().stream().map(RunResult.OodResult::set).toList());
        assertEquals(50, r.scored().ood().get(0).inputs(), "blob1's share of the 25% test split of 200");
        JsonNode config = MAPPER.readTree(out.resolve("blobs__map__seed0.json").toFile()).path("config").path("dataset");
        assertEquals("[\"blob1\"]", config.path("ood_classes").toString());
        assertEquals(2, r.scored().ood().get(0).scores().get("entropy").flaggedPerClass().size());
        // logit adjustment on a sampled base gives log mean probabilities: no energy or max-logit, and one sample
        RunResult la = RunResult.read(out.resolve("blobs__la-mcd__seed0.json"));
        assertEquals(List.of("max_probability", "entropy"), List.copyOf(la.scored().ood().get(0).scores().keySet()));
        RunResult mcd = RunResult.read(out.resolve("blobs__mc-dropout__seed0.json"));
        assertTrue(mcd.scored().ood().get(1).scores().containsKey("mutual_information"));
    }

    @Test
    void eachSetIsMadeOnceForAllMethodsAndItsMemoryIsCounted() throws IOException {
        Path file = imageSuite("once", ", \"ood\": [\"inverted\", \"digits\"]");
        var validated = new SuiteValidator(MethodRegistry.discover(), DatasetRegistry.standard())
                .validate(file, SuiteLoader.load(file));
        DataCache cache = new DataCache();
        List<PlannedRun> plan = new RunPlanner(cache).plan(validated);
        RunExecutor executor = new RunExecutor(plan, cache);
        List<RunResult> results = new ArrayList<>();
        for (PlannedRun run : plan) {
            results.add(executor.execute(run, TrainingListener.NONE));
        }
        assertEquals(3, results.size());
        assertEquals(2, cache.oodMade(), "one inverted set and one digits set for the three methods");
        assertEquals(2, results.get(2).scored().ood().size());
        var dataset = plan.get(0).dataset();
        var prepared = cache.prepare(dataset, Seeds.of(0).data());
        assertEquals(4L * 16 * 784 + 4L * 1797 * 784, DataCache.oodBytes(prepared, dataset.ood()));
        assertTrue(plan.get(0).heap().bytes(RunBudget.OOD) > DataCache.oodBytes(prepared, dataset.ood()),
                "the sets and the passes over them");
        Footprint huge = Footprint.builder().add(RunBudget.OOD, 1L << 34, "the number of 'ood' sets").build();
        var refused = assertThrows(CredenceInputException.class,
                () -> RunBudget.require(huge, 1L << 33, "dataset 'tiny' × method 'map'"));
        assertTrue(refused.getMessage().contains("out-of-distribution sets, scales with the number of 'ood' sets"),
                refused.getMessage());
    }

    @Test
    void withoutOodSetsFingerprintsAndHeadlineMetricsAreUnchanged() throws IOException {
        // results written before OOD sets existed are still current
        try (Stream<Path> files = Files.list(Path.of("..", "results", "fmnist-lt"))) {
            List<Path> json = files.filter(p -> p.toString().endsWith(".json")).sorted().limit(6).toList();
            assertFalse(json.isEmpty());
            for (Path f : json) {
                RunResult r = RunResult.read(f);
                assertEquals(MAPPER.readTree(f.toFile()).path("fingerprint").asText(), r.config().fingerprint(),
                        f.toString());
            }
        }
        Path plain = imageSuite("plain", "");
        Path out = dir.resolve("out");
        assertEquals(0, SuiteRunTest.cli("run", plain.toString(), "--out", out.toString()).status());
        JsonNode before = MAPPER.readTree(out.resolve("tiny__mc-dropout__seed0.json").toFile());
        assertFalse(before.path("config").path("dataset").has("ood"));
        assertFalse(before.path("config").path("dataset").has("ood_classes"));
        assertFalse(before.has("ood"));

        Path asked = Files.writeString(dir.resolve("plain.json"), Files.readString(plain)
                .replace("\"standardize\": false", "\"standardize\": false, \"ood\": [\"inverted\"]"));
        SuiteRunTest.Outcome o = SuiteRunTest.cli("run", asked.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode after = MAPPER.readTree(out.resolve("tiny__mc-dropout__seed0.json").toFile());
        assertNotEquals(before.path("fingerprint"), after.path("fingerprint"), "asking for OOD sets redoes the run");
        assertEquals(1, after.path("ood").size());
        // the headline pass that also gives the OOD scores gives the same samples, so the same metrics, bit for bit
        assertEquals(before.path("metrics"), after.path("metrics"));
    }

    @Test
    void badOodFieldsAreOneLineErrorsBeforeTraining() throws IOException {
        record Case(Path suite, String message) {
        }
        for (Case c : List.of(
                new Case(imageSuite("b1", ", \"ood\": [\"digit\"]"), "field 'ood': unknown OOD set 'digit'; did you mean 'digits'? valid for 'fashion-mnist': uniform_noise, gaussian_noise, vertical_flip, inverted, digits, all"),
                new Case(blobSuite("b2", ", \"ood\": [\"vertical_flip\"]"), "field 'ood': 'vertical_flip' applies to 28×28 greyscale images, and 'blobs' is tabular; valid for 'blobs': uniform_noise, gaussian_noise, all"),
                new Case(blobSuite("b3", ", \"ood_classes\": [\"blob7\"]"), "field 'ood_classes': 'blob7' is not a class; classes: blob0, blob1, blob2"),
                new Case(blobSuite("b4", ", \"ood_classes\": [\"blob0\", \"blob1\"]"), "at least two must remain"),
                new Case(imageSuite("b5", ", \"ood\": \"all\""), "ood"))) {
            Path outDir = dir.resolve("out-" + c.suite().getFileName());
            SuiteRunTest.Outcome o = SuiteRunTest.cli("run", c.suite().toString(), "--out", outDir.toString());
            assertEquals(2, o.status(), c.message() + ": " + o.err());
            assertTrue(o.err().contains(c.message()), o.err());
            assertEquals(1, o.err().strip().lines().count(), o.err());
            assertFalse(Files.exists(outDir.resolve("tiny__map__seed0.json")));
            assertFalse(Files.exists(outDir.resolve("blobs__map__seed0.json")));
        }
    }
}
