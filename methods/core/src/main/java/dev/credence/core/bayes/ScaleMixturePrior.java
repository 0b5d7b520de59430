package dev.credence.core.bayes;

/**
 * The scale-mixture prior of Blundell et al. (2015), p(w) = π·N(0, σ₁²) + (1 − π)·N(0, σ₂²): a wide component
 * and a narrow one (σ₂ ≪ σ₁) that pulls many weights towards zero. The paper's best settings used
 * π ∈ {¼, ½, ¾}, −ln σ₁ ∈ {0, 1, 2} and −ln σ₂ ∈ {6, 7, 8}; this project's defaults are π = ½, σ₁ = 1, σ₂ = e⁻⁶.
 * The density is evaluated in log space: ln p(w) = logsumexp(ln π + ln N(w; 0, σ₁²), ln(1−π) + ln N(w; 0, σ₂²)),
 * never the log of a sum that may underflow; d ln p/dw = −w·(r₁/σ₁² + r₂/σ₂²) with the responsibilities
 * r_c = exp(component_c − ln p). There is no closed-form KL; use the Monte Carlo estimate
 * ({@link KlDivergence#monteCarlo}).
 */
public final class ScaleMixturePrior implements WeightPrior {
    private static final long serialVersionUID = 1L;

    private final double pi;
    private final double sigma1;
    private final double sigma2;
    private final double offset1;
    private final double offset2;
    private final double halfPrecision1;
    private final double halfPrecision2;

    /**
     * @param pi     mixture weight π of the first component, in [0, 1]
     * @param sigma1 σ₁ &gt; 0
     * @param sigma2 σ₂ &gt; 0
     */
    public ScaleMixturePrior(double pi, double sigma1, double sigma2) {
        if (!(pi >= 0 && pi <= 1) || !(sigma1 > 0) || !(sigma2 > 0) || Double.isInfinite(sigma1) || Double.isInfinite(sigma2)) {
            throw new IllegalArgumentException("scale mixture needs π in [0, 1] and finite σ₁, σ₂ > 0, got "
                    + pi + ", " + sigma1 + ", " + sigma2);
        }
        this.pi = pi;
        this.sigma1 = sigma1;
        this.sigma2 = sigma2;
        this.offset1 = Math.log(pi) - Math.log(sigma1) - HALF_LOG_TWO_PI;
        this.offset2 = Math.log1p(-pi) - Math.log(sigma2) - HALF_LOG_TWO_PI;
        this.halfPrecision1 = 0.5 / (sigma1 * sigma1);
        this.halfPrecision2 = 0.5 / (sigma2 * sigma2);
    }

    /** @return π */
    public double pi() {
        return pi;
    }

    /** @return σ₁ */
    public double sigma1() {
        return sigma1;
    }

    /** @return σ₂ */
    public double sigma2() {
        return sigma2;
    }

    @Override
    public double logDensity(double w) {
        double w2 = w * w;
        return logSumExp(offset1 - halfPrecision1 * w2, offset2 - halfPrecision2 * w2);
    }

    @Override
    public double logDensityDerivative(double w) {
        double w2 = w * w;
        double a = offset1 - halfPrecision1 * w2;
        double b = offset2 - halfPrecision2 * w2;
        double lse = logSumExp(a, b);
        double r1 = Math.exp(a - lse);
        double r2 = Math.exp(b - lse);
        return -2 * w * (r1 * halfPrecision1 + r2 * halfPrecision2);
    }

    private static double logSumExp(double a, double b) {
        double m = Math.max(a, b);
        if (m == Double.NEGATIVE_INFINITY) {
            return m;
        }
        return m + Math.log(Math.exp(a - m) + Math.exp(b - m));
    }

    @Override
    public String toString() {
        return pi + "·N(0, " + sigma1 + "²) + " + (1 - pi) + "·N(0, " + sigma2 + "²)";
    }
}
