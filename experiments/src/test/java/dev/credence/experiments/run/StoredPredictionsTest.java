package dev.credence.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.experiments.metrics.ProbabilisticPredictions;
import dev.credence.experiments.naming.FileNames;
import dev.credence.experiments.results.PredictionsFile;
import dev.credence.experiments.results.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A suite with {@code store_predictions}: the files, re-scoring them, redoing a run whose file is missing. */
class StoredPredictionsTest {
    @TempDir
    Path dir;

    private Path suite(boolean store) throws IOException {
        Path f = dir.resolve("tiny.json");
        Files.writeString(f, "{\"name\": \"tiny\", \"seeds\": [0, 1], " + (store ? "\"store_predictions\": true, " : "")
                + "\"datasets\": [{\"name\": \"moons\", \"source\": \"two-moons\", \"params\": {\"counts\": [150, 150],"
                + " \"noise\": 0.2}, \"imbalance\": \"step(0.5,5)\"}], \"methods\": [" + SuiteRunTest.MAP + ","
                + "{\"name\": \"drop\", \"method\": \"mc-dropout\", \"params\": {\"hidden\": [16], \"epochs\": 5, \"batch_size\": 16,"
                + " \"test_samples\": 4}}]}");
        return f;
    }

    @Test
    void storedPredictionsReproduceTheRunAndAMissingFileIsRedone() throws IOException {
        Path out = dir.resolve("out");
        Path foreign = dir.resolve("out").resolve("notes.predictions.gz");
        SuiteRunTest.Outcome off = SuiteRunTest.cli("run", suite(false).toString(), "--out", out.toString());
        assertEquals(0, off.status(), off.err());
        assertFalse(Files.exists(out.resolve(FileNames.predictions("moons__map__seed0"))), "off by default");
        Files.writeString(foreign, "a user's file");
        JsonNode before = SuiteRunTest.withoutTimings(out.resolve("moons__drop__seed1.json"));

        SuiteRunTest.Outcome on = SuiteRunTest.cli("run", suite(true).toString(), "--out", out.toString());
        assertEquals(0, on.status(), on.err());
        assertEquals("a user's file", Files.readString(foreign), "a file the harness did not write is left alone");
        for (String id : new String[] {"moons__map__seed0", "moons__map__seed1", "moons__drop__seed0", "moons__drop__seed1"}) {
            Path file = out.resolve(id + ".predictions.gz");
            assertTrue(Files.isRegularFile(file), "the switch redoes runs without predictions: " + id);
            RunResult r = RunResult.read(out.resolve(id + ".json"));
            PredictionsFile.Stored stored = PredictionsFile.read(file);
            assertEquals(id, stored.runId());
            assertEquals(r.fingerprint(), stored.fingerprint());
            ProbabilisticPredictions p = stored.predictions();
            assertEquals(r.metrics().n(), p.size());
            JsonNode scored = SuiteRunTest.MAPPER.readTree(SuiteRunTest.cli("score", file.toString(), "--bins",
                    String.valueOf(r.bins())).out());
            for (String key : new String[] {"accuracy", "nll", "ece", "brier", "mutual_information"}) {
                assertEquals(r.metrics().metric(key), scored.get(key).asDouble(), 0.0, id + " " + key + " exactly");
            }
            assertEquals(id, scored.get("input").get("run_id").asText());
        }
        assertEquals(before, SuiteRunTest.withoutTimings(out.resolve("moons__drop__seed1.json")),
                "redone for its predictions, the run gives the same result");

        // a missing predictions file: that run alone is redone
        Path gone = out.resolve("moons__map__seed1.predictions.gz");
        byte[] kept = Files.readAllBytes(gone);
        Files.delete(gone);
        SuiteRunTest.Outcome missing = SuiteRunTest.cli("status", out.toString());
        assertTrue(missing.err().contains("; 1 no predictions;"), missing.err());
        SuiteRunTest.Outcome missingBySuite = SuiteRunTest.cli("status", out.toString(), "--suite", suite(true).toString());
        assertTrue(missingBySuite.err().contains("; 1 no predictions;"), missingBySuite.err());
        var otherTime = Files.getLastModifiedTime(out.resolve("moons__map__seed0.json"));
        var redoneTime = Files.getLastModifiedTime(out.resolve("moons__map__seed1.json"));
        SuiteRunTest.Outcome again = SuiteRunTest.cli("run", suite(true).toString(), "--out", out.toString());
        assertEquals(0, again.status(), again.err());
        assertArrayEquals(kept, Files.readAllBytes(gone), "the same predictions, byte for byte");
        assertEquals(otherTime, Files.getLastModifiedTime(out.resolve("moons__map__seed0.json")), "skipped");
        assertFalse(redoneTime.equals(Files.getLastModifiedTime(out.resolve("moons__map__seed1.json"))), "redone");
        assertEquals("a user's file", Files.readString(foreign));
        SuiteRunTest.Outcome status = SuiteRunTest.cli("status", out.toString());
        assertEquals(0, status.status(), status.err() + status.out());
        Path rep = dir.resolve("rep");
        SuiteRunTest.Outcome report = SuiteRunTest.cli("report", out.toString(), "--out", rep.toString());
        assertEquals(0, report.status(), report.err());
        String md = Files.readString(rep.resolve("REPORT.md"));
        assertTrue(md.contains("### Intervals over test examples"), md);
        String csv = Files.readString(rep.resolve("tables/examples.csv"));
        assertTrue(csv.startsWith("dataset,method,runs_with_predictions,accuracy_examples_half,accuracy_seeds_half,"), csv);
        assertTrue(csv.contains("\r\nmoons,map,2,"), csv);
    }
}
