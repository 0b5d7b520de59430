package dev.credence.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.experiments.results.Fingerprint;
import dev.credence.experiments.results.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Imbalance profiles through whole runs: classes ranked by size (so the natural majority of an ionosphere-shaped file,
 * whose labels sort the minority first, stays the training majority), an explicit class order, the long-tailed test
 * condition, the realised ratio, and the fingerprints that keep a result of the old ranking from counting as current.
 */
class ImbalanceProfileRunTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    /** @return two separated classes, bad 40 and good 80 rows (the labels sort the minority first, as ionosphere's) */
    private Path data() throws IOException {
        StringBuilder sb = new StringBuilder("x,y,label\n");
        java.util.Random r = new java.util.Random(11);
        for (int i = 0; i < 120; i++) {
            int k = i % 3 == 0 ? 0 : 1;
            sb.append(String.format(Locale.ROOT, "%.5f,%.5f,%s%n", 2 * k + r.nextGaussian() * 0.5, r.nextGaussian(),
                    k == 0 ? "bad" : "good"));
        }
        return Files.writeString(dir.resolve("iono.csv"), sb.toString());
    }

    private Path suite(String datasets) throws IOException {
        return Files.writeString(dir.resolve("s.json"), "{\"name\": \"p\", \"seeds\": [0], \"datasets\": [" + datasets
                + "], \"methods\": [{\"method\": \"map\", \"params\": {\"hidden\": [4], \"epochs\": 3, \"batch_size\": 16}}]}");
    }

    private JsonNode json(String dataset) throws IOException {
        return MAPPER.readTree(dir.resolve("out").resolve(dataset + "__map__seed0.json").toFile());
    }

    private static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asInt();
        }
        return out;
    }

    @Test
    void rankingClassOrderTestProfileAndRealisedRatioEnterTheResults() throws IOException {
        Path csv = data();
        String entry = "\"source\": \"csv:" + csv + "\", \"imbalance\": \"longtail(4)\", \"validation_fraction\": 0";
        Path s = suite("{\"name\": \"iono\", " + entry + "},"
                + "{\"name\": \"iono-label-order\", " + entry + ", \"class_order\": [\"bad\", \"good\"]},"
                + "{\"name\": \"iono-lt-test\", " + entry + ", \"test_profile\": \"train\"}");
        Path out = dir.resolve("out");
        SuiteRunTest.Outcome o = SuiteRunTest.cli("run", s.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());

        // by size: good (60 after the test split) keeps all, bad floor(60 / 4) = 15
        JsonNode bySize = json("iono");
        assertEquals("[\"good\",\"bad\"]", bySize.path("config").path("dataset").path("class_order").toString());
        assertArrayEquals(new int[] {15, 60}, ints(bySize.path("dataset").path("class_counts").path("train")));
        assertArrayEquals(new int[] {10, 20}, ints(bySize.path("dataset").path("class_counts").path("test")));
        assertEquals(4.0, bySize.path("dataset").path("realised_ratio").doubleValue());

        // label order is the class id order: not recorded, as before ranking by size; n_max stays the largest class
        JsonNode labelOrder = json("iono-label-order");
        assertFalse(labelOrder.path("config").path("dataset").has("class_order"));
        assertArrayEquals(new int[] {30, 15}, ints(labelOrder.path("dataset").path("class_counts").path("train")));
        assertEquals(2.0, labelOrder.path("dataset").path("realised_ratio").doubleValue());

        // the long-tailed test condition: the same training part, the test set subsampled with its ranking
        JsonNode ltTest = json("iono-lt-test");
        assertEquals("train", ltTest.path("config").path("dataset").path("test_profile").asText());
        assertEquals("train", ltTest.path("dataset").path("test_profile").asText());
        assertArrayEquals(new int[] {15, 60}, ints(ltTest.path("dataset").path("class_counts").path("train")));
        assertArrayEquals(new int[] {5, 20}, ints(ltTest.path("dataset").path("class_counts").path("test")));
        assertEquals(25, ltTest.path("metrics").path("n").asInt());
        assertFalse(bySize.path("config").path("dataset").has("test_profile"));

        List<String> fingerprints = List.of(bySize.path("fingerprint").asText(), labelOrder.path("fingerprint").asText(),
                ltTest.path("fingerprint").asText());
        assertEquals(3, fingerprints.stream().distinct().count(), fingerprints.toString());

        SuiteRunTest.Outcome status = SuiteRunTest.cli("status", out.toString(), "--suite", s.toString());
        assertTrue(status.err().contains("3 of 3 runs done"), status.err());

        // a result made under the alphabetical ranking had no class_order in its config: it is stale now
        Path file = out.resolve("iono__map__seed0.json");
        ObjectNode old = (ObjectNode) MAPPER.readTree(file.toFile());
        ((ObjectNode) old.path("config").path("dataset")).remove("class_order");
        ((ObjectNode) old.path("dataset")).remove("class_order");
        old.put("fingerprint", Fingerprint.of(old.path("config")));
        Files.write(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(old));
        assertNotEquals(bySize.path("fingerprint").asText(), old.path("fingerprint").asText());
        status = SuiteRunTest.cli("status", out.toString(), "--suite", s.toString());
        assertTrue(status.err().contains("2 of 3 runs done; 1 stale"), status.err());
        assertEquals(4.0, RunResult.read(file).dataset().prepared().realisedRatio());

        // the report shows the realised ratio and keeps the long-tailed test condition apart
        Path report = dir.resolve("report");
        SuiteRunTest.Outcome r = SuiteRunTest.cli("report", out.toString(), "--out", report.toString());
        assertEquals(0, r.status(), r.err());
        String md = Files.readString(report.resolve("REPORT.md"));
        assertTrue(md.contains("| ρ | realised ρ |"), md);
        assertTrue(md.contains("| iono-label-order | csv:" + csv + " | longtail(4) | 4 | 2 |"), md);
        assertTrue(md.contains("The test part of iono-lt-test is a long-tailed subsample of the test set"), md);
    }

    @Test
    void aClassOrderThatIsNotTheDatasClassesStopsTheSuiteBeforeTraining() throws IOException {
        Path csv = data();
        Path s = suite("{\"name\": \"iono\", \"source\": \"csv:" + csv + "\", \"imbalance\": \"longtail(4)\","
                + " \"class_order\": [\"good\", \"Bad\"]}");
        SuiteRunTest.Outcome o = SuiteRunTest.cli("run", s.toString(), "--out", dir.resolve("out").toString());
        assertEquals(2, o.status(), o.err());
        String line = o.err().strip();
        assertFalse(line.contains("\n"), line);
        assertTrue(line.contains("dataset 'iono': field 'class_order' lists 'Bad', which is not a class of the data;"
                + " its classes are 'bad', 'good'"), line);
        Path out = dir.resolve("out");
        if (Files.exists(out)) {
            try (var files = Files.list(out)) {
                assertTrue(files.noneMatch(f -> f.toString().endsWith(".json")), "no run was trained");
            }
        }
    }
}
