package dev.credence.core.engine;

import java.util.List;

/** The L2 term (λ/2)·Σ w² over regularized parameters (weights, not biases), added to the loss. */
public final class WeightDecay {
    private WeightDecay() {
    }

    /**
     * Adds λ·w to the gradient of every regularized parameter.
     *
     * @param params parameters
     * @param lambda λ ≥ 0
     * @return the penalty value (λ/2)·Σ w²
     */
    public static double applyL2(List<Param> params, double lambda) {
        if (lambda == 0) {
            return 0;
        }
        double sum = 0;
        float l = (float) lambda;
        for (Param p : params) {
            if (!p.regularized()) {
                continue;
            }
            float[] w = p.value().data;
            float[] g = p.grad().data;
            for (int j = 0; j < w.length; j++) {
                g[j] += l * w[j];
            }
            sum += sumOfSquares(w);
        }
        return 0.5 * lambda * sum;
    }

    /**
     * Σ w² in double with eight independent partial sums (element j goes to partial j mod 8; the partials are
     * added pairwise at the end), so the loop is not one chain of dependent additions: about twice as fast, and
     * the order, hence the value, is fixed. Each square is exact in double.
     */
    static double sumOfSquares(float[] w) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int n = w.length;
        int blocks = n - n % 8;
        for (int j = 0; j < blocks; j += 8) {
            double v0 = w[j], v1 = w[j + 1], v2 = w[j + 2], v3 = w[j + 3];
            double v4 = w[j + 4], v5 = w[j + 5], v6 = w[j + 6], v7 = w[j + 7];
            s0 += v0 * v0;
            s1 += v1 * v1;
            s2 += v2 * v2;
            s3 += v3 * v3;
            s4 += v4 * v4;
            s5 += v5 * v5;
            s6 += v6 * v6;
            s7 += v7 * v7;
        }
        for (int j = blocks; j < n; j++) {
            double v = w[j];
            s0 += v * v;
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
