package dev.credence.experiments.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.core.spi.ComposedMethodProvider;
import dev.credence.core.spi.ComposedTrainer;
import dev.credence.core.spi.HyperParameterFields;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.experiments.results.RunConfig;

/**
 * A method entry with everything resolved: its provider, validated hyperparameters and, for a method built on
 * another, its resolved base (recursively: temperature scaling on an ensemble of bbb).
 *
 * @param name     the entry's name
 * @param provider its method
 * @param params   validated hyperparameters
 * @param base     the resolved base, or null for a method that trains from scratch
 * @param composer {@code provider} as the composed method it is when {@code base} is given, else null
 */
public record ResolvedMethod(String name, MethodProvider provider, ResolvedParams params, ResolvedMethod base,
                             ComposedMethodProvider composer) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * @return the method part of a run's configuration: implementation, every hyperparameter (but those recorded
     *     only when not at their default, {@link HyperParameterFields#recorded}), and the base's
     */
    public RunConfig.MethodConfig config() {
        return new RunConfig.MethodConfig(provider.name(),
                MAPPER.valueToTree(HyperParameterFields.recorded(provider.trainerClass(), params)),
                base == null ? null : base.config(), provider.revision());
    }

    /**
     * @param methodSeed seed of a method trained from scratch (so a base is seeded as its own row would be)
     * @param ownSeed    seed of a composed method's own draws
     * @return a new trainer, with new trainers of its bases inside
     */
    public UncertaintyTrainer trainer(long methodSeed, long ownSeed) {
        return base == null ? provider.create(params, methodSeed) : composedTrainer(methodSeed, ownSeed);
    }

    /**
     * @param methodSeed seed of the methods trained from scratch in the chain
     * @param ownSeed    seed of the composed methods' own draws
     * @return a new trainer of this composed method ({@link #base} must be non-null)
     */
    public ComposedTrainer composedTrainer(long methodSeed, long ownSeed) {
        return composer.create(params, ownSeed, base.trainer(methodSeed, ownSeed));
    }

    /** @return "ts on ensemble on map" style description of the chain, by implementation */
    public String chain() {
        return base == null ? provider.name() : provider.name() + " on " + base.chain();
    }
}
