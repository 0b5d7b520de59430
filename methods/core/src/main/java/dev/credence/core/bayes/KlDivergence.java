package dev.credence.core.bayes;


import java.util.List;

/**
 * KL(q ‖ p) of mean-field Gaussian posteriors against a {@link WeightPrior}, with gradients wrt μ and ρ.
 *
 * <p>The Monte Carlo estimate uses the draw w = μ + σ∘ε of the last forward pass:
 * KL ≈ Σ_j ln q(w_j) − ln p(w_j), ln q(w_j) = −½ln(2π) − ln σ_j − ½ε_j². Its gradient at fixed ε (the
 * reparameterization gradient) is ∂/∂μ_j = −p'(w_j) (ln q(μ + σε) does not depend on μ) and
 * ∂/∂ρ_j = (−1/σ_j − p'(w_j)·ε_j)·sigmoid(ρ_j), with p' = d ln p / dw.
 */
public final class KlDivergence {
    private KlDivergence() {
    }

    /**
     * The closed form when the prior has one, else the Monte Carlo estimate from the last draw.
     *
     * @param q         posterior
     * @param prior     prior
     * @param gradScale multiplier of the accumulated gradient (0 = value only)
     * @return the KL (or its one-draw estimate)
     */
    public static double of(GaussianTensor q, WeightPrior prior, double gradScale) {
        return prior.hasClosedFormKl() ? prior.closedFormKl(q, gradScale) : monteCarlo(q, prior, gradScale);
    }

    /**
     * One-draw Monte Carlo estimate ln q(w) − ln p(w) at the ε of the last draw of {@code q}, accumulating
     * gradScale times its reparameterization gradient.
     *
     * @param q         posterior, drawn at least once (its ε is reused)
     * @param prior     prior
     * @param gradScale multiplier of the accumulated gradient (0 = value only)
     * @return the estimate
     */
    public static double monteCarlo(GaussianTensor q, WeightPrior prior, double gradScale) {
        float[] eps = q.lastEps();
        if (eps == null) {
            throw new IllegalStateException(q.mu().name() + " has no weight draw: a Monte Carlo KL needs a sampled forward pass");
        }
        q.refresh();
        float[] sigmas = q.sigmaCache();
        float[] sigmaPrimes = q.sigmaPrimeCache();
        float[] mu = q.mu().value().data;
        float[] gMu = q.mu().grad().data;
        float[] gRho = q.rho().grad().data;
        double kl = 0;
        for (int j = 0, n = q.size(); j < n; j++) {
            if (q.isRemoved(j)) {
                continue;
            }
            double s = sigmas[j];
            double e = eps[j];
            double w = mu[j] + s * e;
            kl += -WeightPrior.HALF_LOG_TWO_PI - Math.log(s) - 0.5 * e * e - prior.logDensity(w);
            if (gradScale != 0) {
                double dp = prior.logDensityDerivative(w);
                gMu[j] += (float) (-gradScale * dp);
                gRho[j] += (float) (gradScale * (-1.0 / s - dp * e) * sigmaPrimes[j]);
            }
        }
        return kl;
    }

    /**
     * Sum over every weight and bias tensor of the layers.
     *
     * @param layers    the Gaussian layers of a network
     * @param prior     prior
     * @param gradScale multiplier of the accumulated gradient (0 = value only)
     * @return Σ KL (closed form or one-draw estimate, see {@link #of})
     */
    public static double total(List<GaussianAffineLayer> layers, WeightPrior prior, double gradScale) {
        double kl = 0;
        for (GaussianAffineLayer layer : layers) {
            for (GaussianTensor t : layer.tensors()) {
                kl += of(t, prior, gradScale);
            }
        }
        return kl;
    }
}
