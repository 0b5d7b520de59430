package dev.credence.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EntropyHistogramTest {

    @Test
    void splitsCorrectAndWrongIntoEqualWidthBins() {
        // K = 2, B = 4 bins over [0, ln 2]:
        // (1,0) y0 right H=0 -> bin 1; (0.5,0.5) y1 wrong (tie -> 0) H=ln2 -> bin 4;
        // (0.9,0.1) H=0.3251, u=0.469 -> bin 2, once right (y0) and once wrong (y1)
        ProbabilisticPredictions p = ProbabilisticPredictions.fromPointEstimate(new int[] {0, 1, 0, 1},
                new double[][] {{1.0, 0.0}, {0.5, 0.5}, {0.9, 0.1}, {0.9, 0.1}}, 2);
        EntropyHistogram.Histogram h = EntropyHistogram.compute(p, 4);
        assertEquals(Math.log(2), h.maxEntropy(), 1e-15);
        assertArrayEquals(new int[] {1, 1, 0, 0}, h.correct());
        assertArrayEquals(new int[] {0, 1, 0, 1}, h.wrong());
    }

    @Test
    void uniformPredictionGoesToTheLastBin() {
        // H(1/3,1/3,1/3) = ln 3 up to rounding: clamped into bin B; (0.8,0.1,0.1) H=0.639, u=0.582 -> bin 12 of 20
        double t = 1.0 / 3.0;
        ProbabilisticPredictions p = ProbabilisticPredictions.fromPointEstimate(new int[] {2, 0},
                new double[][] {{t, t, t}, {0.8, 0.1, 0.1}}, 3);
        EntropyHistogram.Histogram o = EntropyHistogram.compute(p);
        assertEquals(20, o.bins());
        assertEquals(Math.log(3), o.maxEntropy(), 1e-15);
        assertEquals(1, o.wrong()[19]);
        assertEquals(1, o.correct()[11]);
        int total = 0;
        for (int b = 0; b < 20; b++) {
            total += o.correct()[b] + o.wrong()[b];
        }
        assertEquals(2, total);
    }
}
