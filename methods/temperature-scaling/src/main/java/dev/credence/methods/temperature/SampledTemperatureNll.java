package dev.credence.methods.temperature;

/**
 * The weighted validation NLL of a sampled predictive at inverse temperature β = 1/T > 0, each sample's logits
 * scaled before the average over samples: f(β) = −Σ_i w_i ln[(1/S) Σ_s softmax(β z_{s,i})_{y_i}]. Not convex in β
 * in general. Computed in log space: ln softmax(β z)_y = β d_y − ln Σ_c exp(β d_c) with d = z − max z ≤ 0, and the
 * average over samples is a log-sum-exp over s; no probability is formed and no exponential of a positive value is
 * taken. With S = 1 this is {@link TemperatureNll#value}.
 */
final class SampledTemperatureNll {
    private final CalibrationSet set;

    /** @param set the calibration set, any number of samples */
    SampledTemperatureNll(CalibrationSet set) {
        this.set = set;
    }

    /**
     * @param beta inverse temperature, > 0
     * @return f(β)
     */
    double value(double beta) {
        int n = set.size();
        int k = set.numClasses();
        int samples = set.sampleCount();
        int[] labels = set.labels();
        double[] weights = set.weights();
        double logSamples = Math.log(samples);
        double[] logLabelProb = new double[samples];
        double value = 0;
        for (int i = 0, base = 0; i < n; i++, base += k) {
            double best = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < samples; s++) {
                float[] z = set.logits(s);
                double max = TemperatureNll.rowMax(z, base, k);
                double sum = 0;
                for (int c = 0; c < k; c++) {
                    sum += Math.exp(beta * (z[base + c] - max));
                }
                logLabelProb[s] = beta * (z[base + labels[i]] - max) - Math.log(sum);
                best = Math.max(best, logLabelProb[s]);
            }
            double sum = 0;
            for (int s = 0; s < samples; s++) {
                sum += Math.exp(logLabelProb[s] - best);
            }
            value -= weights[i] * (best + Math.log(sum) - logSamples);
        }
        return value;
    }
}
