package dev.credence.core.spi;

import dev.credence.core.train.TrainingHistory;

import java.util.Map;

/**
 * What a method's fit returns to the harness.
 *
 * @param predictive        the predictive distribution
 * @param testSamples       S to use at test time
 * @param history           training curve and timing
 * @param variants          further named predictives to score in the same run (e.g. pruning fractions), may be empty
 * @param extras            method-specific facts for the result JSON (e.g. the chosen step size), JSON-serializable
 * @param point             the fit's network as a point estimate, for methods built on it, or null when the fit has
 *                          none (a posterior over weights, a set of samples)
 */
public record FitResult(Predictive predictive, int testSamples, TrainingHistory history,
                        Map<String, Predictive> variants, Map<String, Object> extras, PointNetwork point) {
    /** Copies the maps, keeping order. */
    public FitResult {
        variants = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variants));
        extras = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extras));
    }

    /** A fit without a point network. */
    public FitResult(Predictive predictive, int testSamples, TrainingHistory history,
                     Map<String, Predictive> variants, Map<String, Object> extras) {
        this(predictive, testSamples, history, variants, extras, null);
    }

    /** @return a result with no variants and no extras */
    public static FitResult of(Predictive predictive, int testSamples, TrainingHistory history) {
        return new FitResult(predictive, testSamples, history, Map.of(), Map.of());
    }

    /** @return the point network, when the fit has one */
    public java.util.Optional<PointNetwork> pointNetwork() {
        return java.util.Optional.ofNullable(point);
    }

    /** @return this fit with a point network */
    public FitResult withPoint(PointNetwork network) {
        return new FitResult(predictive, testSamples, history, variants, extras, network);
    }
}
