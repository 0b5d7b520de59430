package dev.credence.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.credence.experiments.results.RunResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

class VarianceSplitTest {

    private static final double TOL = 1e-7; // the samples are float32

    // Two examples, K = 2, S = 2, by hand:
    // i0: p^(1) = (0.8, 0.2), p^(2) = (0.4, 0.6); mean (0.6, 0.4).
    //     aleatoric: ((0.16 + 0.16) + (0.24 + 0.24)) / 2 = 0.40; epistemic: ((0.04 + 0.04) + (0.04 + 0.04)) / 2 = 0.08.
    // i1: p^(1) = p^(2) = (1, 0): aleatoric 0, epistemic 0.
    // Means over the two examples: aleatoric 0.20, epistemic 0.04; their sum 1 - mean_i sum_k mean_ik^2 = 0.24.
    private static final float[][] SAMPLES = {{0.8f, 0.2f, 1f, 0f}, {0.4f, 0.6f, 1f, 0f}};

    @Test
    void twoSamplesByHand() {
        ProbabilisticPredictions p = ProbabilisticPredictions.fromSamples(new int[] {0, 0}, SAMPLES, 2, 2);
        VarianceSplit v = VarianceSplit.of(SAMPLES, p.meanProbs());
        assertEquals(0.20, v.aleatoric(), TOL);
        assertEquals(0.04, v.epistemic(), TOL);
        double meanSquares = (0.6 * 0.6 + 0.4 * 0.4 + 1.0) / 2;
        assertEquals(1.0 - meanSquares, v.aleatoric() + v.epistemic(), TOL);
    }

    @Test
    void aPointPredictiveHasNoEpistemicPart() {
        float[][] one = {{0.7f, 0.3f, 0.1f, 0.9f}};
        ProbabilisticPredictions p = ProbabilisticPredictions.fromSamples(new int[] {0, 1}, one, 2, 2);
        VarianceSplit v = VarianceSplit.of(one, p.meanProbs());
        assertEquals(0.0, v.epistemic(), 0.0);
        assertEquals((2 * 0.21 + 2 * 0.09) / 2, v.aleatoric(), TOL);
    }

    @Test
    void aResultWritesAndReadsItBesideTheEntropySplit() throws Exception {
        RunResult.Metrics m = new RunResult.Metrics(Map.of("entropy", 0.5), 15, 2, 2, null, null, null, null,
                new VarianceSplit(0.2, 0.04));
        JsonNode o = m.toJson();
        assertEquals(0.2, o.get("variance_split").get("aleatoric").asDouble(), 0.0);
        assertEquals(0.04, o.get("variance_split").get("epistemic").asDouble(), 0.0);
        JsonNode without = new RunResult.Metrics(Map.of("entropy", 0.5), 15, 2, 2, null, null, null, null).toJson();
        assertEquals(false, without.has("variance_split"));
    }
}
