package dev.credence.core.train;

import java.util.Map;

/**
 * One epoch of a training curve.
 *
 * @param epoch   1-based epoch number
 * @param terms   mean of each loss term over the epoch's minibatches, in the objective's order
 * @param seconds wall time of the epoch
 */
public record EpochRecord(int epoch, Map<String, Double> terms, double seconds) {
    /** Copies the terms. */
    public EpochRecord {
        terms = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(terms));
    }
}
