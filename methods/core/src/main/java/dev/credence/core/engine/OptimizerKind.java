package dev.credence.core.engine;

import java.util.List;

/** The optimisers a network method can train with. */
public enum OptimizerKind {
    /** Adam (Kingma &amp; Ba 2015) with β₁ = 0.9, β₂ = 0.999, ε = 1e-8 */
    adam,
    /** sgd, with heavy-ball momentum when momentum &gt; 0 */
    sgd;

    /**
     * @param params       parameters to update
     * @param learningRate step size
     * @param momentum     heavy-ball momentum (sgd only)
     * @return a new optimiser
     */
    public Optimizer create(List<Param> params, double learningRate, double momentum) {
        return this == sgd ? new Sgd(params, learningRate, momentum) : new Adam(params, learningRate);
    }

    /**
     * @param momentum heavy-ball momentum
     * @return floats of state per trained scalar: 2 for Adam (m and v), 1 for sgd with momentum, else 0
     */
    public int stateCopies(double momentum) {
        if (this == sgd) {
            return momentum > 0 ? 1 : 0;
        }
        return 2;
    }
}
