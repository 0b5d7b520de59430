package dev.credence.core.bayes;


/**
 * The prior p(w) = N(0, σ_p²) on every weight and bias. KL(q ‖ p) against q = N(μ, σ²) has the closed form,
 * per entry, ln(σ_p/σ) + (σ² + μ²)/(2σ_p²) − ½, with ∂/∂μ = μ/σ_p² and ∂/∂σ = −1/σ + σ/σ_p²
 * (times dσ/dρ = sigmoid(ρ) for ρ).
 *
 * @param sigma σ_p &gt; 0
 */
public record GaussianPrior(double sigma) implements WeightPrior {
    private static final long serialVersionUID = 1L;

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
        float[] sigmaPrimes = q.sigmaPrimeCache();
        float[] mu = q.mu().value().data;
        float[] gMu = q.mu().grad().data;
        float[] gRho = q.rho().grad().data;
        double inv2Var = 1.0 / (2 * sigma * sigma);
        double invVar = 2 * inv2Var;
        double logSigmaP = Math.log(sigma);
        double kl = 0;
        for (int j = 0, n = q.size(); j < n; j++) {
            if (q.isRemoved(j)) {
                continue;
            }
            double s = sigmas[j];
            double m = mu[j];
            kl += logSigmaP - Math.log(s) + (s * s + m * m) * inv2Var - 0.5;
            if (gradScale != 0) {
                gMu[j] += (float) (gradScale * m * invVar);
                gRho[j] += (float) (gradScale * (-1.0 / s + s * invVar) * sigmaPrimes[j]);
            }
        }
        return kl;
    }

    @Override
    public String toString() {
        return "N(0, " + sigma + "²)";
    }
}
