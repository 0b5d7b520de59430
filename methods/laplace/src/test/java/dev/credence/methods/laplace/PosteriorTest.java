package dev.credence.methods.laplace;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each structure's posterior: its covariance, the logit covariance it induces, and its samples. */
class PosteriorTest {
    private static final double LAMBDA = 2.0;
    private static final TinyProblem PROBLEM = TinyProblem.create(120, 3, 3, 21, 0.5);

    private static Posterior posterior(Structure s) {
        return s.curvature(PROBLEM.features, PROBLEM.map).posterior(LAMBDA);
    }

    @Test
    void covarianceIsTheInverseOfGgnPlusLambda() {
        int p = PROBLEM.parameters();
        for (Structure s : Structure.values()) {
            Curvature c = s.curvature(PROBLEM.features, PROBLEM.map);
            double[] expected = TinyProblem.inverse(TinyProblem.plusDiagonal(LaplaceEvidenceTest.denseGgn(c, p), p, LAMBDA), p);
            double[] actual = c.posterior(LAMBDA).denseCovariance();
            double relative = TinyProblem.maxAbsDifference(expected, actual) / TinyProblem.maxAbs(expected);
            assertTrue(relative < 1e-6, s + ": relative error " + relative); // float32 storage of V or of U_A
        }
    }

    @Test
    void logitCovarianceIsJSigmaJTransposed() {
        FMatrixRMaj x = points();
        int k = PROBLEM.k;
        int a = PROBLEM.h + 1;
        int p = PROBLEM.parameters();
        for (Structure s : Structure.values()) {
            Posterior post = posterior(s);
            double[] sigma = post.denseCovariance();
            LogitDistribution d = post.logits(x);
            FMatrixRMaj means = PROBLEM.map.logits(x);
            for (int i = 0; i < x.numRows; i++) {
                double[] phi = new double[a];
                for (int j = 0; j < PROBLEM.h; j++) {
                    phi[j] = x.data[i * PROBLEM.h + j];
                }
                phi[PROBLEM.h] = 1;
                for (int c = 0; c < k; c++) {
                    assertEquals(means.data[i * k + c], d.mean()[i * k + c], 0.0, "logit mean");
                    for (int e = 0; e < k; e++) {
                        double expected = 0;
                        for (int u = 0; u < a; u++) {
                            for (int v = 0; v < a; v++) {
                                expected += phi[u] * phi[v] * sigma[(c * a + u) * p + e * a + v];
                            }
                        }
                        assertEquals(expected, d.covariance(i, c, e), 1e-5 * Math.max(1e-3, Math.abs(expected)),
                                s + " Σ_f[" + c + "][" + e + "] of point " + i);
                    }
                }
            }
        }
    }

    @Test
    void samplesHaveTheMeanZeroAndTheCovarianceOfThePosterior() {
        int p = PROBLEM.parameters();
        int samples = 40_000;
        for (Structure s : Structure.values()) {
            Posterior post = posterior(s);
            double[] sigma = post.denseCovariance();
            float[] dev = post.sampleDeviations(samples, new Rng(5));
            double[] mean = new double[p];
            double[] cov = new double[p * p];
            for (int r = 0; r < samples; r++) {
                for (int i = 0; i < p; i++) {
                    mean[i] += dev[r * p + i];
                    for (int j = 0; j < p; j++) {
                        cov[i * p + j] += (double) dev[r * p + i] * dev[r * p + j];
                    }
                }
            }
            for (int i = 0; i < p; i++) {
                double sd = Math.sqrt(sigma[i * p + i]);
                assertEquals(0, mean[i] / samples, 5 * sd / Math.sqrt(samples), s + " mean of θ_" + i);
                for (int j = 0; j < p; j++) {
                    // standard error of a sample covariance: √((Σ_ii Σ_jj + Σ_ij²) / S); five of them
                    double se = Math.sqrt((sigma[i * p + i] * sigma[j * p + j] + sigma[i * p + j] * sigma[i * p + j]) / samples);
                    assertEquals(sigma[i * p + j], cov[i * p + j] / samples, 5 * se, s + " Cov[" + i + "][" + j + "]");
                }
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameDeviations() {
        for (Structure s : Structure.values()) {
            Posterior post = posterior(s);
            float[] a = post.sampleDeviations(7, new Rng(42));
            assertArrayEquals(a, post.sampleDeviations(7, new Rng(42)), s.toString());
            float[] b = post.sampleDeviations(7, new Rng(43));
            assertTrue(TinyProblem.maxAbsDifference(toDouble(a), toDouble(b)) > 0, s + ": another seed, other draws");
        }
    }

    @Test
    void anIndefinitePrecisionIsRefusedByTheFullPosteriorAndSkippedByTheGrid() {
        int p = PROBLEM.parameters();
        FullCurvature exact = (FullCurvature) Structure.FULL.curvature(PROBLEM.features, PROBLEM.map);
        // GGN − 1·I: the H+1 null eigenvalues of the GGN become −1, so GGN − I + λI is indefinite for λ < 1 only
        FullCurvature shifted = new FullCurvature(PROBLEM.map, TinyProblem.plusDiagonal(exact.ggn(), p, -1.0));
        NotPositiveDefiniteException e = assertThrows(NotPositiveDefiniteException.class, () -> shifted.posterior(0.5));
        assertTrue(e.getMessage().contains("λ = 0.5"), e.getMessage());
        assertTrue(shifted.posterior(3.0).denseCovariance()[0] > 0);
        ValidationGrid.Choice choice = ValidationGrid.select(shifted, PROBLEM.features, PROBLEM.labels, new LogGrid(-1, 1, 3));
        assertTrue(Double.isNaN(choice.negativeLogLikelihood()[0]), "λ = 0.1 skipped");
        assertTrue(Double.isFinite(choice.negativeLogLikelihood()[2]), "λ = 10 kept");
        assertTrue(choice.priorPrecision() > 1, "chosen " + choice.priorPrecision());
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** @return a few points: training-like ones and one far away */
    static FMatrixRMaj points() {
        return new FMatrixRMaj(4, 3, true, 0.1f, -0.5f, 1.2f, 1f, 1f, -1f, -2f, 0.3f, 0.7f, 8f, -6f, 9f);
    }
}
