package dev.credence.core.bayes;

/**
 * σ = softplus(ρ) = ln(1 + e^ρ) in double: the reference behind
 * {@link GaussianTensor#sigmaAt} (pruning ranks, summaries). The per-step σ cache of {@link GaussianTensor} uses
 * the float kernels of {@link dev.credence.core.kernel.Elementwise} instead, within a few ulp of these values.
 * With t = e^−|ρ| ∈ (0, 1]: softplus(ρ) = max(ρ, 0) + ln(1 + t), where ln(1 + t) is the series t − t²/2 + t³/3
 * for t &lt; 10⁻⁴ (relative error &lt; t³/4 &lt; 10⁻¹²) and {@code Math.log(1 + t)} otherwise (relative error
 * &lt; 1.2·10⁻¹², from rounding 1 + t): far below float precision. Never overflows.
 */
final class Softplus {
    private Softplus() {
    }

    /** @return ln(1 + e^x) */
    static double softplus(double x) {
        double t = Math.exp(-Math.abs(x));
        return Math.max(x, 0) + log1pSmall(t);
    }

    private static double log1pSmall(double t) {
        return t < 1e-4 ? t * (1 - t * (0.5 - t / 3)) : Math.log(1 + t);
    }
}
