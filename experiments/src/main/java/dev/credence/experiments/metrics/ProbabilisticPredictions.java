package dev.credence.experiments.metrics;

/**
 * What the metrics need from a predictive distribution over N test examples and K classes.
 *
 * <p>{@code meanProbs[i]} is the mean predictive p_i = (1/S) &Sigma;_s p_i^(s);
 * {@code expectedEntropy[i]} = (1/S) &Sigma;_s H(p_i^(s)) with H(p) = &minus;&Sigma;_k p_k ln p_k. For a
 * point estimate (S = 1) it is H(p_i), so that the mutual information is 0. The arrays are not copied: do not
 * mutate them after construction.
 *
 * @param labels true class y_i in 0..K&minus;1, length N &ge; 1
 * @param meanProbs N rows of K probabilities, each finite and in [0, 1]
 * @param expectedEntropy per-example expected entropy, length N, finite and &ge; 0
 * @param numClasses K &ge; 2
 */
public record ProbabilisticPredictions(int[] labels, double[][] meanProbs, double[] expectedEntropy, int numClasses) {

    /**
     * Validates shapes and ranges; throws {@link IllegalArgumentException} naming the offending entry.
     *
     * @param labels true classes
     * @param meanProbs mean predictive probabilities
     * @param expectedEntropy per-example expected entropy
     * @param numClasses K
     */
    public ProbabilisticPredictions {
        if (labels == null || meanProbs == null || expectedEntropy == null) {
            throw new IllegalArgumentException("labels, meanProbs and expectedEntropy must not be null");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be >= 2, got " + numClasses);
        }
        int n = labels.length;
        if (n == 0) {
            throw new IllegalArgumentException("no examples");
        }
        if (meanProbs.length != n || expectedEntropy.length != n) {
            throw new IllegalArgumentException("length mismatch: " + n + " labels, " + meanProbs.length
                    + " probability rows, " + expectedEntropy.length + " expected entropies");
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label of example " + i + " is " + labels[i]
                        + ", not in 0.." + (numClasses - 1));
            }
            double[] row = meanProbs[i];
            if (row == null || row.length != numClasses) {
                throw new IllegalArgumentException("probability row of example " + i + " has "
                        + (row == null ? "no" : String.valueOf(row.length)) + " entries, expected " + numClasses);
            }
            for (int k = 0; k < numClasses; k++) {
                double v = row[k];
                if (!(v >= 0.0 && v <= 1.0)) {
                    throw new IllegalArgumentException("probability [" + i + "][" + k + "] = " + v
                            + " is not in [0, 1]");
                }
            }
            double h = expectedEntropy[i];
            if (!(h >= 0.0) || Double.isInfinite(h)) {
                throw new IllegalArgumentException("expected entropy of example " + i + " = " + h
                        + " is not finite and >= 0");
            }
        }
    }

    /** @return N, the number of examples */
    public int size() {
        return labels.length;
    }

    /**
     * Point estimate (S = 1): the expected entropy of each example is the entropy of its probabilities, so the
     * mutual information is exactly 0.
     *
     * @param labels true classes
     * @param probs N rows of K probabilities (not copied)
     * @param numClasses K
     * @return the predictions
     */
    public static ProbabilisticPredictions fromPointEstimate(int[] labels, double[][] probs, int numClasses) {
        if (probs == null) {
            throw new IllegalArgumentException("probs must not be null");
        }
        double[] h = new double[probs.length];
        for (int i = 0; i < probs.length; i++) {
            h[i] = probs[i] == null ? 0.0 : UncertaintyMetrics.entropy(probs[i]);
        }
        return new ProbabilisticPredictions(labels, probs, h, numClasses);
    }

    /**
     * From S sampled predictive distributions: p_i = (1/S) &Sigma;_s p_i^(s) and expected entropy
     * (1/S) &Sigma;_s H(p_i^(s)), both computed in double, summed over s in order and then divided by S.
     *
     * @param labels true classes, length n
     * @param samples samples[s] is the n&times;k row-major probability array of sample s; S = samples.length &ge; 1
     * @param n number of examples
     * @param k number of classes
     * @return the predictions
     */
    public static ProbabilisticPredictions fromSamples(int[] labels, float[][] samples, int n, int k) {
        if (samples == null || samples.length == 0) {
            throw new IllegalArgumentException("need at least one sample");
        }
        if (n < 1 || k < 2) {
            throw new IllegalArgumentException("need n >= 1 and k >= 2, got n = " + n + ", k = " + k);
        }
        int s = samples.length;
        for (int t = 0; t < s; t++) {
            if (samples[t] == null || samples[t].length != (long) n * k) {
                throw new IllegalArgumentException("sample " + t + " has "
                        + (samples[t] == null ? "no" : String.valueOf(samples[t].length))
                        + " values, expected n*k = " + ((long) n * k));
            }
        }
        double[][] mean = new double[n][k];
        double[] expected = new double[n];
        double[] row = new double[k];
        for (int i = 0; i < n; i++) {
            double[] m = mean[i];
            double hSum = 0.0;
            for (int t = 0; t < s; t++) {
                float[] sample = samples[t];
                int base = i * k;
                for (int c = 0; c < k; c++) {
                    row[c] = sample[base + c];
                    m[c] += row[c];
                }
                hSum += UncertaintyMetrics.entropy(row);
            }
            for (int c = 0; c < k; c++) {
                m[c] /= s;
            }
            expected[i] = hSum / s;
        }
        return new ProbabilisticPredictions(labels, mean, expected, k);
    }
}
