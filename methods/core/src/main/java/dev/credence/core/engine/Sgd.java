package dev.credence.core.engine;

import java.util.List;

/** Stochastic gradient descent with optional heavy-ball momentum: b ← μb + g; θ ← θ − lr·b; values too small to matter are stored as 0 ({@link FlushToZero}). */
public final class Sgd implements Optimizer {
    private final List<Param> params;
    private final float[][] buffers;
    private final double lr;
    private final double momentum;
    private long t;

    /**
     * @param params   parameters to update
     * @param lr       learning rate
     * @param momentum μ in [0, 1); 0 = plain SGD
     */
    public Sgd(List<Param> params, double lr, double momentum) {
        this.params = List.copyOf(params);
        this.lr = lr;
        this.momentum = momentum;
        this.buffers = new float[params.size()][];
        if (momentum > 0) {
            for (int i = 0; i < params.size(); i++) {
                buffers[i] = new float[params.get(i).size()];
            }
        }
    }

    @Override
    public void step() {
        t++;
        float rate = (float) lr;
        float mu = (float) momentum;
        for (int i = 0; i < params.size(); i++) {
            float[] w = params.get(i).value().data;
            float[] g = params.get(i).grad().data;
            float[] b = buffers[i];
            for (int j = 0; j < w.length; j++) {
                float step = g[j];
                if (b != null) {
                    b[j] = FlushToZero.state(mu * b[j] + step);
                    step = b[j];
                }
                w[j] -= rate * step;
            }
            FlushToZero.weights(w);
        }
    }

    @Override
    public long steps() {
        return t;
    }
}
