package dev.credence.methods.swag;

import dev.credence.core.random.Rng;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * {@link SwagPosterior#sample} assembles θ̃ a block of coordinates at a time since it was made faster; every
 * coordinate still gets the same operations in the same order, so the samples must be the same bit for bit as the
 * code before (kept below as the reference), for both covariances and a dimension that is not a multiple of the
 * block.
 */
class SwagSampleBitIdenticalTest {

    @Test
    void samplesAreBitForBitTheWholeVectorLoopTheyReplaced() {
        int d = 2 * SwagPosterior.BLOCK + 377;
        int rank = 6;
        SplittableRandom r = new SplittableRandom(5);
        double[] mean = new double[d];
        double[] variance = new double[d];
        float[][] deviations = new float[rank][d];
        for (int j = 0; j < d; j++) {
            mean[j] = r.nextDouble() * 4 - 2;
            variance[j] = j % 7 == 0 ? 0 : r.nextDouble() * 0.01;
            for (int c = 0; c < rank; c++) {
                deviations[c][j] = (float) ((r.nextDouble() - 0.5) * 0.2);
            }
        }
        SwagPosterior posterior = new SwagPosterior(mean, variance, deviations, 12);
        for (SwagCovariance covariance : SwagCovariance.values()) {
            for (long seed : new long[]{1, 99}) {
                float[] expected = referenceSample(mean, variance, deviations, covariance, new Rng(seed));
                assertArrayEquals(expected, posterior.sample(covariance, new Rng(seed)), covariance + ", seed " + seed);
            }
        }
    }

    /** {@code SwagPosterior.sample} before the rewrite. */
    private static float[] referenceSample(double[] mean, double[] variance, float[][] deviations,
                                           SwagCovariance covariance, Rng rng) {
        int d = mean.length;
        int k = deviations.length;
        double[] standardDeviation = new double[d];
        for (int j = 0; j < d; j++) {
            standardDeviation[j] = Math.sqrt(variance[j]);
        }
        boolean lowRank = covariance == SwagCovariance.low_rank;
        float[] z1 = new float[d];
        rng.fillGaussian(z1, 0, d);
        double diagonalScale = lowRank ? Math.sqrt(0.5) : 1;
        double[] theta = new double[d];
        for (int j = 0; j < d; j++) {
            theta[j] = mean[j] + diagonalScale * standardDeviation[j] * z1[j];
        }
        if (lowRank) {
            float[] z2 = new float[k];
            rng.fillGaussian(z2, 0, k);
            double lowRankScale = 1 / Math.sqrt(2.0 * (k - 1));
            for (int c = 0; c < k; c++) {
                double weight = lowRankScale * z2[c];
                float[] column = deviations[c];
                for (int j = 0; j < d; j++) {
                    theta[j] += weight * column[j];
                }
            }
        }
        float[] out = new float[d];
        for (int j = 0; j < d; j++) {
            out[j] = (float) theta[j];
        }
        return out;
    }
}
