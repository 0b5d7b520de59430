package dev.credence.methods.laplace;

import dev.credence.core.spi.PredictiveSamples;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The probit and Monte Carlo predictives: agreement, behaviour away from the data, and seeding. */
class PredictiveTest {

    /**
     * Probit against 100 000 Monte Carlo samples where the probit is accurate: 4000 examples and λ = 200 make every
     * logit variance below 0.01. Both the data-determined variance (∝ 1/N) and the common-mode variance the prior
     * alone sets (the GGN's null space, shifts of all logits by one amount, with variance ≈ ‖ã‖²/(Kλ)) are then
     * small, and the error of the probit approximation of E[softmax(f)] is O(Var f) — a few 1e-4 at 0.01 (checked
     * numerically against 2·10⁶-sample integrals when the test was written). The Monte Carlo standard error,
     * sd(p)/√S, is asserted below 1e-4, so the 1e-3 tolerance holds the approximation error with ten standard errors
     * to spare. With λ of order 1 instead the common-mode variance is O(1) and the probit, which scales every class
     * by its own variance, is far less accurate: it is not invariant to shifting all logits.
     */
    @Test
    void probitAgreesWithMonteCarloWhenTheLogitVariancesAreSmall() {
        TinyProblem t = TinyProblem.create(4000, 2, 3, 31, 1.0);
        FMatrixRMaj x = new FMatrixRMaj(3, 2, true, 0.2f, -0.4f, 1.0f, 0.5f, -0.8f, 0.9f);
        int samples = 100_000;
        for (Structure s : Structure.values()) {
            Posterior post = s.curvature(t.features, t.map).posterior(200);
            LogitDistribution d = post.logits(x);
            double maxVariance = 0;
            for (int i = 0; i < x.numRows; i++) {
                for (int c = 0; c < t.k; c++) {
                    maxVariance = Math.max(maxVariance, d.variance(i, c));
                }
            }
            assertTrue(maxVariance < 0.01, s + ": the case needs small logit variances, max " + maxVariance);
            double[] probit = ProbitPredictive.probabilities(d);
            PredictiveSamples mc = MonteCarloPredictive.sample(post, x, samples, 7);
            double[][] mean = mc.meanProbabilities();
            for (int i = 0; i < x.numRows; i++) {
                for (int c = 0; c < t.k; c++) {
                    double sq = 0;
                    for (float[] sample : mc.probs()) {
                        double dev = sample[i * t.k + c] - mean[i][c];
                        sq += dev * dev;
                    }
                    double standardError = Math.sqrt(sq / (samples - 1) / samples);
                    assertTrue(standardError < 1e-4, s + ": Monte Carlo standard error " + standardError);
                    assertEquals(mean[i][c], probit[i * t.k + c], 1e-3, s + " p[" + i + "][" + c + "]");
                }
            }
        }
    }

