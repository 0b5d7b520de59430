package dev.credence.core.tribuo;

import java.util.List;

/**
 * One example's predictive uncertainty from a {@link CredenceModel}: the mean predictive of its S samples (what
 * {@code predict} scores), and the decomposition of its entropy (in nats) into the expected entropy of the samples
 * (aleatoric) and the mutual information between the prediction and the model's randomness (epistemic; 0 for a
 * method with one sample, such as map).
 *
 * @param classes         class names, in the order of {@code meanPredictive}
 * @param meanPredictive  p = (1/S) &Sigma;_s p^(s)
 * @param entropy         H(p), the total uncertainty
 * @param expectedEntropy (1/S) &Sigma;_s H(p^(s))
 * @param samples         S
 */
public record PredictiveUncertainty(List<String> classes, double[] meanPredictive, double entropy,
                                    double expectedEntropy, int samples) {
    /** @return H(p) &minus; (1/S) &Sigma;_s H(p^(s)), the mutual information (not clamped: may be &minus;1e-16) */
    public double mutualInformation() {
        return entropy - expectedEntropy;
    }

    /**
     * @param name a class name
     * @return its mean predictive probability
     */
    public double probability(String name) {
        int k = classes.indexOf(name);
        if (k < 0) {
            throw new IllegalArgumentException("unknown class '" + name + "'; classes: " + classes);
        }
        return meanPredictive[k];
    }
}
