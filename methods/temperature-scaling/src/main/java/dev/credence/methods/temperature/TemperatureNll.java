package dev.credence.methods.temperature;

/**
 * The weighted validation NLL of a point predictive's softmax(β·z) as a function of the inverse temperature
 * β = 1/T > 0: f(β) = Σ_i w_i [LSE(β z_i) − β z_{i,y_i}], f'(β) = Σ_i w_i (E_{p_i}[z_i] − z_{i,y_i}) and
 * f''(β) = Σ_i w_i Var_{p_i}[z_i] ≥ 0 with p_i = softmax(β z_i), so f is convex in β. Each row is first shifted by
 * its maximum (d = z − max z ≤ 0, which changes none of the three), so every exponential is of a value ≤ 0; the
 * variance is summed about the mean, not as E[d²] − E[d]². The shifted logits are computed once, in double, for all
 * the β a search evaluates.
 */
final class TemperatureNll {
    /** f, f' and f'' at one β. */
    record Derivatives(double value, double first, double second) {
    }

    /** z − max z of each row, the double difference each evaluation used to compute, computed once for every β */
    private final double[] shifted;
    /** z_y − max z of each row */
    private final double[] shiftedLabel;
    private final double[] weights;
    private final int k;

    /** @param set a calibration set with one logit sample */
    TemperatureNll(CalibrationSet set) {
        if (set.sampleCount() != 1) {
            throw new IllegalArgumentException("the point objective takes one logit sample, got " + set.sampleCount());
        }
        float[] z = set.logits(0);
        int[] labels = set.labels();
        this.weights = set.weights();
        this.k = set.numClasses();
        this.shifted = new double[labels.length * k];
        this.shiftedLabel = new double[labels.length];
        for (int i = 0, base = 0; i < labels.length; i++, base += k) {
            double max = rowMax(z, base, k);
            for (int c = 0; c < k; c++) {
                shifted[base + c] = z[base + c] - max;
            }
            shiftedLabel[i] = z[base + labels[i]] - max;
        }
    }

    /**
     * @param beta inverse temperature, > 0
     * @return f(β), f'(β), f''(β)
     */
    Derivatives at(double beta) {
        double[] e = new double[k];
        double value = 0;
        double first = 0;
        double second = 0;
        for (int i = 0, base = 0; i < weights.length; i++, base += k) {
            double sum = 0;
            double weighted = 0;
            for (int c = 0; c < k; c++) {
                double d = shifted[base + c];
                e[c] = Math.exp(beta * d);
                sum += e[c];
                weighted += e[c] * d;
            }
            double mean = weighted / sum;
            double spread = 0;
            for (int c = 0; c < k; c++) {
                double centred = shifted[base + c] - mean;
                spread += e[c] * centred * centred;
            }
            double dy = shiftedLabel[i];
            value += weights[i] * (Math.log(sum) - beta * dy);
            first += weights[i] * (mean - dy);
            second += weights[i] * (spread / sum);
        }
        return new Derivatives(value, first, second);
    }

    /**
     * @param beta inverse temperature, > 0
     * @return f(β)
     */
    double value(double beta) {
        double value = 0;
        for (int i = 0, base = 0; i < weights.length; i++, base += k) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(beta * shifted[base + c]);
            }
            value += weights[i] * (Math.log(sum) - beta * shiftedLabel[i]);
        }
        return value;
    }

    /** @return the largest of {@code a[base .. base+k)} */
    static double rowMax(float[] a, int base, int k) {
        float max = a[base];
        for (int c = 1; c < k; c++) {
            max = Math.max(max, a[base + c]);
        }
        return max;
    }
}
