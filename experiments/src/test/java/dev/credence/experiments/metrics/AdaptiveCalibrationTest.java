package dev.credence.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AdaptiveCalibrationTest {

    private static final double TOL = 1e-12;

    @Test
    void firstNModBGroupsTakeTheExtraExample() {
        // K = 2, probabilities [c, 1-c] with c >= 0.5, so the prediction is class 0; y = 0 right, y = 1 wrong.
        // i: 0    1    2     3    4    5    6
        // c: 0.9  0.6  0.55  0.8  0.7  1.0  0.5
        //    R    W    R     W    R    R    W
        // sorted: 0.5W 0.55R 0.6W | 0.7R 0.8W | 0.9R 1.0R   (N = 7, B = 3: sizes 3, 2, 2)
        // g1: acc 1/3, conf 1.65/3 = 0.55 -> gap 0.65/3, weight 3/7 -> 0.65/7
        // g2: acc 1/2, conf 0.75 -> 0.25, weight 2/7 -> 0.5/7
        // g3: acc 1, conf 0.95 -> 0.05, weight 2/7 -> 0.1/7
        // ACE = 1.25/7 (sizes 2, 2, 3 would give 1.05/7)
        double[] c = {0.9, 0.6, 0.55, 0.8, 0.7, 1.0, 0.5};
        int[] y = {0, 1, 0, 1, 0, 0, 1};
        double[][] p = new double[c.length][];
        for (int i = 0; i < c.length; i++) {
            p[i] = new double[] {c[i], 1 - c[i]};
        }
        assertEquals(1.25 / 7, AdaptiveCalibration.ace(ProbabilisticPredictions.fromPointEstimate(y, p, 2), 3), TOL);
    }

    @Test
    void tiedConfidencesKeepTheirOriginalOrder() {
        // i: 0 = [0.5,0.5,0,0] y=1 -> argmax 0 (tie), wrong, c 0.5
        //    1 = [0.5,0.5,0,0] y=0 -> right, c 0.5
        //    2 = [0.5,0.5,0,0] y=0 -> right, c 0.5
        //    3 = [0.3,0.3,0.2,0.2] y=0 -> right, c 0.3
        // stable sort: 3, 0, 1, 2; N = 4, B = 3: sizes 2, 1, 1 -> {3, 0}, {1}, {2}
        // {3,0}: acc 1/2, conf 0.4 -> 0.1 * 2/4; {1}: acc 1, conf 0.5 -> 0.5/4; {2}: same 0.5/4
        // ACE = 0.05 + 0.125 + 0.125 = 0.3   (ties reversed, {3,2},{1},{0}, would give 0.55)
        double[][] p = {{0.5, 0.5, 0, 0}, {0.5, 0.5, 0, 0}, {0.5, 0.5, 0, 0}, {0.3, 0.3, 0.2, 0.2}};
        int[] y = {1, 0, 0, 0};
        assertEquals(0.3, AdaptiveCalibration.ace(ProbabilisticPredictions.fromPointEstimate(y, p, 4), 3), TOL);
    }

    @Test
    void divisibleCaseIsEqualMass() {
        // N = 4, B = 2: {0.6 R, 0.7 W}, {0.8 R, 0.9 R}
        // g1: acc 0.5, conf 0.65 -> 0.15 * 1/2; g2: acc 1, conf 0.85 -> 0.15 * 1/2 -> ACE = 0.15
        double[][] p = {{0.9, 0.1}, {0.6, 0.4}, {0.8, 0.2}, {0.7, 0.3}};
        int[] y = {0, 0, 0, 1};
        assertEquals(0.15, AdaptiveCalibration.ace(ProbabilisticPredictions.fromPointEstimate(y, p, 2), 2), TOL);
    }
}
