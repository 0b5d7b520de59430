package dev.credence.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.experiments.report.ReportBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.credence.experiments.run.SuiteRunTest.MAPPER;
import static dev.credence.experiments.run.SuiteRunTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SGLD's step-size candidates, each scored on the test set as the step_size sweep, from the fit into the report. */
class SgldSweepRunTest {
    @TempDir
    Path dir;

    @Test
    void everyStepSizeCandidateIsScoredAndTheChosenOneIsTheRow() throws IOException {
        String suite = "{\"name\": \"s\", \"seeds\": [0], \"datasets\": [{\"name\": \"moons\", \"source\": \"two-moons\","
                + " \"params\": {\"counts\": [80, 80], \"noise\": 0.2}}], \"methods\": [{\"method\": \"sgld\", \"params\":"
                + " {\"hidden\": [8], \"epochs\": 4, \"burn_in_epochs\": 2, \"batch_size\": 32, \"samples\": 4,"
                + " \"step_sizes\": [1e-3, 1e-5, 1e-4]}}]}";
        Path file = Files.writeString(dir.resolve("s.json"), suite);
        Path out = dir.resolve("out");
        SuiteRunTest.Outcome o = cli("run", file.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode r = MAPPER.readTree(out.resolve("moons__sgld__seed0.json").toFile());
        assertEquals(1, r.path("sweeps").size(), r.path("sweeps").toString());
        JsonNode sweep = r.path("sweeps").get(0);
        assertEquals("step_size", sweep.path("axis").asText());
        assertEquals("log", sweep.path("scale").asText());
        List<Double> values = new ArrayList<>();
        sweep.path("points").forEach(p -> values.add(p.path("value").asDouble()));
        assertEquals(List.of(1e-5, 1e-4, 1e-3), values);
        double chosen = r.path("extras").path("step_size").asDouble();
        JsonNode headline = CompositionRunTest.point(r, "step_size", chosen);
        assertTrue(headline.path("headline").asBoolean(), "the chosen step size is the headline");
        assertEquals(r.path("metrics"), headline.path("metrics"), "and gives the row's metrics");
        int others = 0;
        for (JsonNode p : sweep.path("points")) {
            if (p.path("value").asDouble() != chosen) {
                others++;
                assertFalse(p.has("headline"));
                assertTrue(p.path("metrics").has("nll") && p.path("metrics").has("selective"), p.toString());
            }
        }
        assertEquals(2, others);
        assertEquals(3, r.path("extras").path("validation_nll_by_step_size").size());

        Path report = dir.resolve("report");
        ReportBuilder.build(out, "out", report, "report");
        assertTrue(Files.isRegularFile(report.resolve("figures/sweep_step_size.png")));
        String csv = Files.readString(report.resolve("tables/sweep_step_size.csv"));
        assertTrue(csv.startsWith("dataset,method,step_size,n,"), csv);
        assertEquals(3, csv.split("\r\nmoons,sgld,", -1).length - 1, csv);
    }
}
