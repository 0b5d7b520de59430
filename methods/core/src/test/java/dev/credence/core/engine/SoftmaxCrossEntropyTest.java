package dev.credence.core.engine;

import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoftmaxCrossEntropyTest {
    /** Loss and gradient against the textbook formulas exp(z − lse), evaluated independently per entry. */
    @Test
    void lossGradientAndSoftmaxAgreeWithTheDefinitionOverWideLogitRanges() {
        SplittableRandom random = new SplittableRandom(5);
        int rows = 64;
        int k = 10;
        for (double spread : new double[]{0.1, 5, 80, 2000}) {
            FMatrixRMaj z = new FMatrixRMaj(rows, k);
            int[] y = new int[rows];
            for (int i = 0; i < z.data.length; i++) {
                z.data[i] = (float) (spread * random.nextGaussian());
            }
            for (int r = 0; r < rows; r++) {
                y[r] = random.nextInt(k);
            }
            FMatrixRMaj grad = new FMatrixRMaj(1, 1);
            double loss = SoftmaxCrossEntropy.meanLossAndGrad(z, y, grad, 3.0);
            float[] p = new float[rows * k];
            SoftmaxCrossEntropy.softmaxRows(z, p, 0);
            double expectedLoss = 0;
            for (int r = 0; r < rows; r++) {
                double lse = Numerics.logSumExp(z.data, r * k, k);
                expectedLoss += lse - z.data[r * k + y[r]];
                for (int c = 0; c < k; c++) {
                    double pc = Math.exp(z.data[r * k + c] - lse);
                    assertEquals(pc, p[r * k + c], 1e-7 * pc + 1e-30, "softmax, spread " + spread);
                    double g = 3.0 / rows * (pc - (c == y[r] ? 1 : 0));
                    // p − 1 cancels when p ≈ 1: both formulas then carry an absolute error of a few 1e-16
                    assertEquals(g, grad.data[r * k + c], 1e-7 * Math.abs(g) + 1e-15 * 3.0 / rows, "gradient, spread " + spread);
                }
            }
            expectedLoss /= rows;
            assertEquals(expectedLoss, loss, 1e-12 * Math.max(1, Math.abs(expectedLoss)), "loss, spread " + spread);
            assertTrue(Double.isFinite(loss));
        }
    }

    @Test
    void infiniteLogitsGiveANonFiniteLossForTheDivergenceCheck() {
        FMatrixRMaj z = new FMatrixRMaj(1, 3, true, Float.POSITIVE_INFINITY, 0f, 1f);
        assertFalse(Double.isFinite(SoftmaxCrossEntropy.meanLossAndGrad(z, new int[]{1}, new FMatrixRMaj(1, 1), 1.0)));
        FMatrixRMaj nan = new FMatrixRMaj(1, 3, true, Float.NaN, 0f, 1f);
        assertFalse(Double.isFinite(SoftmaxCrossEntropy.meanLossAndGrad(nan, new int[]{1}, null, 1.0)));
    }
}
