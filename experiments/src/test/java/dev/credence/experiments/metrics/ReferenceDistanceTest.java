package dev.credence.experiments.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Agreement, total variation and KL from a reference, against values computed by hand. */
class ReferenceDistanceTest {
    @Test
    void threePointsComputedByHand() {
        double[][] p = {{0.7, 0.2, 0.1}, {0.5, 0.5, 0.0}, {0.1, 0.3, 0.6}};
        double[][] r = {{0.6, 0.3, 0.1}, {0.2, 0.8, 0.0}, {0.4, 0.4, 0.2}};
        ReferenceDistance d = ReferenceDistance.between(p, r);
        // argmax: p → 0, 0 (tie 0.5/0.5: lowest index), 2; r → 0, 1, 0 (tie 0.4/0.4: lowest index): one agreement
        assertEquals(1.0 / 3, d.agreement(), 1e-15);
        // ½‖p − r‖₁: ½(0.1+0.1+0) = 0.1, ½(0.3+0.3+0) = 0.3, ½(0.3+0.1+0.4) = 0.4
        assertEquals((0.1 + 0.3 + 0.4) / 3, d.totalVariation(), 1e-15);
        // KL(r‖p): the r = 0 term of point 2 is 0
        double kl0 = 0.6 * Math.log(0.6 / 0.7) + 0.3 * Math.log(0.3 / 0.2) + 0.1 * Math.log(0.1 / 0.1);
        double kl1 = 0.2 * Math.log(0.2 / 0.5) + 0.8 * Math.log(0.8 / 0.5);
        double kl2 = 0.4 * Math.log(0.4 / 0.1) + 0.4 * Math.log(0.4 / 0.3) + 0.2 * Math.log(0.2 / 0.6);
        assertEquals((kl0 + kl1 + kl2) / 3, d.kl(), 1e-15);
    }

    @Test
    void aClassTheReferenceGivesMassAndPDoesNotCostTheNllFloor() {
        ReferenceDistance d = ReferenceDistance.between(new double[][]{{1.0, 0.0}}, new double[][]{{0.5, 0.5}});
        assertEquals(0.5 * Math.log(0.5) + 0.5 * (Math.log(0.5) - Math.log(ProperScoringRules.NLL_FLOOR)), d.kl(), 1e-12);
        assertEquals(0.5, d.totalVariation(), 0);
        assertEquals(1.0, d.agreement(), 0, "tie in the reference: class 0, as p's");
    }

    @Test
    void identicalPredictivesAreAtDistanceZero() {
        double[][] p = {{0.25, 0.75}, {0.9, 0.1}};
        ReferenceDistance d = ReferenceDistance.between(p, p);
        assertEquals(new ReferenceDistance(1.0, 0.0, 0.0), d);
    }

    @Test
    void shapesMustMatch() {
        assertThrows(IllegalArgumentException.class,
                () -> ReferenceDistance.between(new double[][]{{1, 0}}, new double[][]{{1, 0}, {0, 1}}));
        assertThrows(IllegalArgumentException.class,
                () -> ReferenceDistance.between(new double[][]{{1, 0}}, new double[][]{{1, 0, 0}}));
        assertThrows(IllegalArgumentException.class, () -> ReferenceDistance.between(new double[0][], new double[0][]));
    }
}
