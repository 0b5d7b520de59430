package dev.credence.experiments.run;

import dev.credence.experiments.results.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Researchers' own CSV files through a whole run: awkward but valid data runs; bad data stops with one line. */
class DataInputRunTest {

    @TempDir
    Path dir;

    /** Three well-separated classes in 2-D plus a constant column and an optional huge offset. */
    Path csv(String name, String[] classes, int perClass, double scale) throws IOException {
        StringBuilder sb = new StringBuilder("x,y,constant,label\n");
        java.util.Random r = new java.util.Random(name.hashCode());
        for (String c : classes) {
            int k = c.charAt(0) - 'a';
            for (int i = 0; i < perClass; i++) {
                sb.append(String.format(Locale.ROOT, "%.6f,%.6f,7,%s%n", scale * (3 * k + r.nextGaussian() * 0.3),
                        scale * (k % 2 + r.nextGaussian() * 0.3), c));
            }
        }
        return Files.writeString(dir.resolve(name), sb.toString());
    }

    SuiteRunTest.Outcome run(String dataset) throws IOException {
        Path suite = Files.writeString(dir.resolve("s.json"), "{\"name\": \"d\", \"seeds\": [0], \"datasets\": [" + dataset
                + "], \"methods\": [{\"method\": \"map\", \"params\": {\"hidden\": [8], \"epochs\": 20, \"batch_size\": 16, \"learning_rate\": 0.01}}]}");
        return SuiteRunTest.cli("run", suite.toString(), "--out", dir.resolve("out").toString());
    }

    RunResult result(String name) {
        return RunResult.read(dir.resolve("out").resolve(name + "__map__seed0.json"));
    }

    @Test
    void aTestFileLackingATrainingClassIsScoredWithTheRightLabels() throws IOException {
        Path train = csv("train.csv", new String[]{"a", "b", "c"}, 40, 1);
        Path test = csv("test.csv", new String[]{"a", "c"}, 20, 1);
        SuiteRunTest.Outcome o = run("{\"name\": \"t\", \"source\": \"csv:" + train + "\", \"test_source\": \"csv:" + test + "\"}");
        assertEquals(0, o.status(), o.err());
        RunResult r = result("t");
        assertArrayEquals(new int[] {20, 0, 20}, r.dataset().prepared().testCounts());
        // were 'c' scored as class 1 ('b'), accuracy would collapse to about one half
        assertTrue(r.metrics().metric("accuracy") > 0.95, String.valueOf(r.metrics().metric("accuracy")));
        assertNull(r.metrics().perClass(1).accuracy());
    }

    @Test
    void aTestClassTheTrainingFileLacksStopsTheRun() throws IOException {
        Path train = csv("train.csv", new String[]{"a", "b"}, 40, 1);
        Path test = csv("test.csv", new String[]{"a", "b", "c"}, 20, 1);
        SuiteRunTest.Outcome o = run("{\"name\": \"t\", \"source\": \"csv:" + train + "\", \"test_source\": \"csv:" + test + "\"}");
        assertEquals(2, o.status());
        assertTrue(o.err().contains("error: csv:" + test + ": class 'c' (20 examples) does not occur in the training file"), o.err());
    }

    @Test
    void constantFeaturesAndHugeValuesGiveFiniteMetrics() throws IOException {
        Path huge = csv("huge.csv", new String[]{"a", "b", "c"}, 40, 1e30);
        SuiteRunTest.Outcome o = run("{\"name\": \"h\", \"source\": \"csv:" + huge + "\"}");
        assertEquals(0, o.status(), o.err());
        RunResult.Metrics m = result("h").metrics();
        assertTrue(Double.isFinite(m.values().get("nll")) && m.metric("accuracy") > 0.9, m.values().toString());
    }

    @Test
    void emptyAndBinaryFilesAreOneLineErrors() throws IOException {
        Path empty = Files.write(dir.resolve("empty.csv"), new byte[0]);
        SuiteRunTest.Outcome o = run("{\"name\": \"e\", \"source\": \"csv:" + empty + "\"}");
        assertEquals(2, o.status());
        assertTrue(o.err().startsWith("error: ") && o.err().contains("empty.csv"), o.err());
        assertEquals(1, o.err().lines().filter(l -> l.startsWith("error")).count());
        Path junk = Files.write(dir.resolve("junk.csv"), new byte[]{0, 1, 2, (byte) 0xff, (byte) 0xfe, 10, 0, 0});
        o = run("{\"name\": \"j\", \"source\": \"csv:" + junk + "\"}");
        assertEquals(2, o.status());
        assertTrue(o.err().contains("junk.csv"), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
    }

    @Test
    void csvOptionsReadUciStyleFilesAndEnterTheConfiguration() throws IOException {
        StringBuilder sb = new StringBuilder("colour,x,class\n");
        java.util.Random rng = new java.util.Random(3);
        for (int i = 0; i < 120; i++) {
            int k = i % 2;
            String x = i % 10 == 9 ? "?" : String.format(Locale.ROOT, "%.4f", 3 * k + rng.nextGaussian() * 0.3);
            sb.append(k == 0 ? "red" : "blue").append(',').append(x).append(',').append(k == 0 ? " neg" : "pos ").append('\n');
        }
        Path uci = Files.writeString(dir.resolve("uci.csv"), sb.toString());
        SuiteRunTest.Outcome o = run("{\"name\": \"u\", \"source\": \"csv:" + uci + "\", \"label_column\": \"class\", "
                + "\"missing\": \"drop_rows\", \"categorical\": [\"colour\"]}");
        assertEquals(0, o.status(), o.err());
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("out").resolve("u__map__seed0.json").toFile());
        com.fasterxml.jackson.databind.JsonNode config = json.path("config").path("dataset");
        assertEquals("class", config.path("label_column").asText());
        assertEquals("drop_rows", config.path("missing").asText());
        assertEquals("[\"colour\"]", config.path("categorical").toString());
        assertEquals(12, config.path("rows_dropped").path("source").asInt());
        RunResult r = result("u");
        assertEquals(new dev.credence.experiments.results.RunConfig.CsvReading("class", "drop_rows",
                java.util.List.of("colour"), new dev.credence.experiments.results.RunConfig.RowsDropped(12, null)),
                r.config().dataset().csv());
        assertEquals(java.util.List.of("neg", "pos"), r.dataset().prepared().classNames());
        assertEquals(3, r.dataset().prepared().features(), "colour=blue, colour=red, x");

        o = run("{\"name\": \"u\", \"source\": \"csv:" + uci + "\", \"label_column\": \"class\", \"categorical\": [\"colour\"]}");
        assertEquals(2, o.status());
        assertTrue(o.err().contains("uci.csv: line 11, column 2 (x): missing value ('?')"), o.err());
    }
}
