package dev.credence.core.spi;

/**
 * S sampled probability vectors for each of N examples: {@code probs[s][i*K + k]} = p_ik^(s).
 *
 * @param n     number of examples
 * @param k     number of classes
 * @param probs S arrays of N·K probabilities, row-major
 */
public record PredictiveSamples(int n, int k, float[][] probs) {

    /** Checks shapes. */
    public PredictiveSamples {
        if (probs.length < 1) {
            throw new IllegalArgumentException("at least one sample is needed");
        }
        for (float[] p : probs) {
            if (p.length != n * k) {
                throw new IllegalArgumentException("sample of length " + p.length + ", expected " + n * k);
            }
        }
    }

    /** @return S */
    public int sampleCount() {
        return probs.length;
    }

    /** @return the mean predictive p_i = (1/S) Σ_s p_i^(s), in double */
    public double[][] meanProbabilities() {
        double[][] mean = new double[n][k];
        for (float[] sample : probs) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    mean[i][c] += sample[i * k + c];
                }
            }
        }
        double inv = 1.0 / probs.length;
        for (double[] row : mean) {
            for (int c = 0; c < k; c++) {
                row[c] *= inv;
            }
        }
        return mean;
    }

    /**
     * @return each example's expected entropy (1/S) &Sigma;_s H(p_i^(s)) ({@link Entropy}), in double, summed over s
     *     in order; with the entropy of the mean predictive it gives the mutual information H(p_i) &minus; that
     */
    public double[] expectedEntropies() {
        double[] out = new double[n];
        double[] row = new double[k];
        for (int i = 0; i < n; i++) {
            double sum = 0.0;
            for (float[] sample : probs) {
                for (int c = 0; c < k; c++) {
                    row[c] = sample[i * k + c];
                }
                sum += Entropy.of(row);
            }
            out[i] = sum / probs.length;
        }
        return out;
    }
}
