package dev.credence.core.bayes;

/**
 * σ = softplus(ρ) = ln(1 + e^ρ) in double, the one double softplus of the main code: the reference behind
 * {@link GaussianTensor#sigmaAt} (pruning ranks, summaries). The per-step σ cache of {@link GaussianTensor} uses
 * the float kernels of {@link dev.credence.core.kernel.Elementwise} instead, within a few ulp of these values.
 * Computed as max(ρ, 0) + log1p(e^−|ρ|), which never overflows.
 */
final class Softplus {
    private Softplus() {
    }

    /** @return ln(1 + e^x) */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
