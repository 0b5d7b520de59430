package dev.credence.core.engine;

import java.util.List;

/**
 * Adam (Kingma &amp; Ba 2015) in the bias-corrected form θ ← θ − (lr/(1−β1^t))·m / (√v/√(1−β2^t) + ε).
 * Weight decay is not applied here: it is a term of the loss (see {@link WeightDecay}). Values too small to
 * matter are stored as 0 ({@link FlushToZero}).
 */
public final class Adam implements Optimizer {
    private final List<Param> params;
    private final float[][] m;
    private final float[][] v;
    private final double lr;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private long t;

    /**
     * @param params parameters to update
     * @param lr     learning rate
     * @param beta1  first-moment decay (0.9)
     * @param beta2  second-moment decay (0.999)
     * @param eps    denominator offset (1e-8)
     */
    public Adam(List<Param> params, double lr, double beta1, double beta2, double eps) {
        this.params = List.copyOf(params);
        this.m = new float[params.size()][];
        this.v = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            m[i] = new float[params.get(i).size()];
            v[i] = new float[params.get(i).size()];
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
    }

    /** @param params parameters; @param lr learning rate; defaults β = (0.9, 0.999), ε = 1e-8 */
    public Adam(List<Param> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8);
    }

    @Override
    public void step() {
        t++;
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float stepSize = (float) (lr / (1 - Math.pow(beta1, t)));
        float sqrtBias2 = (float) Math.sqrt(1 - Math.pow(beta2, t));
        float e = (float) eps;
        for (int i = 0; i < params.size(); i++) {
            float[] w = params.get(i).value().data;
            float[] g = params.get(i).grad().data;
            float[] mi = m[i];
            float[] vi = v[i];
            for (int j = 0; j < w.length; j++) {
                float gj = g[j];
                float mj = FlushToZero.state(b1 * mi[j] + (1 - b1) * gj);
                float vj = FlushToZero.state(b2 * vi[j] + (1 - b2) * gj * gj);
                mi[j] = mj;
                vi[j] = vj;
                w[j] = w[j] - stepSize * mj / ((float) Math.sqrt(vj) / sqrtBias2 + e);
            }
            FlushToZero.weights(w);
        }
    }

    @Override
    public long steps() {
        return t;
    }
}
