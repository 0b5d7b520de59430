package dev.credence.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.experiments.results.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shifted test sets through whole runs on a tiny 28×28 IDX fixture read by the Fashion-MNIST loader: the metrics per
 * shift and level in the result, read back; one shifted set made per (dataset, seed, shift, level) for all methods;
 * the fingerprint that keeps a result without the shifts from counting; the refusals before training.
 */
class ShiftRunTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    /** Writes n images per class: class 0 bright on the left half, class 1 on the right, with seeded noise. */
    static Path idx(Path dir, int trainPerClass, int testPerClass) throws IOException {
        Path d = Files.createDirectories(dir.resolve("idx"));
        java.util.Random r = new java.util.Random(5);
        for (String part : List.of("train", "t10k")) {
            int n = 2 * (part.equals("train") ? trainPerClass : testPerClass);
            byte[] pixels = new byte[n * 784];
            byte[] labels = new byte[n];
            for (int i = 0; i < n; i++) {
                int k = i % 2;
                labels[i] = (byte) k;
                for (int p = 0; p < 784; p++) {
                    boolean lit = (p % 28 < 14) == (k == 0);
                    pixels[i * 784 + p] = (byte) Math.min(255, (lit ? 150 : 20) + r.nextInt(60));
                }
            }
            Files.write(d.resolve(part + "-images-idx3-ubyte"), file(3, new int[]{n, 28, 28}, pixels));
            Files.write(d.resolve(part + "-labels-idx1-ubyte"), file(1, new int[]{n}, labels));
        }
        return d;
    }

    private static byte[] file(int rank, int[] dims, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x0800 | rank);
            for (int v : dims) {
                out.writeInt(v);
            }
            out.write(payload);
        }
        return bytes.toByteArray();
    }

    private Path suite(String name, String datasetFields) throws IOException {
        Path images = idx(dir, 30, 8);
        return Files.writeString(dir.resolve(name + ".json"), "{\"name\": \"" + name + "\", \"seeds\": [0], \"datasets\": ["
                + "{\"name\": \"tiny\", \"source\": \"fashion-mnist\", \"params\": {\"dir\": \"" + images + "\"},"
                + " \"validation_fraction\": 0.25, \"standardize\": false" + datasetFields + "}],"
                + " \"methods\": [{\"method\": \"map\", \"params\": {\"hidden\": [8], \"epochs\": 10, \"batch_size\": 16, \"optimizer\": \"adam\", \"learning_rate\": 0.01}},"
                + " {\"name\": \"map-ts\", \"method\": \"temperature-scaling\", \"base\": \"map\"}]}");
    }

    /** @return the plan of a suite file, its data prepared through {@code cache} */
    private static List<PlannedRun> plan(Path file, DataCache cache) throws IOException {
        var validated = new dev.credence.experiments.suite.SuiteValidator(dev.credence.core.spi.MethodRegistry.discover(),
                dev.credence.datasets.DatasetRegistry.standard()).validate(file,
                dev.credence.experiments.suite.SuiteLoader.load(file));
        return new RunPlanner(cache).plan(validated);
    }

    @Test
    void everyShiftAndLevelIsScoredWrittenAndReadBack() throws IOException {
        Path s = suite("shifted", ", \"shifts\": [\"rotation\", \"gaussian_noise\"], \"shift_severities\": [1, 5]");
        Path out = dir.resolve("out");
        SuiteRunTest.Outcome o = SuiteRunTest.cli("run", s.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        for (String method : List.of("map", "map-ts")) {
            Path file = out.resolve("tiny__" + method + "__seed0.json");
            RunResult r = RunResult.read(file);
            List<RunResult.ShiftResult> shifts = r.scored().shifts();
            assertEquals(13 + 2, shifts.size(), method);
            assertEquals("rotation", shifts.get(0).shift());
            assertEquals(0, shifts.get(0).level());
            assertEquals(180, shifts.get(12).level());
            assertEquals("gaussian_noise", shifts.get(13).shift());
            assertEquals(5, shifts.get(14).level());
            // rotation by 0 is the test part itself: the same metrics as the headline
            assertEquals(r.scored().metrics().values(), r.scored().shifted("rotation", 0).values());
            RunResult.Metrics turned = r.scored().shifted("rotation", 90);
            assertNotNull(turned.metric("accuracy"));
            assertEquals(16, turned.n());
            assertNotNull(turned.reliability(), "the full metric table, reliability bins included");
            RunResult.Metrics flipped = r.scored().shifted("rotation", 180);
            assertTrue(r.scored().metrics().metric("accuracy") > 0.9, "the halves are easy to tell apart: " + r.scored().metrics().metric("accuracy"));
            assertTrue(flipped.metric("accuracy") < 0.1, "turned by 180°, left is right: " + flipped.metric("accuracy"));
            JsonNode json = MAPPER.readTree(file.toFile());
            assertEquals("[\"rotation\",\"gaussian_noise\"]", json.path("config").path("dataset").path("shifts").toString());
            assertEquals("[1,5]", json.path("config").path("dataset").path("shift_severities").toString());
            assertEquals(15, json.path("shifts").size());
            assertEquals(90, json.path("shifts").get(6).path("level").asInt());
        }
        Path report = dir.resolve("report");
        SuiteRunTest.Outcome built = SuiteRunTest.cli("report", out.toString(), "--out", report.toString());
        assertEquals(0, built.status(), built.err());
        String table = Files.readString(report.resolve("tables/shifts_tiny.md"));
        assertTrue(table.contains("| tiny | map-ts | rotation | 180 | 1 |"), table);
        assertTrue(table.contains("| tiny | map | gaussian_noise | 5 | 1 |"), table);
        assertTrue(Files.exists(report.resolve("figures/shift_rotation_tiny.png")));
        assertTrue(Files.exists(report.resolve("figures/shift_severity_tiny.svg")));
    }

    @Test
    void eachShiftedSetIsMadeOnceForAllMethodsOfADatasetAndSeed() throws IOException {
        Path file = suite("once", ", \"shifts\": [\"rotation\", \"elastic_transform\"], \"shift_severities\": [2]");
        DataCache cache = new DataCache();
        List<PlannedRun> plan = plan(file, cache);
        RunExecutor executor = new RunExecutor(plan, cache);
        List<RunResult> results = new java.util.ArrayList<>();
        for (PlannedRun run : plan) {
            results.add(executor.execute(run, dev.credence.core.train.TrainingListener.NONE));
        }
        assertEquals(2, results.size());
        assertEquals(13 + 1, cache.shiftedMade(), "13 angles and one elastic severity, made once for map and map-ts");
        assertEquals(14, results.get(1).scored().shifts().size());

        // their memory: 14 sets × 16 test rows × (784 8-bit pixels + a 4-byte label), all held at once, and the one
        // being scored as float32, 16 × (784 + 1) × 4 bytes, in the budget
        var dataset = plan.get(0).dataset();
        var prepared = cache.prepare(dataset, Seeds.of(0).data());
        long bytes = DataCache.shiftedBytes(prepared, dataset.shifts());
        assertEquals(14L * 16 * (784 + 4) + 16L * 785 * 4, bytes);
        long big = 1L << 34;
        var total = RunBudget.of(dev.credence.core.spi.Footprint.builder().build(), prepared, 0, 1, big);
        var refused = org.junit.jupiter.api.Assertions.assertThrows(dev.credence.core.CredenceInputException.class,
                () -> RunBudget.require(total, 1L << 33, "dataset 'tiny' × method 'map'"));
        assertTrue(refused.getMessage().contains("the largest term, shifted test sets, scales with the number of"
                + " 'shifts' and 'shift_severities'"), refused.getMessage());
    }

    @Test
    void eachScoredSetIsReportedToTheRunsListenerInOrder() throws IOException {
        Path file = suite("told", ", \"shifts\": [\"rotation\", \"elastic_transform\"], \"shift_severities\": [2]");
        DataCache cache = new DataCache();
        List<PlannedRun> plan = plan(file, cache);
        List<String> told = new java.util.ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void onEpochEnd(String method, dev.credence.core.train.EpochRecord record, int totalEpochs) {
            }

            @Override
            public void onSetScored(String set, int index, int count, double seconds) {
                assertTrue(seconds >= 0, set);
                told.add(index + "/" + count + " " + set);
            }
        };
        new RunExecutor(plan, cache).execute(plan.get(0), listener);
        assertEquals(14, told.size(), told.toString());
        assertEquals("1/14 shift rotation angle 0", told.get(0));
        assertEquals("14/14 shift elastic_transform severity 2", told.get(13));
    }

    @Test
    void aDatasetAndItsLongTailedTestTwinKeepTheirShiftedSetsWhileTheirMethodsAlternate() throws IOException {
        Path images = idx(dir, 30, 8);
        String entry = "\"source\": \"fashion-mnist\", \"params\": {\"dir\": \"" + images + "\"}, \"imbalance\":"
                + " \"longtail(2)\", \"validation_fraction\": 0.25, \"standardize\": false, \"shifts\": [\"contrast\"],"
                + " \"shift_severities\": [4]";
        Path file = Files.writeString(dir.resolve("twins.json"), "{\"name\": \"twins\", \"seeds\": [0], \"datasets\": ["
                + "{\"name\": \"own\", " + entry + "}, {\"name\": \"lt\", " + entry + ", \"test_profile\": \"train\"}],"
                + " \"methods\": [{\"method\": \"map\", \"params\": {\"hidden\": [8], \"epochs\": 2, \"batch_size\": 16}},"
                + " {\"name\": \"map-ts\", \"method\": \"temperature-scaling\", \"base\": \"map\"}]}");
        DataCache cache = new DataCache();
        List<PlannedRun> plan = plan(file, cache);
        assertEquals(List.of("own", "lt", "own", "lt"), plan.stream().map(p -> p.dataset().name()).toList(),
                "the twins' runs alternate, method by method");
        RunExecutor executor = new RunExecutor(plan, cache);
        List<RunResult> results = new java.util.ArrayList<>();
        for (PlannedRun run : plan) {
            results.add(executor.execute(run, dev.credence.core.train.TrainingListener.NONE));
        }
        assertEquals(2, cache.shiftedMade(), "one contrast set per dataset, for both methods");
        assertEquals(16, results.get(0).scored().shifts().get(0).metrics().n());
        assertTrue(results.get(1).scored().shifts().get(0).metrics().n() < 16, "the twin's test part is long-tailed");
    }

    @Test
    void theShiftsEnterTheFingerprintOnlyWhenGiven() throws IOException {
        Path plain = suite("plain", "");
        Path out = dir.resolve("out");
        assertEquals(0, SuiteRunTest.cli("run", plain.toString(), "--out", out.toString()).status());
        JsonNode before = MAPPER.readTree(out.resolve("tiny__map__seed0.json").toFile());
        assertFalse(before.path("config").path("dataset").has("shifts"));
        assertFalse(before.has("shifts"));

        // the same suite asking for a shift: the stored result lacks its metrics, so it is not current and is redone
        Path shifted = Files.writeString(dir.resolve("plain.json"), Files.readString(plain)
                .replace("\"standardize\": false", "\"standardize\": false, \"shifts\": [\"contrast\"]"));
        SuiteRunTest.Outcome o = SuiteRunTest.cli("run", shifted.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode after = MAPPER.readTree(out.resolve("tiny__map__seed0.json").toFile());
        assertNotEquals(before.path("fingerprint"), after.path("fingerprint"));
        assertEquals(5, after.path("shifts").size());
        assertFalse(before.path("config").path("dataset").has("shift_definition"), "only runs with shifts record it");
        assertEquals(2, after.path("config").path("dataset").path("shift_definition").asInt());

        // a result made under definition 1 (float32 image shifts, no shift_definition) is not current: it is redone
        com.fasterxml.jackson.databind.node.ObjectNode old = (com.fasterxml.jackson.databind.node.ObjectNode) after.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) old.path("config").path("dataset")).remove("shift_definition");
        old.put("fingerprint", dev.credence.experiments.results.Fingerprint.of(old.path("config")));
        Files.writeString(out.resolve("tiny__map__seed0.json"), MAPPER.writeValueAsString(old));
        o = SuiteRunTest.cli("run", shifted.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode redone = MAPPER.readTree(out.resolve("tiny__map__seed0.json").toFile());
        assertNotEquals(old.path("fingerprint"), after.path("fingerprint"));
        assertEquals(after.path("fingerprint"), redone.path("fingerprint"));
        assertEquals(2, redone.path("config").path("dataset").path("shift_definition").asInt());
    }

    @Test
    void badShiftsAreOneLineErrorsBeforeTraining() throws IOException {
        record Case(String fields, String message) {
        }
        for (Case c : List.of(
                new Case(", \"shifts\": [\"gausian_noise\"]", "field 'shifts': unknown shift 'gausian_noise'; did you mean 'gaussian_noise'? valid for 'fashion-mnist': rotation, gaussian_noise, shot_noise, impulse_noise, gaussian_blur, contrast, brightness, pixelate, elastic_transform, translation, all"),
                new Case(", \"shifts\": [\"feature_noise\"]", "field 'shifts': 'feature_noise' applies to tabular data, and 'fashion-mnist' is an image dataset; valid for 'fashion-mnist': rotation, gaussian_noise"),
                new Case(", \"shifts\": [\"contrast\"], \"shift_severities\": [0, 3]", "field 'shift_severities' must hold distinct integers in [1, 5], got [0, 3]"),
                new Case(", \"shift_severities\": [2]", "field 'shift_severities' is given without 'shifts'"),
                new Case(", \"shifts\": []", "field 'shifts' is empty; give shift names or \"all\""),
                new Case(", \"shifts\": [\"all\", \"contrast\"]", "field 'shifts': \"all\" stands alone"))) {
            Path s = suite("bad", c.fields());
            SuiteRunTest.Outcome o = SuiteRunTest.cli("run", s.toString(), "--out", dir.resolve("out-bad").toString());
            assertEquals(2, o.status(), c.fields() + ": " + o.err());
            assertTrue(o.err().contains(c.message()), c.fields() + ": " + o.err());
            assertTrue(o.err().contains("datasets[0] (tiny)"), o.err());
            assertFalse(Files.exists(dir.resolve("out-bad").resolve("tiny__map__seed0.json")));
        }
        Path standardized = Files.writeString(dir.resolve("std.json"), Files.readString(suite("std", ", \"shifts\": [\"all\"]"))
                .replace("\"standardize\": false", "\"standardize\": true"));
        SuiteRunTest.Outcome o = SuiteRunTest.cli("run", standardized.toString(), "--out", dir.resolve("out-std").toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains("set \"standardize\": false"), o.err());
    }

    @Test
    void rotationOnTabularDataIsRefused() throws IOException {
        Path s = Files.writeString(dir.resolve("t.json"), "{\"name\": \"t\", \"seeds\": [0], \"datasets\": ["
                + "{\"source\": \"two-moons\", \"shifts\": [\"rotation\"]}],"
                + " \"methods\": [{\"method\": \"map\"}]}");
        SuiteRunTest.Outcome o = SuiteRunTest.cli("run", s.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains("field 'shifts': 'rotation' applies to 28×28 greyscale images, and 'two-moons' is"
                + " tabular; valid for 'two-moons': feature_noise, feature_scaling, all"), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
    }

    @Test
    void tabularShiftsRunOnTwoMoons() throws IOException {
        Path s = Files.writeString(dir.resolve("t.json"), "{\"name\": \"t\", \"seeds\": [0], \"datasets\": ["
                + "{\"source\": \"two-moons\", \"shifts\": \"all\"}],"
                + " \"methods\": [{\"method\": \"map\", \"params\": {\"hidden\": [8], \"epochs\": 2}}]}");
        SuiteRunTest.Outcome o = SuiteRunTest.cli("run", s.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, o.status(), "\"all\" goes in a list");
        Files.writeString(s, Files.readString(s).replace("\"shifts\": \"all\"", "\"shifts\": [\"all\"]"));
        o = SuiteRunTest.cli("run", s.toString(), "--out", dir.resolve("o").toString());
        assertEquals(0, o.status(), o.err());
        RunResult r = RunResult.read(dir.resolve("o").resolve("two-moons__map__seed0.json"));
        assertEquals(10, r.scored().shifts().size());
        double mild = r.scored().shifted("feature_noise", 1).metric("nll");
        double heavy = r.scored().shifted("feature_noise", 5).metric("nll");
        assertTrue(heavy > mild, heavy + " vs " + mild);
    }
}
