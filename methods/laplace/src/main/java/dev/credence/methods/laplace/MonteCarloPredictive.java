package dev.credence.methods.laplace;

import dev.credence.core.engine.Affine;
import dev.credence.core.random.Rng;
import dev.credence.core.spi.LogitSamples;
import dev.credence.core.spi.PredictiveSamples;
import org.ejml.data.FMatrixRMaj;

/**
 * The Monte Carlo predictive: S last layers θ_s = θ* + δ_s, δ_s ~ N(0, Σ), and softmax(φ W_s + b_s) per example.
 *
 * <p>It samples θ, not the logits. For one example the two are the same distribution (the logits are linear in θ,
 * so f ~ N(J θ*, J Σ Jᵀ) exactly), but sampling θ gives each sample s one whole network, coherent across examples
 * like the samples of the other methods, and makes the draws depend on the seed alone: the same seed gives the
 * same S last layers whatever inputs are predicted, in whatever order or chunks.
 */
public final class MonteCarloPredictive {
    /** Floats of the per-chunk logits (rows × K·S), 16 MB. */
    private static final int LOGIT_BUFFER_FLOATS = 1 << 22;

    private MonteCarloPredictive() {
    }

    /**
     * @param posterior the last-layer posterior
     * @param features  n × H penultimate features
     * @param samples   S ≥ 1
     * @param seed      seed of the S draws
     * @return S sampled probability vectors per example: the softmax of {@link #sampleLogits}, sample by sample
     */
    public static PredictiveSamples sample(Posterior posterior, FMatrixRMaj features, int samples, long seed) {
        return sampleLogits(posterior, features, samples, seed).softmax();
    }

    /**
     * @param posterior the last-layer posterior
     * @param features  n × H penultimate features
     * @param samples   S ≥ 1
     * @param seed      seed of the S draws
     * @return S sampled logit vectors per example, φ W_s + b_s
     */
    public static LogitSamples sampleLogits(Posterior posterior, FMatrixRMaj features, int samples, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("need at least one sample, got " + samples);
        }
        LastLayer mean = posterior.mean();
        mean.checkFeatures(features);
        int h = mean.hidden();
        int k = mean.classes();
        int p = mean.parameterCount();
        int width = k * samples;
        float[] deviations = posterior.sampleDeviations(samples, new Rng(seed));
        FMatrixRMaj weights = new FMatrixRMaj(h, width);
        FMatrixRMaj biases = new FMatrixRMaj(1, width);
        float[] w = mean.weightData();
        float[] b = mean.biasData();
        for (int s = 0; s < samples; s++) {
            for (int c = 0; c < k; c++) {
                int column = s * k + c;
                for (int j = 0; j < h; j++) {
                    weights.data[j * width + column] = w[j * k + c] + deviations[s * p + mean.index(c, j)];
                }
                biases.data[column] = b[c] + deviations[s * p + mean.index(c, h)];
            }
        }
        int n = features.numRows;
        float[][] out = new float[samples][n * k];
        int chunk = Math.max(1, Math.min(n, LOGIT_BUFFER_FLOATS / width));
        FMatrixRMaj rows = new FMatrixRMaj(chunk, h);
        FMatrixRMaj logits = new FMatrixRMaj(chunk, width);
        for (int from = 0; from < n; from += chunk) {
            int count = Math.min(chunk, n - from);
            rows.reshape(count, h);
            System.arraycopy(features.data, from * h, rows.data, 0, count * h);
            Affine.forward(rows, weights, biases, logits);
            for (int r = 0; r < count; r++) {
                for (int s = 0; s < samples; s++) {
                    System.arraycopy(logits.data, r * width + s * k, out[s], (from + r) * k, k);
                }
            }
        }
        return new LogitSamples(n, k, out);
    }
}
