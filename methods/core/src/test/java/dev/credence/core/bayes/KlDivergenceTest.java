package dev.credence.core.bayes;

import dev.credence.core.engine.GradientCheck;
import dev.credence.core.random.Rng;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The KL terms: gradients, the closed form against Monte Carlo, and the log-space mixture density. */
class KlDivergenceTest {

    static GaussianTensor tensor(int n, Rng rng) {
        GaussianTensor q = new GaussianTensor("q", 1, n, true);
        rng.fillUniform(q.mu().value().data, 0, n, -1f, 1f);
        rng.fillUniform(q.rho().value().data, 0, n, -2.5f, 0.5f);
        return q;
    }

    static List<GradientCheck.Target> targets(GaussianTensor q) {
        return List.of(GradientCheck.of(q.mu()), GradientCheck.of(q.rho()));
    }

    @Test
    void closedFormGaussianKlGradientMatchesFiniteDifferences() {
        Rng rng = new Rng(1);
        GaussianTensor q = tensor(25, rng);
        GaussianPrior prior = new GaussianPrior(0.7);
        prior.closedFormKl(q, 1.0);
        GradientCheck.Result result = GradientCheck.check(targets(q), () -> prior.closedFormKl(q, 0), 1e-3, 25, 1e-2, rng);
        assertTrue(result.maxRelativeError() < 1e-3, result.toString());
        assertEquals(50, result.checked());
    }

    @Test
    void closedFormKlIsZeroAtThePrior() {
        GaussianTensor q = new GaussianTensor("q", 1, 3, true);
        q.fillRho((float) Math.log(Math.expm1(1.0))); // softplus(ρ) = 1
        assertEquals(0.0, new GaussianPrior(1.0).closedFormKl(q, 0), 1e-6);
    }

    @Test
    void monteCarloMixtureKlGradientMatchesFiniteDifferencesAtFixedEps() {
        Rng rng = new Rng(2);
        GaussianTensor q = tensor(25, rng);
        ScaleMixturePrior prior = new ScaleMixturePrior(0.4, 1.0, 0.1);
        q.draw(rng); // fixes ε; the estimate recomputes w = μ + σε from the perturbed μ, ρ
        KlDivergence.monteCarlo(q, prior, 1.0);
        GradientCheck.Result result = GradientCheck.check(targets(q), () -> KlDivergence.monteCarlo(q, prior, 0), 1e-3, 25, 1e-2, rng);
        assertTrue(result.maxRelativeError() < 2e-3, result.toString());
    }

    @Test
    void monteCarloKlGradientWithBlundellsNarrowComponent() {
        // σ₂ = e⁻⁶: the density changes on a 0.0025 scale, so μ and σ are kept on that scale and the step is small
        Rng rng = new Rng(3);
        GaussianTensor q = new GaussianTensor("q", 1, 20, true);
        rng.fillUniform(q.mu().value().data, 0, 20, -0.01f, 0.01f);
        rng.fillUniform(q.rho().value().data, 0, 20, -7f, -5f);
        ScaleMixturePrior prior = new ScaleMixturePrior(0.5, 1.0, Math.exp(-6));
        q.draw(rng);
        KlDivergence.monteCarlo(q, prior, 1.0);
        GradientCheck.Result result = GradientCheck.check(targets(q), () -> KlDivergence.monteCarlo(q, prior, 0), 2e-5, 20, 1.0, rng);
        assertTrue(result.maxRelativeError() < 1e-2, result.toString());
    }

    @Test
    void closedFormAgreesWithMonteCarloWithinStandardErrors() {
        Rng rng = new Rng(4);
        GaussianTensor q = tensor(30, rng);
        GaussianPrior prior = new GaussianPrior(0.8);
        double exact = prior.closedFormKl(q, 0);
        int draws = 20000;
        double sum = 0;
        double sumSq = 0;
        for (int d = 0; d < draws; d++) {
            q.draw(rng);
            double kl = KlDivergence.monteCarlo(q, prior, 0);
            sum += kl;
            sumSq += kl * kl;
        }
        double mean = sum / draws;
        double se = Math.sqrt((sumSq / draws - mean * mean) / (draws - 1));
        assertTrue(se < 0.02 * Math.abs(exact), "standard error " + se + " too large to test KL " + exact);
        assertEquals(exact, mean, 3.5 * se, "closed form " + exact + ", Monte Carlo " + mean + " ± " + se);
    }