    /**
     * The training features span two directions (the third varies by 0.01 only), like penultimate features that
     * fill a low-dimensional part of their space; the far point is ordinary in those two and 20 out along the third.
     * There the data do not constrain θ, the logit variance is of the prior's size, and the Laplace predictive
     * (λ by the evidence) must be more uncertain than at the training points on average, and than the MAP there.
     * (Scaling a point out along a direction the data do determine is not enough in a model this small: the
     * posterior's logit standard deviation grows like the mean, which bounds the confidence below 1, as shown by
     * Kristiadi et al. 2020, but not below the training points' average.)
     */
    @Test
    void aPointFarFromTheDataHasHigherPredictiveEntropyThanTheTrainingPoints() {
        TinyProblem t = TinyProblem.create(400, 3, 41, 1.0, new double[]{1, 1, 0.01});
        FMatrixRMaj far = new FMatrixRMaj(1, 3, true, 0.5f, -0.3f, 20f);
        double[] map = new double[t.k];
        Softmax.probabilities(t.map.logits(far).data, 0, t.k, map, 0);
        double mapFar = meanEntropy(map, t.k);
        for (Structure s : Structure.values()) {
            Curvature c = s.curvature(t.features, t.map);
            Posterior post = c.posterior(LaplaceEvidence.of(c, t.features, t.labels).maximise());
            double trainProbit = meanEntropy(ProbitPredictive.probabilities(post.logits(t.features)), t.k);
            double farProbit = meanEntropy(ProbitPredictive.probabilities(post.logits(far)), t.k);
            assertTrue(farProbit > trainProbit, s + " probit: far " + farProbit + ", training " + trainProbit);
            assertTrue(farProbit > mapFar, s + " probit: far " + farProbit + ", MAP there " + mapFar);
            double trainMc = meanEntropy(flatten(MonteCarloPredictive.sample(post, t.features, 200, 3)), t.k);
            double farMc = meanEntropy(flatten(MonteCarloPredictive.sample(post, far, 200, 3)), t.k);
            assertTrue(farMc > trainMc, s + " Monte Carlo: far " + farMc + ", training " + trainMc);
            assertTrue(farMc > mapFar, s + " Monte Carlo: far " + farMc + ", MAP there " + mapFar);
        }
    }

    @Test
    void theSameSeedGivesTheSameSamplesWhateverInputsArePredictedWithThem() {
        TinyProblem t = TinyProblem.create(200, 3, 3, 51, 1.0);
        FMatrixRMaj two = new FMatrixRMaj(2, 3, true, 0.1f, 0.2f, 0.3f, -1f, 0.5f, 2f);
        FMatrixRMaj second = new FMatrixRMaj(1, 3, true, -1f, 0.5f, 2f);
        for (Structure s : Structure.values()) {
            Posterior post = s.curvature(t.features, t.map).posterior(3);
            PredictiveSamples a = MonteCarloPredictive.sample(post, two, 16, 99);
            PredictiveSamples b = MonteCarloPredictive.sample(post, two, 16, 99);
            PredictiveSamples alone = MonteCarloPredictive.sample(post, second, 16, 99);
            PredictiveSamples other = MonteCarloPredictive.sample(post, two, 16, 100);
            for (int i = 0; i < 16; i++) {
                assertArrayEquals(a.probs()[i], b.probs()[i], s + ": sample " + i);
                for (int c = 0; c < t.k; c++) {
                    assertEquals(a.probs()[i][t.k + c], alone.probs()[i][c], 0f, s + ": same θ_s for the same input");
                }
            }
            assertTrue(TinyProblem.maxAbsDifference(PosteriorTest.toDouble(a.probs()[0]),
                    PosteriorTest.toDouble(other.probs()[0])) > 0, s + ": another seed, other samples");
        }
    }

    @Test
    void probitNllIsMinusTheLogOfItsProbabilities() {
        TinyProblem t = TinyProblem.create(100, 2, 4, 61, 1.0);
        LogitDistribution d = Structure.KRON.curvature(t.features, t.map).posterior(1).logits(t.features);
        double[] p = ProbitPredictive.probabilities(d);
        double nll = 0;
        for (int i = 0; i < t.n; i++) {
            nll -= Math.log(p[i * t.k + t.labels[i]]);
        }
        assertEquals(nll / t.n, ProbitPredictive.meanNegativeLogLikelihood(d, t.labels), 1e-12);
        assertEquals(1, ProbitPredictive.samples(d).sampleCount());
    }

    static double[] flatten(PredictiveSamples s) {
        double[][] mean = s.meanProbabilities();
        double[] flat = new double[s.n() * s.k()];
        for (int i = 0; i < s.n(); i++) {
            System.arraycopy(mean[i], 0, flat, i * s.k(), s.k());
        }
        return flat;
    }

    /** @return the mean over rows of −Σ p ln p */
    static double meanEntropy(double[] p, int k) {
        int n = p.length / k;
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                total -= p[i] * Math.log(p[i]);
            }
        }
        return total / n;
    }
}
