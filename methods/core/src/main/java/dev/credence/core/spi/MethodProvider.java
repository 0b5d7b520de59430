package dev.credence.core.spi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A method module's entry in the {@link java.util.ServiceLoader} registry
 * ({@code META-INF/services/dev.credence.core.spi.MethodProvider}): its name, its hyperparameters, and how to build
 * its trainer from validated values.
 */
public interface MethodProvider {

    /** @return registry name, e.g. "bbb" */
    String name();

    /**
     * @return the revision of the method's computation, 1 at first: raised when the same configuration and seed give
     *     other numbers than before, so that a run's configuration records it (when above 1) and results of an earlier
     *     revision are stale rather than mixed with the new ones
     */
    default int revision() {
        return 1;
    }

    /**
     * @param params validated hyperparameters
     * @return about how many passes over the training data a fit makes, for balancing shards and workers by cost:
     *     its {@code epochs} by default (1 when it declares none); a method that counts its work otherwise (HMC's
     *     gradients over the full training set) says so
     */
    default double trainingPasses(ResolvedParams params) {
        return params.asMap().get("epochs") instanceof Integer epochs ? epochs : 1;
    }

    /** @return one or two sentences on what the method is (and its memory cost if notable) */
    String description();

    /** @return the trainer class {@link #create} builds: its {@link Hyper} fields declare the hyperparameters */
    Class<? extends UncertaintyTrainer> trainerClass();

    /** @return every hyperparameter with default and valid range, as the trainer class declares them */
    default List<HyperParameter> hyperParameters() {
        return HyperParameterFields.of(trainerClass());
    }

    /**
     * @param params validated values ({@link HyperParameters#resolve})
     * @param seed   seed fixing every random draw of the fit and the predictive
     * @return a new trainer
     */
    UncertaintyTrainer create(ResolvedParams params, long seed);

    /**
     * @return hyperparameters with which the method fits a small, easy problem (a few hundred standardized 2-D points,
     *     two classes) well in about a second: the settings the conformance test runs every discovered method with,
     *     so a new method brings its own (for a method built on another, its own settings; the base is map's)
     */
    default java.util.Map<String, Object> smallProblemParams() {
        return java.util.Map.of();
    }

    /**
     * @return whether every fit of this method carries a {@link PointNetwork} ({@link FitResult#pointNetwork}), so
     *     that methods needing one (Laplace, SWAG) can build on it
     */
    default boolean exposesPointNetwork() {
        return false;
    }

    /**
     * Checks one run before anything trains and estimates its memory, so a harness can check every dataset × method
     * pair of a suite first: every rule that would stop the run whatever the heap (a matrix larger than one Java array,
     * a sample count the schedule cannot deliver, an invalid combination of values) is refused here with the message
     * the fit would give. Builds the trainer (cheap: no network) and asks {@link UncertaintyTrainer#preflight}; the
     * trainer's fit runs the same code. Comparing the footprint, plus the caller's data tables and the predictive
     * output arrays, with the heap is the caller's job ({@link Footprint#requireWithin}).
     *
     * @param params validated values ({@link HyperParameters#resolve})
     * @param run    the run's data shape
     * @return the estimate of the method's own arrays ({@link Footprint#none()} when the method gives none)
     * @throws dev.credence.core.CredenceInputException one line naming the hyperparameter to change
     */
    default Footprint preflight(ResolvedParams params, RunShape run) {
        return create(params, 0L).preflight(run);
    }

    /**
     * @param params hyperparameters
     * @param run    the run's data shape
     * @return the trainer's {@link UncertaintyTrainer#multiplyAddsPerWeight} (builds the trainer: cheap, no network)
     */
    default double multiplyAddsPerWeight(ResolvedParams params, RunShape run) {
        return create(params, 0L).multiplyAddsPerWeight(run);
    }

    /**
     * @param params    validated values
     * @param requested S the caller will request (the suite's override), or null for the method's own default
     * @return the samples each of the fit's predictives will return for it ({@link UncertaintyTrainer#predictiveSamples}):
     *         with {@link Footprint} and {@link RunShape}, what the caller needs to size the S × N × K output before fitting
     */
    default int predictiveSamples(ResolvedParams params, Integer requested) {
        return create(params, 0L).predictiveSamples(requested);
    }

    /**
     * @param context where the JSON comes from, for error messages
     * @param json    a JSON object of hyperparameter values (null = defaults)
     * @param seed    seed
     * @return a new trainer; unknown or invalid values raise a message naming the field
     */
    default UncertaintyTrainer create(String context, JsonNode json, long seed) {
        return create(HyperParameters.resolve(context, name(), hyperParameters(), json), seed);
    }

    /**
     * Convenience for Java callers: {@code create(Map.of("hidden", List.of(32), "epochs", 50), 42)}.
     *
     * @param values hyperparameter values by name (the rest default)
     * @param seed   seed
     * @return a new trainer
     */
    default UncertaintyTrainer create(java.util.Map<String, ?> values, long seed) {
        JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(values);
        return create("method '" + name() + "'", json, seed);
    }
}
