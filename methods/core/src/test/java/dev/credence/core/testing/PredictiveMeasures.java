package dev.credence.core.testing;

import dev.credence.core.data.DenseData;
import dev.credence.core.spi.Entropy;
import dev.credence.core.spi.PredictiveSamples;

/** Accuracy and mutual information of predictions, the figures the method tests set thresholds on. */
public final class PredictiveMeasures {
    private PredictiveMeasures() {
    }

    /** @return the fraction of rows whose mean probability (over the samples) is highest for their label, ties to the lower class */
    public static double accuracy(PredictiveSamples s, int[] labels) {
        double[][] mean = s.meanProbabilities();
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += argmax(mean[i], 0, mean[i].length) == labels[i] ? 1 : 0;
        }
        return right / (double) labels.length;
    }

    /** @return the accuracy of row-major probabilities (one row of K per example of {@code test}), ties to the lower class */
    public static double accuracy(double[] probs, DenseData test) {
        int k = test.numClasses();
        int right = 0;
        for (int i = 0; i < test.size(); i++) {
            right += argmax(probs, i * k, k) == test.y()[i] ? 1 : 0;
        }
        return right / (double) test.size();
    }

    /** @return {@link #accuracy(double[], DenseData)} of float probabilities */
    public static double accuracy(float[] probs, DenseData test) {
        double[] p = new double[probs.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = probs[i];
        }
        return accuracy(p, test);
    }

    /**
     * @return the mean over examples of the mutual information H(mean p_i) − (1/S) Σ_s H(p_i^(s)), in nats
     *     ({@link Entropy}); exactly 0 for one sample
     */
    public static double meanMutualInformation(PredictiveSamples s) {
        double[][] mean = s.meanProbabilities();
        double[] expected = s.expectedEntropies();
        double sum = 0;
        for (int i = 0; i < s.n(); i++) {
            sum += Entropy.of(mean[i]) - expected[i];
        }
        return sum / s.n();
    }

    /** @return the first class c in 0..k−1 with the highest p[from + c] */
    private static int argmax(double[] p, int from, int k) {
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (p[from + c] > p[from + best]) {
                best = c;
            }
        }
        return best;
    }
}
