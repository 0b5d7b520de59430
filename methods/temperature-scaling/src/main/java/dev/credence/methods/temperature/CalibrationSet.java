package dev.credence.methods.temperature;

import org.ejml.data.FMatrixRMaj;

import java.util.List;

/**
 * Validation logits, labels and example weights to fit a {@link LogitScaling} on. A point predictive gives one
 * N×K logit matrix; a sampled one (MC dropout, weight samples) gives S, one per sample, over the same N examples,
 * and its predictive is (1/S) Σ_s softmax(scaled z_s). Logits must be finite (a logit of −∞, e.g. from ln 0, is
 * refused); weights are normalised to sum 1. The set copies what it is given.
 */
public final class CalibrationSet {
    private final float[][] logits;
    private final int n;
    private final int k;
    private final int[] labels;
    private final double[] weights;

    private CalibrationSet(List<FMatrixRMaj> samples, int[] labels, double[] weights) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("calibration needs at least one logit matrix");
        }
        this.n = samples.get(0).numRows;
        this.k = samples.get(0).numCols;
        if (k < 2) {
            throw new IllegalArgumentException("calibration needs at least 2 classes, got " + k);
        }
        if (labels.length != n || weights.length != n) {
            throw new IllegalArgumentException(n + " logit rows, " + labels.length + " labels and " + weights.length + " weights");
        }
        this.logits = new float[samples.size()][];
        for (int s = 0; s < samples.size(); s++) {
            FMatrixRMaj z = samples.get(s);
            if (z.numRows != n || z.numCols != k) {
                throw new IllegalArgumentException("logit sample " + s + " is " + z.numRows + "×" + z.numCols + ", expected " + n + "×" + k);
            }
            logits[s] = java.util.Arrays.copyOf(z.data, n * k);
            for (float v : logits[s]) {
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("logit sample " + s + " has a non-finite value " + v);
                }
            }
        }
        for (int y : labels) {
            if (y < 0 || y >= k) {
                throw new IllegalArgumentException("label " + y + " is outside 0.." + (k - 1));
            }
        }
        this.labels = labels.clone();
        double total = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("example weights must be finite and ≥ 0, got " + w);
            }
            total += w;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("example weights sum to " + total + "; at least one must be > 0");
        }
        this.weights = new double[n];
        for (int i = 0; i < n; i++) {
            this.weights[i] = weights[i] / total;
        }
    }

    /**
     * @param logits  N×K logits of a point predictive
     * @param labels  N classes in 0..K−1
     * @param weights N example weights ≥ 0 (e.g. from {@link ExampleWeighting}), normalised here
     * @return the set
     */
    public static CalibrationSet point(FMatrixRMaj logits, int[] labels, double[] weights) {
        return new CalibrationSet(List.of(logits), labels, weights);
    }

    /**
     * @param logits  S ≥ 1 N×K logit matrices, one per predictive sample, rows in the same example order
     * @param labels  N classes in 0..K−1
     * @param weights N example weights ≥ 0, normalised here
     * @return the set
     */
    public static CalibrationSet sampled(List<FMatrixRMaj> logits, int[] labels, double[] weights) {
        return new CalibrationSet(logits, labels, weights);
    }

    /** @return N, the number of examples */
    public int size() {
        return n;
    }

    /** @return K, the number of classes */
    public int numClasses() {
        return k;
    }

    /** @return S, the number of logit samples per example (1 for a point predictive) */
    public int sampleCount() {
        return logits.length;
    }

    /** @return sample s's logits, N·K row-major (not a copy) */
    float[] logits(int s) {
        return logits[s];
    }

    /** @return the labels (not a copy) */
    int[] labels() {
        return labels;
    }

    /** @return the weights, summing to 1 (not a copy) */
    double[] weights() {
        return weights;
    }
}
