package dev.credence.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProbabilisticPredictionsTest {

    private static final double TOL = 1e-12;

    @Test
    void mutualInformationFromTwoDisagreeingSamples() {
        // samples [1,0] and [0,1]: mean [0.5,0.5], entropy ln 2; each sample has entropy 0 -> MI = ln 2
        ProbabilisticPredictions p = ProbabilisticPredictions.fromSamples(new int[] {0},
                new float[][] {{1f, 0f}, {0f, 1f}}, 1, 2);
        assertArrayEquals(new double[] {0.5, 0.5}, p.meanProbs()[0]);
        assertEquals(0.0, p.expectedEntropy()[0]);
        MetricReport r = MetricSuite.compute(p);
        assertEquals(Math.log(2), r.entropy(), TOL);
        assertEquals(0.0, r.expectedEntropy(), TOL);
        assertEquals(Math.log(2), r.mutualInformation(), TOL);
    }

    @Test
    void meanAndExpectedEntropyOverThreeSamples() {
        // n = 2, k = 2; example 0 samples [0.5,0.5], [0.25,0.75], [0.75,0.25] -> mean [0.5, 0.5]
        //   expected entropy (ln2 + H(.25,.75) + H(.75,.25)) / 3, H(.25,.75) = -(.25 ln .25 + .75 ln .75)
        // example 1 samples [1,0], [1,0], [0,1] -> mean [2/3, 1/3], expected entropy 0
        float[][] s = {{0.5f, 0.5f, 1f, 0f}, {0.25f, 0.75f, 1f, 0f}, {0.75f, 0.25f, 0f, 1f}};
        ProbabilisticPredictions p = ProbabilisticPredictions.fromSamples(new int[] {0, 1}, s, 2, 2);
        assertArrayEquals(new double[] {0.5, 0.5}, p.meanProbs()[0], TOL);
        assertArrayEquals(new double[] {2.0 / 3, 1.0 / 3}, p.meanProbs()[1], TOL);
        double h = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75));
        assertEquals((Math.log(2) + 2 * h) / 3, p.expectedEntropy()[0], TOL);
        assertEquals(0.0, p.expectedEntropy()[1], TOL);
        // entropy = (ln2 + H(2/3,1/3)) / 2, expected = (ln2 + 2h)/3 / 2
        double h23 = -(2.0 / 3 * Math.log(2.0 / 3) + 1.0 / 3 * Math.log(1.0 / 3));
        MetricReport r = MetricSuite.compute(p);
        assertEquals((Math.log(2) + h23) / 2, r.entropy(), TOL);
        assertEquals((Math.log(2) + 2 * h) / 6, r.expectedEntropy(), TOL);
        assertEquals((Math.log(2) + h23) / 2 - (Math.log(2) + 2 * h) / 6, r.mutualInformation(), TOL);
    }

    @Test
    void oneSampleHasZeroMutualInformationExactly() {
        float[][] s = {{0.1f, 0.2f, 0.7f, 0.3f, 0.3f, 0.4f}};
        MetricReport r = MetricSuite.compute(ProbabilisticPredictions.fromSamples(new int[] {2, 0}, s, 2, 3));
        assertEquals(0.0, r.mutualInformation());
        assertEquals(r.entropy(), r.expectedEntropy());
    }

    @Test
    void rejectsBadShapes() {
        double[][] ok = {{0.5, 0.5}};
        double[] h = {0.5};
        assertThrows(IllegalArgumentException.class, () -> new ProbabilisticPredictions(new int[0], new double[0][],
                new double[0], 2));
        assertThrows(IllegalArgumentException.class, () -> new ProbabilisticPredictions(new int[] {0, 1}, ok, h, 2));
        assertThrows(IllegalArgumentException.class, () -> new ProbabilisticPredictions(new int[] {2}, ok, h, 2));
        assertThrows(IllegalArgumentException.class, () -> new ProbabilisticPredictions(new int[] {0}, ok, h, 3));
        assertThrows(IllegalArgumentException.class, () -> new ProbabilisticPredictions(new int[] {0},
                new double[][] {{1.5, -0.5}}, h, 2));
        assertThrows(IllegalArgumentException.class, () -> new ProbabilisticPredictions(new int[] {0},
                new double[][] {{Double.NaN, 0.5}}, h, 2));
        assertThrows(IllegalArgumentException.class, () -> new ProbabilisticPredictions(new int[] {0}, ok,
                new double[] {Double.NaN}, 2));
        assertThrows(IllegalArgumentException.class, () -> ProbabilisticPredictions.fromSamples(new int[] {0},
                new float[][] {{0.5f, 0.5f}, {1f}}, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> ProbabilisticPredictions.fromSamples(new int[] {0},
                new float[0][], 1, 2));
        assertThrows(IllegalArgumentException.class, () -> MetricSuite.compute(
                ProbabilisticPredictions.fromPointEstimate(new int[] {0}, ok, 2), 0));
    }
}
