package dev.credence.experiments.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MisclassificationAurocTest {

    private static final double TOL = 1e-12;

    @Test
    void tiesCountOneHalf() {
        // positives {0.5, 0.9}, negatives {0.5, 0.2}: (0.5,0.5) tie 1/2, (0.5,0.2) 1, (0.9,0.5) 1, (0.9,0.2) 1
        // -> 3.5 / 4 = 0.875
        assertEquals(0.875, MisclassificationAuroc.auroc(new double[] {0.5, 0.5, 0.2, 0.9},
                new boolean[] {true, false, false, true}), TOL);
        // everything tied -> 1/2
        assertEquals(0.5, MisclassificationAuroc.auroc(new double[] {1, 1, 1}, new boolean[] {true, false, false}),
                TOL);
        // perfect separation and its reverse
        assertEquals(1.0, MisclassificationAuroc.auroc(new double[] {3, 1, 2}, new boolean[] {true, false, false}));
        assertEquals(0.0, MisclassificationAuroc.auroc(new double[] {0, 1, 2}, new boolean[] {true, false, false}));
    }

    @Test
    void tiedEntropiesThroughTheSuite() {
        // [0.5,0.5] y=0 right H=ln2; [0.5,0.5] y=1 wrong H=ln2; [0.9,0.1] y=1 wrong H=0.325; [1,0] y=0 right H=0
        // wrong {ln2, 0.325} vs right {ln2, 0}: 1/2 + 1 + 0 + 1 = 2.5 of 4 = 0.625
        double[][] p = {{0.5, 0.5}, {0.5, 0.5}, {0.9, 0.1}, {1.0, 0.0}};
        ProbabilisticPredictions pp = ProbabilisticPredictions.fromPointEstimate(new int[] {0, 1, 1, 0}, p, 2);
        assertEquals(0.625, MisclassificationAuroc.auroc(pp), TOL);
        assertEquals(0.625, MetricSuite.compute(pp).aurocMisclassification(), TOL);
    }

    @Test
    void nullWhenAllRightOrAllWrong() {
        double[][] p = {{0.9, 0.1}, {0.3, 0.7}};
        assertNull(MisclassificationAuroc.auroc(ProbabilisticPredictions.fromPointEstimate(new int[] {0, 1}, p, 2)));
        assertNull(MisclassificationAuroc.auroc(ProbabilisticPredictions.fromPointEstimate(new int[] {1, 0}, p, 2)));
        assertNull(MetricSuite.compute(ProbabilisticPredictions.fromPointEstimate(new int[] {1, 0}, p, 2))
                .aurocMisclassification());
    }
}
