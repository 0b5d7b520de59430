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
                sum += (double) w[j] * w[j];
                g[j] += l * w[j];
            }
        }
        return 0.5 * lambda * sum;
    }
}
