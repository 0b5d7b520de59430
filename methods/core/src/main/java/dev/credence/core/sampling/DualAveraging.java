package dev.credence.core.sampling;

/**
 * Step-size adaptation by dual averaging (Hoffman &amp; Gelman 2014, Algorithm 5, with their constants γ = 0.05,
 * t₀ = 10, κ = 0.75 and μ = log(10·ε₀)): after warm-up iteration m with acceptance probability α_m,
 * H̄_m = (1 − 1/(m + t₀))·H̄_{m−1} + (δ − α_m)/(m + t₀), log ε_m = μ − (√m/γ)·H̄_m and
 * log ε̄_m = m^(−κ)·log ε_m + (1 − m^(−κ))·log ε̄_{m−1}; ε_m is used during warm-up and ε̄ after it.
 */
public final class DualAveraging {
    static final double GAMMA = 0.05;
    static final double T0 = 10;
    static final double KAPPA = 0.75;

    private final double target;
    private final double mu;
    private double hBar;
    private double logEpsilon;
    private double logEpsilonBar;
    private int m;

    /**
     * @param initialStepSize ε₀ &gt; 0
     * @param targetAccept    δ in (0, 1)
     */
    public DualAveraging(double initialStepSize, double targetAccept) {
        if (!(initialStepSize > 0) || !(targetAccept > 0 && targetAccept < 1)) {
            throw new IllegalArgumentException("dual averaging needs ε₀ > 0 and δ in (0, 1), got " + initialStepSize
                    + " and " + targetAccept);
        }
        this.target = targetAccept;
        this.mu = Math.log(10 * initialStepSize);
        this.logEpsilon = Math.log(initialStepSize);
    }

    /** @param acceptProbability α_m = min(1, exp(−ΔH)) of the iteration just done */
    public void update(double acceptProbability) {
        m++;
        double w = 1.0 / (m + T0);
        hBar = (1 - w) * hBar + w * (target - acceptProbability);
        logEpsilon = mu - Math.sqrt(m) / GAMMA * hBar;
        double eta = Math.pow(m, -KAPPA);
        logEpsilonBar = eta * logEpsilon + (1 - eta) * logEpsilonBar;
    }

    /** @return ε_m, the step size of the next warm-up iteration (ε₀ before the first update) */
    public double stepSize() {
        return Math.exp(logEpsilon);
    }

    /** @return ε̄_m, the step size after warm-up (ε₀ when no update was made) */
    public double finalStepSize() {
        return m == 0 ? Math.exp(logEpsilon) : Math.exp(logEpsilonBar);
    }
}
