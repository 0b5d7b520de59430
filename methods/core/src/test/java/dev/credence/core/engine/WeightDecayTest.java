package dev.credence.core.engine;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WeightDecayTest {
    @Test
    void sumOfSquaresMatchesExactSumForEveryTailLength() {
        SplittableRandom random = new SplittableRandom(7);
        for (int n : new int[]{0, 1, 7, 8, 9, 15, 16, 17, 1001, 313_600}) {
            float[] w = new float[n];
            BigDecimal exact = BigDecimal.ZERO;
            for (int j = 0; j < n; j++) {
                w[j] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-3, 3)));
                BigDecimal v = new BigDecimal(w[j]);
                exact = exact.add(v.multiply(v));
            }
            double expected = exact.doubleValue();
            assertEquals(expected, WeightDecay.sumOfSquares(w), Math.max(1e-300, Math.abs(expected) * 1e-14), "n=" + n);
        }
    }

    @Test
    void penaltyAndGradientCoverWeightsButNotBiases() {
        Param w = new Param("w", 3, 5, true);
        Param b = new Param("b", 1, 5, false);
        for (int j = 0; j < 15; j++) {
            w.value().data[j] = j - 7.5f;
            w.grad().data[j] = 1f;
        }
        for (int j = 0; j < 5; j++) {
            b.value().data[j] = 100f;
        }
        double expectedSum = 0;
        for (float v : w.value().data) {
            expectedSum += (double) v * v;
        }
        double penalty = WeightDecay.applyL2(List.of(w, b), 0.1);
        assertEquals(0.05 * expectedSum, penalty, 1e-12);
        for (int j = 0; j < 15; j++) {
            assertEquals(1f + 0.1f * w.value().data[j], w.grad().data[j], 0f);
        }
        for (int j = 0; j < 5; j++) {
            assertEquals(0f, b.grad().data[j], 0f);
        }
    }
}
