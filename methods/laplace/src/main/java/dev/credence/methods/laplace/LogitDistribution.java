package dev.credence.methods.laplace;

/**
 * The Gaussian over each example's logits that a last-layer posterior N(θ*, Σ) induces: f ~ N(J θ*, J Σ Jᵀ), exact
 * because the logits are linear in θ.
 *
 * @param n          examples
 * @param k          classes
 * @param mean       n×K logit means f = φW + b, row-major
 * @param covariance n×K×K logit covariances Σ_f = J Σ Jᵀ, example-major then row-major
 */
public record LogitDistribution(int n, int k, double[] mean, double[] covariance) {
    /** Checks shapes. */
    public LogitDistribution {
        if (mean.length != n * k || covariance.length != n * k * k) {
            throw new IllegalArgumentException("logit moments of " + mean.length + " and " + covariance.length
                    + " values do not fit n=" + n + ", K=" + k);
        }
    }

    /** @return Var(f_c) of example i */
    public double variance(int i, int c) {
        return covariance[(i * k + c) * k + c];
    }

    /** @return Cov(f_c, f_d) of example i */
    public double covariance(int i, int c, int d) {
        return covariance[(i * k + c) * k + d];
    }
}