    @Test
    void monteCarloEstimateIsOffForAWrongClosedForm() {
        // the same comparison separates the KL from a plausible mistake (dropping the −½ per entry)
        Rng rng = new Rng(5);
        GaussianTensor q = tensor(30, rng);
        GaussianPrior prior = new GaussianPrior(0.8);
        double wrong = prior.closedFormKl(q, 0) + 0.5 * q.size();
        double sum = 0;
        double sumSq = 0;
        int draws = 20000;
        for (int d = 0; d < draws; d++) {
            q.draw(rng);
            double kl = KlDivergence.monteCarlo(q, prior, 0);
            sum += kl;
            sumSq += kl * kl;
        }
        double mean = sum / draws;
        double se = Math.sqrt((sumSq / draws - mean * mean) / (draws - 1));
        assertTrue(Math.abs(wrong - mean) > 10 * se);
    }

    @Test
    void mixtureDensityIsComputedInLogSpace() {
        ScaleMixturePrior prior = new ScaleMixturePrior(0.5, 1.0, Math.exp(-6));
        for (double w : new double[]{0, 1e-4, 0.003, 0.1, 1.0}) {
            double direct = Math.log(0.5 * Math.exp(WeightPrior.logNormal(w, 1.0)) + 0.5 * Math.exp(WeightPrior.logNormal(w, Math.exp(-6))));
            assertEquals(direct, prior.logDensity(w), 1e-9 * Math.max(1, Math.abs(direct)), "w = " + w);
        }
        // where both densities underflow a double the sum would be log(0) = −∞; in log space it is finite
        double far = prior.logDensity(60);
        assertTrue(Double.isFinite(far) && Math.abs(far - (Math.log(0.5) + WeightPrior.logNormal(60, 1.0))) < 1e-9, "" + far);
        assertTrue(Double.isFinite(prior.logDensityDerivative(60)));
        assertEquals(-60.0, prior.logDensityDerivative(60), 1e-9);
        // degenerate weights: π = 1 is the wide Gaussian alone
        assertEquals(WeightPrior.logNormal(0.3, 1.0), new ScaleMixturePrior(1.0, 1.0, 0.01).logDensity(0.3), 1e-12);
    }

    @Test
    void cachedSigmaFollowsEveryChangeOfRho() {
        Rng rng = new Rng(7);
        GaussianTensor q = tensor(6, rng);
        GaussianPrior prior = new GaussianPrior(1);
        prior.closedFormKl(q, 0); // fills the cache
        q.rho().value().data[3] = 1.5f; // changed by hand, as an optimizer would
        GaussianTensor fresh = new GaussianTensor("f", 1, 6, true);
        System.arraycopy(q.mu().value().data, 0, fresh.mu().value().data, 0, 6);
        System.arraycopy(q.rho().value().data, 0, fresh.rho().value().data, 0, 6);
        assertEquals(prior.closedFormKl(fresh, 0), prior.closedFormKl(q, 0), 0);
        q.draw(new Rng(1));
        fresh.draw(new Rng(1));
        assertEquals(fresh.draw(new Rng(2)).get(0, 3), q.draw(new Rng(2)).get(0, 3), 0f);
    }

    @Test
    void monteCarloNeedsADraw() {
        GaussianTensor q = new GaussianTensor("q", 1, 2, true);
        assertThrows(IllegalStateException.class, () -> KlDivergence.monteCarlo(q, new GaussianPrior(1), 0));
    }

    @Test
    void removedEntriesCarryNoKl() {
        Rng rng = new Rng(6);
        GaussianTensor q = tensor(4, rng);
        GaussianPrior prior = new GaussianPrior(1);
        double all = prior.closedFormKl(q, 0);
        GaussianTensor single = new GaussianTensor("s", 1, 1, true);
        single.mu().value().data[0] = q.mu().value().data[2];
        single.rho().value().data[0] = q.rho().value().data[2];
        double third = prior.closedFormKl(single, 0);
        q.remove(2);
        assertEquals(all - third, prior.closedFormKl(q, 0), 1e-9);
    }
}
