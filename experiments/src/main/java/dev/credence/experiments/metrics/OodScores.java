package dev.credence.experiments.metrics;

import dev.credence.core.spi.LogitSamples;
import dev.credence.core.spi.Predictive;
import dev.credence.core.spi.PredictiveSamples;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Per-input out-of-distribution scores of one predictive pass, each oriented so that higher means "more likely OOD",
 * computed in double from S sampled logit vectors z_s and their softmax p_s, with the mean predictive
 * p̄ = (1/S) Σ_s p_s. Which scores a pass has is decided by the predictive, never by the method's name: mutual
 * information only when the pass returned S &gt; 1 samples, energy and max-logit only when
 * {@link Predictive#rawLogits()}.
 */
public final class OodScores {

    /** A score, as a result names it. */
    public enum Score {
        /** −max_c p̄_c (the maximum softmax probability, negated) */
        max_probability,
        /** H(p̄) = −Σ_c p̄_c ln p̄_c */
        entropy,
        /** H(p̄) − (1/S) Σ_s H(p_s); S &gt; 1 only */
        mutual_information,
        /** (1/S) Σ_s −logsumexp_c z_sc (log-sum-exp about the row's maximum); unnormalised logits only */
        energy,
        /** −(1/S) Σ_s max_c z_sc; unnormalised logits only */
        max_logit;

        /** @return the name a result uses */
        public String jsonName() {
            return name();
        }
    }

    private OodScores() {
    }

    /**
     * @param samples S, the samples the pass returned
     * @param raw     whether the predictive's logits are unnormalised ({@link Predictive#rawLogits()})
     * @return the scores such a pass has, in {@link Score} order
     */
    public static List<Score> available(int samples, boolean raw) {
        return java.util.Arrays.stream(Score.values())
                .filter(s -> s != Score.mutual_information || samples > 1)
                .filter(s -> (s != Score.energy && s != Score.max_logit) || raw)
                .toList();
    }

    /**
     * @param logits the pass's logit samples
     * @param raw    whether they are unnormalised ({@link Predictive#rawLogits()})
     * @return every available score of every input, in {@link Score} order
     */
    public static Map<Score, double[]> of(LogitSamples logits, boolean raw) {
        return of(logits, logits.softmax(), raw);
    }

    /**
     * @param logits the pass's logit samples
     * @param probs  their softmax, sample by sample ({@link LogitSamples#softmax()})
     * @param raw    whether the logits are unnormalised
     * @return every available score of every input, in {@link Score} order
     */
    public static Map<Score, double[]> of(LogitSamples logits, PredictiveSamples probs, boolean raw) {
        int n = probs.n();
        int k = probs.k();
        int s = probs.sampleCount();
        Map<Score, double[]> out = new EnumMap<>(Score.class);
        double[][] mean = probs.meanProbabilities();
        double[] maxP = new double[n];
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                m = Math.max(m, mean[i][c]);
            }
            maxP[i] = -m;
            h[i] = UncertaintyMetrics.entropy(mean[i]);
        }
        out.put(Score.max_probability, maxP);
        out.put(Score.entropy, h);
        if (s > 1) {
            double[] expected = probs.expectedEntropies();
            double[] mi = new double[n];
            for (int i = 0; i < n; i++) {
                mi[i] = h[i] - expected[i];
            }
            out.put(Score.mutual_information, mi);
        }
        if (raw) {
            double[] energy = new double[n];
            double[] maxLogit = new double[n];
            for (float[] z : logits.logits()) {
                for (int i = 0; i < n; i++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < k; c++) {
                        max = Math.max(max, z[i * k + c]);
                    }
                    double sum = 0;
                    for (int c = 0; c < k; c++) {
                        sum += Math.exp(z[i * k + c] - max);
                    }
                    energy[i] -= max + Math.log(sum);
                    maxLogit[i] -= max;
                }
            }
            for (int i = 0; i < n; i++) {
                energy[i] /= logits.sampleCount();
                maxLogit[i] /= logits.sampleCount();
            }
            out.put(Score.energy, energy);
            out.put(Score.max_logit, maxLogit);
        }
        return out;
    }
}
