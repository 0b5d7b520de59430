package dev.credence.experiments.metrics;

/**
 * The split of the predictive variance into aleatoric and epistemic parts of Kwon et al. (2018), as Shridhar et
 * al. (2019) report it for Bayesian CNNs: the diagonal of Var[y] = E_s[diag(p_s) &minus; p_s p_s&#x1D40;]
 * + E_s[(p_s &minus; p&#772;)(p_s &minus; p&#772;)&#x1D40;], each part summed over the K classes and averaged over
 * the N test examples:
 *
 * <pre>
 * aleatoric = (1/N) &Sigma;_i (1/S) &Sigma;_s &Sigma;_k p_ik^(s) (1 &minus; p_ik^(s)),
 * epistemic = (1/N) &Sigma;_i (1/S) &Sigma;_s &Sigma;_k (p_ik^(s) &minus; p&#772;_ik)&sup2;,
 * </pre>
 *
 * with p&#772;_i the mean predictive. Per class this is Shridhar et al.'s {@code get_uncertainty_per_image} (the
 * diagonals of {@code diag(p_bar) - p_hat.T p_hat / T} and {@code temp.T temp / T}); the sum over classes is
 * Credence's. Their sum is 1 &minus; (1/N) &Sigma;_i &Sigma;_k p&#772;_ik&sup2;, a function of the mean predictive
 * alone. Each lies in [0, 1]; a point predictive (S = 1) has epistemic exactly 0. Every sum is in double, over s,
 * then k, in order.
 *
 * @param aleatoric the mean over examples of the expected per-sample variance
 * @param epistemic the mean over examples of the variance of the samples about their mean
 */
public record VarianceSplit(double aleatoric, double epistemic) {

    /**
     * @param samples samples[s] is the n&times;k row-major probability array of sample s, S &ge; 1
     * @param mean    the mean predictive, n rows of k (as {@link ProbabilisticPredictions#fromSamples} makes it)
     * @return the split
     */
    public static VarianceSplit of(float[][] samples, double[][] mean) {
        int n = mean.length;
        if (samples.length == 0 || n == 0) {
            throw new IllegalArgumentException("need at least one sample and one example");
        }
        int k = mean[0].length;
        double aleatoric = 0.0;
        double epistemic = 0.0;
        for (int i = 0; i < n; i++) {
            double[] m = mean[i];
            double a = 0.0;
            double e = 0.0;
            for (float[] sample : samples) {
                int base = i * k;
                for (int c = 0; c < k; c++) {
                    double p = sample[base + c];
                    a += p * (1.0 - p);
                    double d = p - m[c];
                    e += d * d;
                }
            }
            aleatoric += a / samples.length;
            epistemic += e / samples.length;
        }
        return new VarianceSplit(aleatoric / n, epistemic / n);
    }
}
