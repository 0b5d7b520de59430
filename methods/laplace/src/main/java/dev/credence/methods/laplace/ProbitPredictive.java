package dev.credence.methods.laplace;

import dev.credence.core.spi.LogitSamples;
import dev.credence.core.spi.PredictiveSamples;

/**
 * The extended probit approximation of E[softmax(f)], f ~ N(μ, Σ_f): softmax_k(μ_k / √(1 + π/8·Σ_f,kk))
 * (MacKay 1992 for the binary case; its multi-class extension as used by Daxberger et al. 2021, §4, and
 * Lu et al. 2020), on the centred logits (see {@link #scaledLogits}). Deterministic: no sampling. It ignores the
 * covariances between centred logits and is accurate when their variances are small; the softmax normalises the result.
 */
public final class ProbitPredictive {
    /** π/8, the variance scaling of the probit approximation of the logistic sigmoid. */
    static final double PROBIT_SCALE = Math.PI / 8;

    private ProbitPredictive() {
    }

    /**
     * @param logits per-example logit mean and covariance
     * @return n×K probabilities, row-major, in double
     */
    public static double[] probabilities(LogitDistribution logits) {
        double[] scaled = scaledLogits(logits);
        double[] p = new double[scaled.length];
        for (int i = 0; i < logits.n(); i++) {
            Softmax.probabilities(scaled, i * logits.k(), logits.k(), p, i * logits.k());
        }
        return p;
    }

    /**
     * @param logits per-example logit mean and covariance
     * @return the scaled logits μ_k / √(1 + π/8·Σ_f,kk) in float, as one deterministic sample: its softmax is the
     *     probit predictive
     */
    public static LogitSamples logitSamples(LogitDistribution logits) {
        double[] z = scaledLogits(logits);
        float[] f = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            f[i] = (float) z[i];
        }
        return new LogitSamples(logits.n(), logits.k(), new float[][]{f});
    }

    /** @return the probabilities as one deterministic sample of the harness's predictive: the softmax of {@link #logitSamples} */
    public static PredictiveSamples samples(LogitDistribution logits) {
        return logitSamples(logits).softmax();
    }

    /**
     * @param logits per-example logit mean and covariance
     * @param labels the true classes
     * @return −(1/n) Σ_i ln p_i,y_i with ln p = z − logsumexp(z) on the scaled logits z (no log of a softmax)
     */
    public static double meanNegativeLogLikelihood(LogitDistribution logits, int[] labels) {
        if (labels.length != logits.n()) {
            throw new IllegalArgumentException(labels.length + " labels for " + logits.n() + " examples");
        }
        double[] z = scaledLogits(logits);
        int k = logits.k();
        double total = 0;
        for (int i = 0; i < logits.n(); i++) {
            total += Softmax.logSumExp(z, i * k, k) - z[i * k + labels[i]];
        }
        return total / Math.max(1, logits.n());
    }

    /**
     * The probit-scaled logits of the logits' centred version f̃ = f − mean_k f_k: the softmax does not see a shift
     * common to all classes, while the per-class scaling would, so the approximation is applied where the softmax
     * is identified. The common shift is the GGN's null space, which only the prior constrains; left in, its O(1/λ)
     * variance would flatten every prediction.
     */
    private static double[] scaledLogits(LogitDistribution logits) {
        int k = logits.k();
        double[] z = new double[logits.n() * k];
        double[] rowSum = new double[k];
        for (int i = 0; i < logits.n(); i++) {
            double meanF = 0;
            double total = 0;
            for (int c = 0; c < k; c++) {
                meanF += logits.mean()[i * k + c];
                double r = 0;
                for (int d = 0; d < k; d++) {
                    r += logits.covariance(i, c, d);
                }
                rowSum[c] = r;
                total += r;
            }
            meanF /= k;
            for (int c = 0; c < k; c++) {
                double centredVariance = logits.variance(i, c) - 2 * rowSum[c] / k + total / ((double) k * k);
                z[i * k + c] = (logits.mean()[i * k + c] - meanF) / Math.sqrt(1 + PROBIT_SCALE * Math.max(0, centredVariance));
            }
        }
        return z;
    }
}
