package dev.credence.core.bayes;

import dev.credence.core.kernel.Elementwise;
import dev.credence.core.kernel.ElementwiseKernels;

/**
 * The prior p(w) = N(0, σ_p²) on every weight and bias. KL(q ‖ p) against q = N(μ, σ²) has the closed form,
 * per entry, ln(σ_p/σ) + (σ² + μ²)/(2σ_p²) − ½, with ∂/∂μ = μ/σ_p² and ∂/∂σ = −1/σ + σ/σ_p²
 * (times dσ/dρ = sigmoid(ρ) for ρ). The KL is summed in double; the gradients are accumulated in float by
 * {@link Elementwise#gaussianKlGradients} (a few ulp from the double expressions).
 *
 * @param sigma σ_p &gt; 0
 */
public record GaussianPrior(double sigma) implements WeightPrior {
    private static final long serialVersionUID = 1L;
    private static final Elementwise KERNEL = ElementwiseKernels.selected();

    /**
     * Checks σ_p.
     *
     * @param sigma σ_p &gt; 0
     */
    public GaussianPrior {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("prior sigma must be finite and > 0, got " + sigma);
        }
    }

    @Override
    public double logDensity(double w) {
        return WeightPrior.logNormal(w, sigma);
    }

    @Override
    public double logDensityDerivative(double w) {
        return -w / (sigma * sigma);
    }

    @Override
    public boolean hasClosedFormKl() {
        return true;
    }

    @Override
    public double closedFormKl(GaussianTensor q, double gradScale) {
        q.refresh();
        float[] sigmas = q.sigmaCache();
        float[] mu = q.mu().value().data;
        double inv2Var = 1.0 / (2 * sigma * sigma);
        double invVar = 2 * inv2Var;
        int n = q.size();
        boolean[] removed = q.removedMask();
        // runs of kept entries (removed ones carry no KL), so the common case is one branch-free run;
        // Σ ln σ without a logarithm per entry
        double squares = 0;
        double logSigma = 0;
        int kept = 0;
        int j = 0;
        while (j < n) {
            while (j < n && removed != null && removed[j]) {
                j++;
            }
            int end = j;
            while (end < n && (removed == null || !removed[end])) {
                end++;
            }
            squares += LogSum.squares(sigmas, mu, j, end);
            logSigma += LogSum.of(sigmas, j, end);
            if (gradScale != 0) {
                KERNEL.gaussianKlGradients(sigmas, q.sigmaPrimeCache(), mu, q.mu().grad().data, q.rho().grad().data,
                        (float) (gradScale * invVar), (float) gradScale, j, end);
            }
            kept += end - j;
            j = end;
        }
        return kept * (Math.log(sigma) - 0.5) - logSigma + squares * inv2Var;
    }

    @Override
    public String toString() {
        return "N(0, " + sigma + "²)";
    }
}
