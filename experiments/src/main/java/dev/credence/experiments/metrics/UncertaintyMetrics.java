package dev.credence.experiments.metrics;

/**
 * Entropy decomposition of the predictive uncertainty.
 * entropy = (1/N) &Sigma;_i H(p_i), H(p) = &minus;&Sigma;_k p_k ln p_k with 0&middot;ln 0 = 0 (total);
 * expected_entropy = (1/N) &Sigma;_i (1/S) &Sigma;_s H(p_i^(s)) (aleatoric);
 * mutual_information = entropy &minus; expected_entropy (epistemic; 0 when S = 1; not clamped).
 */
public final class UncertaintyMetrics {

    private UncertaintyMetrics() {
    }

    /**
     * @param p a probability vector
     * @return H(p) = &minus;&Sigma;_k p_k ln p_k, terms with p_k = 0 contributing 0
     */
    public static double entropy(double[] p) {
        return dev.credence.core.spi.Entropy.of(p);
    }

    /**
     * @param p predictions
     * @return H(p_i) for each example
     */
    public static double[] predictiveEntropies(ProbabilisticPredictions p) {
        double[][] probs = p.meanProbs();
        double[] h = new double[probs.length];
        for (int i = 0; i < probs.length; i++) {
            h[i] = entropy(probs[i]);
        }
        return h;
    }

    /**
     * @param p predictions
     * @return the mean predictive entropy (1/N) &Sigma;_i H(p_i)
     */
    public static double entropy(ProbabilisticPredictions p) {
        return mean(predictiveEntropies(p));
    }

    /**
     * @param p predictions
     * @return the mean expected entropy (1/N) &Sigma;_i expectedEntropy_i
     */
    public static double expectedEntropy(ProbabilisticPredictions p) {
        return mean(p.expectedEntropy());
    }

    /**
     * @param p predictions
     * @return entropy &minus; expected_entropy
     */
    public static double mutualInformation(ProbabilisticPredictions p) {
        return entropy(p) - expectedEntropy(p);
    }

    private static double mean(double[] v) {
        double s = 0.0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
