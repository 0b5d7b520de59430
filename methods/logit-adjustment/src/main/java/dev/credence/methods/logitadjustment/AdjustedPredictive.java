package dev.credence.methods.logitadjustment;

import dev.credence.core.spi.LogitSamples;
import dev.credence.core.spi.Predictive;
import org.ejml.data.FMatrixRMaj;

import java.util.Objects;

/**
 * A base predictive with τ·log π_train subtracted, as one sample: p̃(y|x) ∝ p̄(y|x)·π_y^{−τ}, the base's mean
 * predictive p̄ re-weighted towards the balanced class prior. For a base that returns one sample the offsets are
 * subtracted from its logits z (softmax(z − δ)); for a sampled base from its log mean predictive,
 * log p̄_c = logsumexp_s(z_sc − logsumexp_c' z_sc') − ln S, in double, so the adjusted predictive is a single
 * distribution and its mutual information is 0. With δ = τ·ln(n_c/n_max) (a constant shift of τ·log π that no
 * softmax sees) a point base under equal class counts, or τ = 0, gives the base's logits bit for bit.
 */
public final class AdjustedPredictive implements Predictive {
    private static final long serialVersionUID = 1L;

    private final Predictive base;
    private final double[] offsets;

    /**
     * @param base    the base method's predictive
     * @param offsets δ_c, subtracted from class c's logit or log mean probability
     */
    public AdjustedPredictive(Predictive base, double[] offsets) {
        this.base = Objects.requireNonNull(base, "base");
        if (offsets.length != base.numClasses()) {
            throw new IllegalArgumentException(offsets.length + " offsets for " + base.numClasses() + " classes");
        }
        this.offsets = offsets.clone();
    }

    /** @return the base predictive */
    public Predictive base() {
        return base;
    }

    @Override
    public int numClasses() {
        return base.numClasses();
    }

    /**
     * @return whether the base's logits are unnormalised and it returns one sample: then the adjusted logits are z − δ;
     *     a sampled base's adjusted logits are log mean probabilities less δ, normalised up to δ
     */
    @Override
    public boolean rawLogits() {
        return base.rawLogits() && !base.stochastic();
    }

    /** @return false: the adjusted predictive is always one distribution per example */
    @Override
    public boolean stochastic() {
        return false;
    }

    /**
     * @param x       N×D features, standardized as the training data was
     * @param samples S asked of the base (its mean predictive is adjusted)
     * @return one sample: the adjusted logits
     */
    @Override
    public LogitSamples sampleLogits(FMatrixRMaj x, int samples) {
        LogitSamples z = base.sampleLogits(x, samples);
        int n = z.n();
        int k = z.k();
        if (z.sampleCount() == 1) {
            float[] a = z.logits()[0];
            for (int i = 0, j = 0; i < n; i++) {
                for (int c = 0; c < k; c++, j++) {
                    a[j] = (float) (a[j] - offsets[c]);
                }
            }
            return new LogitSamples(n, k, new float[][]{a});
        }
        return new LogitSamples(n, k, new float[][]{adjustedLogMean(z)});
    }

    private float[] adjustedLogMean(LogitSamples z) {
        int n = z.n();
        int k = z.k();
        int s = z.sampleCount();
        float[][] logits = z.logits();
        float[] out = new float[n * k];
        double[] rowLse = new double[s];
        double logS = Math.log(s);
        for (int i = 0; i < n; i++) {
            int base = i * k;
            for (int t = 0; t < s; t++) {
                rowLse[t] = logSumExp(logits[t], base, k);
            }
            for (int c = 0; c < k; c++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < s; t++) {
                    max = Math.max(max, logits[t][base + c] - rowLse[t]);
                }
                double logMean;
                if (max == Double.NEGATIVE_INFINITY) {
                    logMean = max; // every sample gives the class probability 0
                } else {
                    double sum = 0;
                    for (int t = 0; t < s; t++) {
                        sum += Math.exp(logits[t][base + c] - rowLse[t] - max);
                    }
                    logMean = max + Math.log(sum) - logS;
                }
                out[base + c] = (float) (logMean - offsets[c]);
            }
        }
        return out;
    }

    private static double logSumExp(float[] z, int from, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, z[from + c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            sum += Math.exp(z[from + c] - max);
        }
        return max + Math.log(sum);
    }

    @Override
    public String toString() {
        return "AdjustedPredictive(on " + base.getClass().getSimpleName() + ")";
    }
}
