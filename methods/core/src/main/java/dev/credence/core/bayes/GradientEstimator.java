package dev.credence.core.bayes;

import java.util.Locale;

/**
 * How a Gaussian-weight layer turns its posterior into a stochastic forward pass whose gradient is an unbiased
 * estimate of the expected-likelihood gradient.
 */
public enum GradientEstimator {
    /**
     * One draw W = μ + σ∘ε shared by the whole minibatch per pass (Blundell et al. 2015); one GEMM forward.
     * Works with any prior (Monte Carlo KL from the same ε).
     */
    sampled_weights,
    /**
     * Local reparameterization (Kingma, Salimans &amp; Welling 2015): sample each example's pre-activation
     * b = γ + √δ∘ζ, γ = x·μ_W + μ_b, δ = x²·σ_W² + σ_b², ζ ~ N(0, I); lower variance, two GEMMs forward.
     * Needs a closed-form KL (no weight draw exists).
     */
    local_reparam,
    /**
     * Flipout (Wen, Vicol, Ba, Tran &amp; Grosse 2018): one shared perturbation ΔW = σ∘ε per pass, made
     * pseudo-independent per example by random signs, y_n = x_n·μ + b + ((x_n∘s_n)·ΔW)∘r_n ({@link FlipoutLayer});
     * two GEMMs forward. Works with any prior (Monte Carlo KL from the shared draw W = μ + ΔW).
     */
    flipout;

    /** @return the snake_case name used in configurations ("sampled_weights", "local_reparam", "flipout") */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param key "sampled_weights", "local_reparam" or "flipout"
     * @return the estimator
     */
    public static GradientEstimator of(String key) {
        for (GradientEstimator e : values()) {
            if (e.key().equals(key)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown gradient estimator '" + key + "' (known: sampled_weights, local_reparam, flipout)");
    }
}
