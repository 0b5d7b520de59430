package dev.credence.core.spi;

import dev.credence.core.train.TrainingHistory;

import java.util.List;
import java.util.Map;

/**
 * What a method's fit returns to the harness.
 *
 * @param predictive        the predictive distribution
 * @param testSamples       S to use at test time
 * @param history           training curve and timing
 * @param variants          further named single predictives to score in the same run (e.g. SWAG's "swa"), may be
 *                          empty; a set of predictives along an axis is a {@link Sweep}, not a set of names
 * @param extras            method-specific facts for the result JSON (e.g. the chosen step size), JSON-serializable
 * @param point             the fit's network as a point estimate, for methods built on it, or null when the fit has
 *                          none (a posterior over weights, a set of samples)
 * @param sweeps            declared sweeps to score in the same run (e.g. pruning fractions, ensemble sizes), each on
 *                          its own axis, may be empty
 */
public record FitResult(Predictive predictive, int testSamples, TrainingHistory history,
                        Map<String, Predictive> variants, Map<String, Object> extras, PointNetwork point,
                        List<Sweep> sweeps) {
    /** Copies the maps and the sweeps, keeping order; two sweeps on one axis are refused. */
    public FitResult {
        variants = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variants));
        extras = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extras));
        sweeps = List.copyOf(sweeps);
        java.util.Set<String> axes = new java.util.HashSet<>();
        for (Sweep s : sweeps) {
            if (!axes.add(s.axis())) {
                throw new IllegalArgumentException("two sweeps on the axis '" + s.axis() + "'");
            }
        }
    }

    /** A fit without sweeps. */
    public FitResult(Predictive predictive, int testSamples, TrainingHistory history,
                     Map<String, Predictive> variants, Map<String, Object> extras, PointNetwork point) {
        this(predictive, testSamples, history, variants, extras, point, List.of());
    }

    /** A fit without a point network. */
    public FitResult(Predictive predictive, int testSamples, TrainingHistory history,
                     Map<String, Predictive> variants, Map<String, Object> extras) {
        this(predictive, testSamples, history, variants, extras, null, List.of());
    }

    /** @return a result with no variants, sweeps or extras */
    public static FitResult of(Predictive predictive, int testSamples, TrainingHistory history) {
        return new FitResult(predictive, testSamples, history, Map.of(), Map.of());
    }

    /** @return the point network, when the fit has one */
    public java.util.Optional<PointNetwork> pointNetwork() {
        return java.util.Optional.ofNullable(point);
    }

    /** @return this fit with a point network */
    public FitResult withPoint(PointNetwork network) {
        return new FitResult(predictive, testSamples, history, variants, extras, network, sweeps);
    }

    /** @return this fit with these sweeps (replacing any it had) */
    public FitResult withSweeps(List<Sweep> newSweeps) {
        return new FitResult(predictive, testSamples, history, variants, extras, point, newSweeps);
    }

    /**
     * @param axis an axis
     * @return the sweep on that axis, when the fit has one
     */
    public java.util.Optional<Sweep> sweep(String axis) {
        return sweeps.stream().filter(s -> s.axis().equals(axis)).findFirst();
    }
}
