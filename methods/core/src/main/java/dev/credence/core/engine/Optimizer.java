package dev.credence.core.engine;

/** Updates parameters from their accumulated gradients; holds its own state (moments, step count). */
public interface Optimizer {
    /** Applies one update to every parameter it was built with. */
    void step();

    /** @return number of updates applied so far */
    long steps();
}
