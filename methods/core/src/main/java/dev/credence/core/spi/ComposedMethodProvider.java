package dev.credence.core.spi;

import dev.credence.core.CredenceInputException;

/**
 * The provider of a method that builds on a base method's fit (see {@link ComposedTrainer}). A suite gives the base
 * as another method entry; the harness builds the base's trainer and hands it to {@link #create(ResolvedParams,
 * long, UncertaintyTrainer)}.
 */
public interface ComposedMethodProvider extends MethodProvider {

    /**
     * @param params validated values
     * @param seed   seed of this method's own draws
     * @param base   the base's trainer, seeded as the base would be on its own
     * @return a new composed trainer
     */
    ComposedTrainer create(ResolvedParams params, long seed, UncertaintyTrainer base);

    /** A composed method has no meaning without a base. */
    @Override
    default UncertaintyTrainer create(ResolvedParams params, long seed) {
        throw new CredenceInputException("method '" + name() + "' builds on another method: give it a \"base\"");
    }

    /**
     * @param base the base's provider
     * @return why this method cannot build on that base, or null when it can (e.g. Laplace needs a point network)
     */
    default String refusesBase(MethodProvider base) {
        return null;
    }

    /**
     * @param params validated values
     * @param run    the run's data shape
     * @param base   the base's own estimate on the same run
     * @return this method's estimate including what it keeps of the base (an ensemble keeps M fits of it)
     */
    Footprint preflight(ResolvedParams params, RunShape run, Footprint base);

    /** A composed method's footprint depends on its base: see {@link #preflight(ResolvedParams, RunShape, Footprint)}. */
    @Override
    default Footprint preflight(ResolvedParams params, RunShape run) {
        return preflight(params, run, Footprint.none());
    }

    /**
     * @param params    validated values
     * @param requested S the suite asks for, or null
     * @param base      the samples the base returns for that request
     * @return the samples this method's predictive returns
     */
    int predictiveSamples(ResolvedParams params, Integer requested, int base);

    @Override
    default int predictiveSamples(ResolvedParams params, Integer requested) {
        return predictiveSamples(params, requested, 1);
    }
}
