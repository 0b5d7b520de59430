package dev.credence.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.experiments.results.RunResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class SelectivePredictionTest {

    private static final double TOL = 1e-12;

    // i0 (0.9,0.1) y0 right H=0.325; i1 (0.6,0.4) y1 wrong H=0.673; i2 (1,0) y0 right H=0;
    // i3 (0.5,0.5) y0 right (tie -> class 0) H=ln2. Ranked by entropy: i2, i0, i1, i3.
    private static final ProbabilisticPredictions P = ProbabilisticPredictions.fromPointEstimate(new int[] {0, 1, 0, 0},
            new double[][] {{0.9, 0.1}, {0.6, 0.4}, {1.0, 0.0}, {0.5, 0.5}}, 2);

    @Test
    void keepsTheLeastUncertainFirst() {
        List<SelectivePrediction.Point> c = SelectivePrediction.curve(P, 4);
        assertEquals(4, c.size());
        assertEquals(0.25, c.get(0).coverage(), TOL);
        assertEquals(1, c.get(0).count());
        assertEquals(1.0, c.get(0).accuracy(), TOL);
        assertEquals(2, c.get(1).count());
        assertEquals(1.0, c.get(1).accuracy(), TOL);
        assertEquals(3, c.get(2).count());
        assertEquals(2.0 / 3.0, c.get(2).accuracy(), TOL);
        assertEquals(1.0, c.get(3).coverage(), TOL);
        assertEquals(4, c.get(3).count());
        assertEquals(0.75, c.get(3).accuracy(), TOL);
    }

    @Test
    void countsRoundUp() {
        // N = 4, J = 3: m = ceil(4/3) = 2, ceil(8/3) = 3, 4
        List<SelectivePrediction.Point> c = SelectivePrediction.curve(P, 3);
        assertEquals(2, c.get(0).count());
        assertEquals(1.0, c.get(0).accuracy(), TOL);
        assertEquals(3, c.get(1).count());
        assertEquals(2.0 / 3.0, c.get(1).accuracy(), TOL);
        assertEquals(4, c.get(2).count());
    }

    @Test
    void tiedEntropiesKeepTheOriginalOrder() {
        // same entropy; i0 is wrong, i1 right: at coverage 1/2 only i0 is kept
        ProbabilisticPredictions p = ProbabilisticPredictions.fromPointEstimate(new int[] {1, 1},
                new double[][] {{0.7, 0.3}, {0.3, 0.7}}, 2);
        assertEquals(0.0, SelectivePrediction.curve(p, 2).get(0).accuracy(), TOL);
        assertEquals(0.5, SelectivePrediction.curve(p, 2).get(1).accuracy(), TOL);
    }

    @Test
    void jsonHasTwentyLevels() {
        RunResult.Selective curve = RunResult.Selective.byEntropy(SelectivePrediction.curve(P, SelectivePrediction.DEFAULT_STEPS));
        JsonNode o = new RunResult.Metrics(Map.of(), null, null, null, null, null, curve, null).toJson().get("selective");
        assertEquals("predictive_entropy", o.get("score").asText());
        assertEquals(20, o.get("coverage").size());
        assertEquals(0.05, o.get("coverage").get(0).asDouble(), TOL);
        assertEquals(0.15, o.get("coverage").get(2).asDouble(), 0.0);
        assertEquals(1, o.get("count").get(0).asInt()); // max(1, ceil(4/20))
        assertEquals(4, o.get("count").get(19).asInt());
        assertEquals(0.75, o.get("accuracy").get(19).asDouble(), TOL);
        assertEquals(1.0, o.get("accuracy").get(0).asDouble(), TOL);
    }
}
