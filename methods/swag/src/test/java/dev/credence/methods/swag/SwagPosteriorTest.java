package dev.credence.methods.swag;

import dev.credence.core.engine.Mode;
import dev.credence.core.engine.MlpShape;
import dev.credence.core.engine.Network;
import dev.credence.core.engine.Param;
import dev.credence.core.engine.SoftmaxCrossEntropy;
import dev.credence.core.random.Rng;
import dev.credence.core.sampling.ParameterSnapshots;
import dev.credence.core.sampling.SnapshotPredictive;
import dev.credence.core.spi.PredictiveSamples;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SwagPosteriorTest {
    /** Monte Carlo draws per covariance check. */
    private static final int DRAWS = 40_000;
    /** Allowed deviation of each estimate, in its standard errors. */
    private static final double STANDARD_ERRORS = 5;
    private static final int D = 3;

    /**
     * 30 iterates of three parameters near (1, −2, 0.5) that move mostly along two shared directions (so DDᵀ has
     * large off-diagonal entries) plus independent noise; D keeps the last 4 deviations.
     */
    private static SwagPosterior posterior() {
        Param p = new Param("theta", 1, D, true);
        SwagCollector collector = new SwagCollector(List.of(p), CollectionSchedule.everySteps(1), 4);
        Rng rng = new Rng(7);
        double[][] directions = {{0.3, -0.3, 0.2}, {0.05, 0.1, -0.1}};
        double[] centre = {1, -2, 0.5};
        for (int i = 0; i < 30; i++) {
            double u = rng.nextGaussian();
            double v = rng.nextGaussian();
            for (int j = 0; j < D; j++) {
                p.value().data[j] = (float) (centre[j] + u * directions[0][j] + v * directions[1][j] + 0.02 * rng.nextGaussian());
            }
            collector.collect();
        }
        return collector.posterior();
    }

    /** @return ½(Σ_diag + DDᵀ/(K − 1)) scaled as given: diagonalWeight·Σ_diag + lowRankWeight·DDᵀ/(K − 1) */
    private static double[][] covariance(SwagPosterior posterior, double diagonalWeight, double lowRankWeight, int divisor) {
        double[][] sigma = new double[D][D];
        double[] variance = posterior.diagonalVariance();
        for (int a = 0; a < D; a++) {
            sigma[a][a] += diagonalWeight * variance[a];
            for (int c = 0; c < posterior.rank(); c++) {
                float[] column = posterior.deviation(c);
                for (int b = 0; b < D; b++) {
                    sigma[a][b] += lowRankWeight * column[a] * column[b] / divisor;
                }
            }
        }
        return sigma;
    }

    private static double trace(double[][] m) {
        double t = 0;
        for (int a = 0; a < D; a++) {
            t += m[a][a];
        }
        return t;
    }

    /** Sample mean and covariance (divisor M) of {@link #DRAWS} draws from one stream. */
    private record Moments(double[] mean, double[][] covariance) {
    }

    private static Moments draw(SwagPosterior posterior, SwagCovariance kind) {
        Rng rng = new Rng(8);
        double[] sum = new double[D];
        double[][] products = new double[D][D];
        for (int m = 0; m < DRAWS; m++) {
            float[] theta = posterior.sample(kind, rng);
            for (int a = 0; a < D; a++) {
                sum[a] += theta[a];
                for (int b = 0; b < D; b++) {
                    products[a][b] += (double) theta[a] * theta[b];
                }
            }
        }
        double[] mean = new double[D];
        double[][] cov = new double[D][D];
        for (int a = 0; a < D; a++) {
            mean[a] = sum[a] / DRAWS;
        }
        for (int a = 0; a < D; a++) {
            for (int b = 0; b < D; b++) {
                cov[a][b] = products[a][b] / DRAWS - mean[a] * mean[b];
            }
        }
        return new Moments(mean, cov);
    }

    /**
     * The largest |estimate − target| over the mean and the covariance entries, in standard errors: the sample mean has
     * SE √(Σ_aa/M) and a Gaussian sample covariance entry √((Σ_aa Σ_bb + Σ_ab²)/M).
     */
    private static double worstError(Moments sampled, double[] mean, double[][] sigma) {
        double worst = 0;
        for (int a = 0; a < D; a++) {
            worst = Math.max(worst, Math.abs(sampled.mean()[a] - mean[a]) / Math.sqrt(sigma[a][a] / DRAWS));
            for (int b = 0; b < D; b++) {
                double se = Math.sqrt((sigma[a][a] * sigma[b][b] + sigma[a][b] * sigma[a][b]) / DRAWS);
                worst = Math.max(worst, Math.abs(sampled.covariance()[a][b] - sigma[a][b]) / se);
            }
        }
        return worst;
    }

    /**
     * Low-rank-plus-diagonal samples have covariance ½(Σ_diag + DDᵀ/(K − 1)) within five standard errors; the check
     * has the power to tell it from the near misses (no ½, or DDᵀ/K).
     */
    @Test
    void lowRankSamplesHaveHalfTheSumOfTheDiagonalAndLowRankCovariances() {
        SwagPosterior posterior = posterior();
        int k = posterior.rank();
        Moments sampled = draw(posterior, SwagCovariance.low_rank);
        double[] mean = posterior.mean();
        double[][] swag = covariance(posterior, 0.5, 0.5, k - 1);
        double[][] lowRank = covariance(posterior, 0, 1, k - 1);
        double[][] diagonal = covariance(posterior, 1, 0, 1);
        // the example exercises both terms: DDᵀ/(K − 1) carries a third of the trace or more, and correlations
        assertTrue(trace(lowRank) > 0.3 * trace(diagonal) && Math.abs(swag[0][1]) > 0.2 * Math.sqrt(swag[0][0] * swag[1][1]),
                java.util.Arrays.deepToString(swag));
        assertTrue(worstError(sampled, mean, swag) < STANDARD_ERRORS, "worst " + worstError(sampled, mean, swag) + " SE");
        assertTrue(worstError(sampled, mean, covariance(posterior, 1, 1, k - 1)) > STANDARD_ERRORS, "without ½");
        assertTrue(worstError(sampled, mean, covariance(posterior, 0.5, 0.5, k)) > STANDARD_ERRORS, "DDᵀ/K");
    }

    /** SWAG-Diagonal samples have covariance Σ_diag (not ½Σ_diag): N(θ̄, Σ_diag), §4.1. */
    @Test
    void diagonalSamplesHaveTheDiagonalVariance() {
        SwagPosterior posterior = posterior();
        Moments sampled = draw(posterior, SwagCovariance.diagonal);
        double[] mean = posterior.mean();
        assertTrue(worstError(sampled, mean, covariance(posterior, 1, 0, 1)) < STANDARD_ERRORS,
                "worst " + worstError(sampled, mean, covariance(posterior, 1, 0, 1)) + " SE");
        assertTrue(worstError(sampled, mean, covariance(posterior, 0.5, 0, 1)) > STANDARD_ERRORS, "½Σ_diag");
    }

    @Test
    void theSameSeedGivesTheSameSamples() {
        SwagPosterior posterior = posterior();
        for (SwagCovariance kind : SwagCovariance.values()) {
            List<float[]> a = posterior.samples(kind, 5, 42);
            List<float[]> b = posterior.samples(kind, 5, 42);
            List<float[]> c = posterior.samples(kind, 5, 43);
            for (int s = 0; s < 5; s++) {
                assertArrayEquals(a.get(s), b.get(s), kind + " sample " + s);
                assertFalse(java.util.Arrays.equals(a.get(s), c.get(s)), kind + " sample " + s);
            }
            assertFalse(java.util.Arrays.equals(a.get(0), a.get(1)));
        }
    }

    /** The predictive is the core's snapshot predictive over the seeded samples: sample s is softmax(f(x; θ̃_s)). */
    @Test
    void predictiveAveragesTheSoftmaxOfSampledNetworks() {
        Rng rng = new Rng(9);
        Network network = new MlpShape(3, new int[]{5}, 2, "tanh").buildDense().initialize(rng.split());
        SwagCollector collector = new SwagCollector(network.params(), CollectionSchedule.everySteps(1), 5);
        for (int i = 0; i < 8; i++) {
            for (Param p : network.params()) {
                for (int e = 0; e < p.size(); e++) {
                    p.value().data[e] += (float) (0.1 * rng.nextGaussian());
                }
            }
            collector.collect();
        }
        SwagPosterior posterior = collector.posterior();
        FMatrixRMaj x = new FMatrixRMaj(6, 3);
        rng.fillUniform(x.data, 0, x.data.length, -1, 1);
        SnapshotPredictive predictive = posterior.predictive(network, SwagCovariance.low_rank, 4, 11);
        PredictiveSamples samples = predictive.sample(x, 4);
        assertEquals(4, samples.sampleCount());
        List<float[]> thetas = posterior.samples(SwagCovariance.low_rank, 4, 11);
        for (int s = 0; s < 4; s++) {
            ParameterSnapshots.load(thetas.get(s), network.params());
            float[] direct = new float[6 * 2];
            SoftmaxCrossEntropy.softmaxRows(network.forward(x, Mode.MEAN, new Rng(0)), direct, 0);
            assertArrayEquals(direct, samples.probs()[s], "sample " + s);
        }
        assertArrayEquals(samples.probs()[3],
                posterior.predictive(network, SwagCovariance.low_rank, 4, 11).sample(x, 4).probs()[3]);
    }

    @Test
    void theLowRankCovarianceNeedsTwoColumns() {
        Param p = new Param("p", 1, 2, false);
        SwagCollector collector = new SwagCollector(List.of(p), CollectionSchedule.everySteps(1), 20);
        collector.collect();
        SwagPosterior one = collector.posterior();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> one.sample(SwagCovariance.low_rank, new Rng(1)));
        assertTrue(e.getMessage().contains("K ≥ 2"), e.getMessage());
        assertEquals(2, one.sample(SwagCovariance.diagonal, new Rng(1)).length);
        assertThrows(IllegalArgumentException.class, () -> one.samples(SwagCovariance.diagonal, 0, 1));
    }
}
