package dev.credence.core.bayes;

import java.io.Serializable;

/**
 * A factorised prior p(w) = Π_j p(w_j) over the weights and biases of a Bayesian network. It gives log p and
 * d log p / dw for the Monte Carlo KL estimate, and may offer a closed-form KL(q ‖ p) against a Gaussian q.
 */
public interface WeightPrior extends Serializable {

    /** ½·ln(2π). */
    double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    /**
     * @param w a weight
     * @return ln p(w)
     */
    double logDensity(double w);

    /**
     * @param w a weight
     * @return d ln p(w) / dw
     */
    double logDensityDerivative(double w);

    /** @return whether {@link #closedFormKl} is available */
    default boolean hasClosedFormKl() {
        return false;
    }

    /**
     * Exact KL(q ‖ p) summed over the entries of q, accumulating gradScale·∂KL/∂μ and gradScale·∂KL/∂ρ into
     * the gradients of q.
     *
     * @param q         the Gaussian posterior
     * @param gradScale multiplier of the gradient (0 = value only)
     * @return the KL
     */
    default double closedFormKl(GaussianTensor q, double gradScale) {
        throw new UnsupportedOperationException(this + " has no closed-form KL");
    }

    /**
     * @param w     a weight
     * @param sigma standard deviation (&gt; 0)
     * @return ln N(w; 0, σ²) = −½ln(2π) − ln σ − w²/(2σ²)
     */
    static double logNormal(double w, double sigma) {
        double z = w / sigma;
        return -HALF_LOG_TWO_PI - Math.log(sigma) - 0.5 * z * z;
    }
}
