package dev.credence.core.engine;

/** How a stochastic layer behaves in a forward pass. */
public enum Mode {
    /** Training: stochastic layers draw noise, the pass will be back-propagated. */
    TRAIN,
    /** Prediction by sampling: stochastic layers draw noise (MC dropout, weight samples). */
    SAMPLE,
    /** Deterministic prediction: stochastic layers use their mean (no noise). */
    MEAN;

    /** @return whether stochastic layers draw noise in this mode */
    public boolean stochastic() {
        return this != MEAN;
    }
}
