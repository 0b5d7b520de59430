package dev.credence.experiments.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OodDetectionTest {
    private static final double EPS = 1e-15;

    /**
     * ID scores 0.1, 0.4, 0.4, 0.8 (classes 0, 1, 0, 1) and OOD scores 0.4, 0.8, 0.9: ties across the two sides at
     * 0.4 and 0.8, computed by hand.
     */
    @Test
    void theFourMetricsMatchAHandComputedFixtureWithTies() {
        double[] in = {0.1, 0.4, 0.4, 0.8};
        double[] out = {0.4, 0.8, 0.9};
        OodDetection d = OodDetection.of(in, out);
        // AUROC: pairs (OOD, ID) won 1, tied ½: 0.4 → 1 + ½ + ½; 0.8 → 3 + ½; 0.9 → 4; 9.5 / 12
        assertEquals(9.5 / 12, d.auroc(), EPS);
        // AUPR-out, from the top: {0.9: 1 OOD} P = 1; {0.8: 1 OOD, 1 ID} P = 2/3; {0.4: 1 OOD, 2 ID} P = 3/6;
        // each adds recall 1/3
        assertEquals(1.0 / 3 + 2.0 / 9 + 1.0 / 6, d.auprOut(), EPS);
        // AUPR-in (ID positive, lowest score first): {0.1: 1 ID} P = 1, ΔR = 1/4; {0.4: 2 ID, 1 OOD} P = 3/4,
        // ΔR = 2/4; {0.8: 1 ID, 1 OOD} P = 4/6, ΔR = 1/4
        assertEquals(1.0 / 4 + 3.0 / 8 + 1.0 / 6, d.auprIn(), EPS);
        // TPR reaches 95% only with all 3 OOD inputs, at the threshold 0.4, which flags 3 of 4 ID inputs
        assertEquals(0.4, d.threshold(), 0.0);
        assertEquals(0.75, d.fpr95(), 0.0);
        // per class at that threshold: class 0 (0.1, 0.4) one of two; class 1 (0.4, 0.8) both; class 2 has none
        assertArrayEquals(new double[]{0.5, 1.0, Double.NaN},
                OodDetection.flaggedPerClass(in, new int[]{0, 1, 0, 1}, 3, d.threshold()), 0.0);
    }

    @Test
    void aTprOfExactly95PercentCountsAndTheThresholdIsNotInterpolated() {
        double[] out = new double[20];
        for (int i = 0; i < 20; i++) {
            out[i] = i + 1; // 1 … 20
        }
        double[] in = {0.5, 1.5, 2.5};
        OodDetection d = OodDetection.of(in, out);
        // 19 of 20 OOD inputs score ≥ 2: TPR = 0.95 exactly; of the ID inputs only 2.5 scores ≥ 2
        assertEquals(2.0, d.threshold(), 0.0);
        assertEquals(1.0 / 3, d.fpr95(), EPS);
    }

    @Test
    void allTiedIsChance() {
        OodDetection d = OodDetection.of(new double[]{1, 1}, new double[]{1, 1});
        assertEquals(0.5, d.auroc(), 0.0);
        assertEquals(0.5, d.auprOut(), 0.0);
        assertEquals(0.5, d.auprIn(), 0.0);
        assertEquals(1.0, d.fpr95(), 0.0);
        OodDetection perfect = OodDetection.of(new double[]{0, 1}, new double[]{2, 3});
        assertEquals(1.0, perfect.auroc(), 0.0);
        assertEquals(1.0, perfect.auprOut(), 0.0);
        assertEquals(1.0, perfect.auprIn(), 0.0);
        assertEquals(0.0, perfect.fpr95(), 0.0);
        assertEquals(2.0, perfect.threshold(), 0.0);
    }

    @Test
    void theAurocIsTheMisclassificationAurocsAndNaNIsRefused() {
        double[] in = {0.3, 0.1, 0.7, 0.7};
        double[] out = {0.7, 0.2, 0.9};
        assertEquals(MisclassificationAuroc.auroc(new double[]{0.3, 0.1, 0.7, 0.7, 0.7, 0.2, 0.9},
                new boolean[]{false, false, false, false, true, true, true}), OodDetection.of(in, out).auroc(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> OodDetection.of(new double[]{Double.NaN}, new double[]{1}));
        assertThrows(IllegalArgumentException.class, () -> OodDetection.of(new double[0], new double[]{1}));
    }
}
