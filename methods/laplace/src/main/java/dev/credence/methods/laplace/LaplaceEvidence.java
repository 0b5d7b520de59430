package dev.credence.methods.laplace;

import org.ejml.data.FMatrixRMaj;

/**
 * The Laplace approximation of the log marginal likelihood as a function of t = ln λ, for the prior N(0, λ⁻¹I)
 * around a fixed θ* (MacKay 1992; Daxberger et al. 2021, Eq. 5 with the post-hoc θ*):
 * <pre>
 *   L(t) = ln p(D|θ*) − ½λ‖θ*‖² + ½P ln λ − ½ Σ_i ln(γ_i + λ),     λ = eᵗ
 * </pre>
 * where γ_i are the eigenvalues of the structure's GGN (the (2π)^{P/2} of the prior and of the Gaussian integral
 * cancel). Its derivatives are
 * <pre>
 *   L'(t)  = ½ (γ_eff(λ) − λ‖θ*‖²),          γ_eff(λ) = Σ_i γ_i / (γ_i + λ)   (MacKay's effective parameters)
 *   L''(t) = −½ (Σ_i γ_i λ / (γ_i + λ)² + λ‖θ*‖²)  &lt; 0
 * </pre>
 * so L is strictly concave in t and its maximiser, MacKay's fixed point λ = γ_eff(λ)/‖θ*‖², is unique; it is found
 * by Newton's method on t, safeguarded by bisection on a bracket of L'.
 */
public final class LaplaceEvidence {
    /** Stop when a Newton step in ln λ is below this. */
    private static final double STEP_TOLERANCE = 1e-12;
    private static final int MAX_ITERATIONS = 200;

    private final double[] spectrum;
    private final double logLikelihood;
    private final double squaredNorm;

    /**
     * @param spectrum      the P eigenvalues γ_i ≥ 0 of the GGN (negative values are taken as 0)
     * @param logLikelihood ln p(D|θ*)
     * @param squaredNorm   ‖θ*‖² &gt; 0
     */
    public LaplaceEvidence(double[] spectrum, double logLikelihood, double squaredNorm) {
        if (!(squaredNorm > 0)) {
            throw new IllegalArgumentException("‖θ*‖² must be > 0 (else the evidence grows without bound in λ), got " + squaredNorm);
        }
        this.spectrum = Curvature.clampNonNegative(spectrum.clone());
        this.logLikelihood = logLikelihood;
        this.squaredNorm = squaredNorm;
    }

    /**
     * @param curvature the GGN in some structure (its spectrum is computed if not yet)
     * @param features  the training features it was built from
     * @param labels    the training labels
     * @return the evidence of that curvature at its mean
     */
    public static LaplaceEvidence of(Curvature curvature, FMatrixRMaj features, int[] labels) {
        LastLayer mean = curvature.mean();
        return new LaplaceEvidence(curvature.spectrum(), LastLayerGgn.logLikelihood(features, labels, mean), mean.squaredNorm());
    }

    /** @return L(t), the approximate ln p(D | λ = eᵗ) */
    public double logEvidence(double logPriorPrecision) {
        double lambda = Math.exp(logPriorPrecision);
        double logDet = 0;
        for (double g : spectrum) {
            logDet += Math.log(g + lambda);
        }
        return logLikelihood - 0.5 * lambda * squaredNorm + 0.5 * spectrum.length * logPriorPrecision - 0.5 * logDet;
    }

    /** @return γ_eff(λ) = Σ γ_i / (γ_i + λ), the number of parameters the data determine */
    public double effectiveParameters(double priorPrecision) {
        double s = 0;
        for (double g : spectrum) {
            s += g / (g + priorPrecision);
        }
        return s;
    }

    /** @return L'(t) */
    public double derivative(double logPriorPrecision) {
        double lambda = Math.exp(logPriorPrecision);
        return 0.5 * (effectiveParameters(lambda) - lambda * squaredNorm);
    }

    /** @return L''(t) */
    public double secondDerivative(double logPriorPrecision) {
        double lambda = Math.exp(logPriorPrecision);
        double s = 0;
        for (double g : spectrum) {
            double d = g + lambda;
            s += g * lambda / (d * d);
        }
        return -0.5 * (s + lambda * squaredNorm);
    }

    /**
     * @return λ* = argmax L; ‖θ*‖² &gt; 0 bounds it above by P/‖θ*‖², and it is below any λ where L' &lt; 0
     * @throws ArithmeticException when the GGN is zero (L' &lt; 0 everywhere: no maximum at finite λ &gt; 0)
     */
    public double maximise() {
        double hi = Math.log(Math.E * Math.max(1, spectrum.length) / squaredNorm); // λ‖θ‖² = eP > γ_eff: L' < 0
        double lo = hi;
        double step = 1;
        while (derivative(lo) <= 0) {
            lo -= step;
            step *= 2;
            if (lo < -700) {
                throw new ArithmeticException("the evidence increases as λ → 0: the GGN is zero");
            }
        }
        double t = 0.5 * (lo + hi);
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double g = derivative(t);
            if (g > 0) {
                lo = t;
            } else {
                hi = t;
            }
            double next = t - g / secondDerivative(t);
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            if (Math.abs(next - t) < STEP_TOLERANCE || g == 0) {
                return Math.exp(next);
            }
            t = next;
        }
        return Math.exp(t);
    }
}
