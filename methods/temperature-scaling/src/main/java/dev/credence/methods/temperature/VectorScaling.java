package dev.credence.methods.temperature;

import org.ejml.data.FMatrixRMaj;

import java.util.Arrays;

/**
 * Vector scaling (Guo et al. 2017, §4.2, matrix scaling with a diagonal matrix): logit z_c becomes w_c z_c + b_c, so
 * 1/w_c acts as a per-class temperature. Fitted on the logits of a point predictive only: for a sampled one the
 * 2K-parameter objective through the average of S softmaxes is not convex, and {@link #fit} refuses it (temperature
 * scaling takes sampled predictives). The fit is Newton's method from the identity (w = 1, b = 0) with a backtracking
 * (Armijo) line search on the convex weighted NLL ({@link VectorScalingNll}), stopping when the Newton decrement
 * gᵀH⁻¹g falls below {@link #DECREMENT_TOLERANCE} (that full step is then taken); the Newton system is solved by
 * {@link NewtonSystem}. Softmax is shift-invariant, so the biases are reported with mean zero.
 */
public final class VectorScaling implements LogitScaling {
    private static final long serialVersionUID = 1L;
    /** Newton decrement at which the fit stops: f is then within about half of it of the minimum. */
    private static final double DECREMENT_TOLERANCE = 1e-16;
    /**
     * Newton decrement below which the line search may fail from rounding alone (the NLL, a weighted sum over N
     * examples, is only accurate to about 10⁻¹⁶·N relative); there the Newton step is taken without it.
     */
    private static final double ROUNDING_DECREMENT = 1e-10;
    /** Iteration cap; reached only when the NLL has no minimiser (e.g. separable validation data). */
    private static final int MAX_ITERATIONS = 100;
    /** Armijo sufficient-decrease fraction of the line search. */
    private static final double ARMIJO = 1e-4;
    /** Smallest step fraction the line search tries before it gives up. */
    private static final double MIN_STEP_FRACTION = 1e-10;

    private final double[] weights;
    private final double[] biases;

    /**
     * @param weights w_c, finite, one per class
     * @param biases  b_c, finite, one per class
     */
    public VectorScaling(double[] weights, double[] biases) {
        if (weights.length != biases.length || weights.length < 2) {
            throw new IllegalArgumentException("need as many weights as biases, for ≥ 2 classes, got " + weights.length
                    + " and " + biases.length);
        }
        for (int c = 0; c < weights.length; c++) {
            if (!Double.isFinite(weights[c]) || !Double.isFinite(biases[c])) {
                throw new IllegalArgumentException("class " + c + ": weight " + weights[c] + " and bias " + biases[c] + " must be finite");
            }
        }
        this.weights = weights.clone();
        this.biases = biases.clone();
    }

    /**
     * @param k number of classes
     * @return w = 1, b = 0: leaves logits unchanged
     */
    public static VectorScaling identity(int k) {
        double[] ones = new double[k];
        Arrays.fill(ones, 1);
        return new VectorScaling(ones, new double[k]);
    }

    /** @return w, one per class (a copy) */
    public double[] weights() {
        return weights.clone();
    }

    /** @return b, one per class (a copy) */
    public double[] biases() {
        return biases.clone();
    }

    /**
     * @param set validation logits of a point predictive (one sample), labels and weights
     * @return the fitted scaling; {@code evaluations} counts Newton iterations
     * @throws IllegalArgumentException for a sampled set
     */
    public static CalibrationFit<VectorScaling> fit(CalibrationSet set) {
        VectorScalingNll nll = new VectorScalingNll(set);
        int k = nll.numClasses();
        int dim = 2 * k;
        double[] theta = new double[dim];
        Arrays.fill(theta, 0, k, 1);
        double[] gradient = new double[dim];
        double[] hessian = new double[dim * dim];
        double value = nll.evaluate(theta, gradient, hessian);
        double identity = value;
        boolean converged = false;
        int iteration = 0;
        double[] trial = new double[dim];
        while (iteration < MAX_ITERATIONS) {
            iteration++;
            double[] step = NewtonSystem.step(hessian, gradient, k);
            double decrement = 0;
            for (int j = 0; j < dim; j++) {
                decrement -= gradient[j] * step[j];
            }
            if (decrement <= DECREMENT_TOLERANCE) {
                for (int j = 0; j < dim; j++) {
                    theta[j] += step[j];
                }
                converged = true;
                break;
            }
            if (!lineSearch(nll, theta, step, value, decrement, trial)) {
                if (decrement > ROUNDING_DECREMENT) {
                    break;
                }
                // the NLL cannot resolve a decrease this small: take the (quadratic-regime) Newton step as it is
                for (int j = 0; j < dim; j++) {
                    trial[j] = theta[j] + step[j];
                }
            }
            System.arraycopy(trial, 0, theta, 0, dim);
            value = nll.evaluate(theta, gradient, hessian);
        }
        double meanBias = 0;
        for (int c = 0; c < k; c++) {
            meanBias += theta[k + c] / k;
        }
        for (int c = 0; c < k; c++) {
            theta[k + c] -= meanBias;
        }
        VectorScaling scaling = new VectorScaling(Arrays.copyOf(theta, k), Arrays.copyOfRange(theta, k, dim));
        return new CalibrationFit<>(scaling, identity, nll.value(theta), iteration, converged);
    }

    /**
     * Backtracking from the full step: the first θ + α·step, α = 1, ½, ¼, …, with f ≤ f(θ) − {@link #ARMIJO}·α·decrement.
     *
     * @return whether such a point was found (then in {@code trial}) before α fell below {@link #MIN_STEP_FRACTION}
     */
    private static boolean lineSearch(VectorScalingNll nll, double[] theta, double[] step, double value, double decrement,
                                      double[] trial) {
        for (double fraction = 1; fraction >= MIN_STEP_FRACTION; fraction /= 2) {
            for (int j = 0; j < theta.length; j++) {
                trial[j] = theta[j] + fraction * step[j];
            }
            if (nll.value(trial) <= value - ARMIJO * fraction * decrement) {
                return true;
            }
        }
        return false;
    }

    /** @return w_c z_c + b_c for every logit (exactly z for the identity) */
    @Override
    public FMatrixRMaj apply(FMatrixRMaj logits) {
        int k = weights.length;
        if (logits.numCols != k) {
            throw new IllegalArgumentException("logits have " + logits.numCols + " classes, the scaling " + k);
        }
        FMatrixRMaj out = new FMatrixRMaj(logits.numRows, k);
        for (int i = 0, size = logits.numRows * k; i < size; i++) {
            int c = i % k;
            out.data[i] = (float) (weights[c] * logits.data[i] + biases[c]);
        }
        return out;
    }

    @Override
    public String toString() {
        return "VectorScaling(w=" + Arrays.toString(weights) + ", b=" + Arrays.toString(biases) + ")";
    }
}
