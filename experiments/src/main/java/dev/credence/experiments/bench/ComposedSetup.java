package dev.credence.experiments.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.core.data.DenseData;
import dev.credence.core.spi.ComposedMethodProvider;
import dev.credence.core.spi.ComposedTrainer;
import dev.credence.core.spi.FitResult;
import dev.credence.core.spi.HyperParameters;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.spi.PredictiveSamples;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.train.TrainingListener;

import java.util.Map;

/**
 * What every composed method's trial shares: the training rows and the held-out rows after them, the base method
 * (map with the bench's network, one epoch), its one fit made before any timing (temperature scaling, Laplace and
 * SWAG build on it, as a suite run builds them on the base row's fit), and how composed trainers are made.
 */
final class ComposedSetup {
    /** The base every composed method is timed on. */
    static final String BASE = "map";

    private final DenseData train;
    private final DenseData heldOut;
    private final MethodProvider base;
    private final Map<String, Object> baseValues;
    private final MethodBenchmark values;
    private final MethodRegistry registry;
    private final long seed;
    private FitResult baseFit;

    /**
     * @param train    training rows
     * @param heldOut  validation rows of temperature scaling, test rows of every predictive
     * @param registry where the methods are found
     * @param values   resolves each method's values as {@code bench} does ({@link MethodBenchmark#hyperParameters})
     * @param seed     seed of every fit
     */
    ComposedSetup(DenseData train, DenseData heldOut, MethodRegistry registry, MethodBenchmark values, long seed) {
        this.train = train;
        this.heldOut = heldOut;
        this.registry = registry;
        this.values = values;
        this.base = registry.get(BASE);
        this.baseValues = values.hyperParameters(base);
        this.seed = seed;
    }

    DenseData train() {
        return train;
    }

    DenseData heldOut() {
        return heldOut;
    }

    /** @return a fresh base trainer with the bench's seed */
    UncertaintyTrainer baseTrainer() {
        return base.create(baseValues, seed);
    }

    /** @return the base's values (hidden, epochs = 1, batch_size) */
    Map<String, Object> baseValues() {
        return baseValues;
    }

    /** @return the one base fit on the training rows, made on first use */
    synchronized FitResult baseFit() {
        if (baseFit == null) {
            baseFit = baseTrainer().fit(train, null, TrainingListener.NONE);
        }
        return baseFit;
    }

    /**
     * @param method a composed method's registry name
     * @return its values as {@code bench} resolves them (only names it declares, through its own validation)
     */
    Map<String, Object> values(String method) {
        return values.hyperParameters(registry.get(method));
    }

    /**
     * @param method a composed method's registry name
     * @return a fresh trainer of it on a fresh base trainer, both with the bench's seed
     */
    ComposedTrainer composed(String method) {
        ComposedMethodProvider provider = (ComposedMethodProvider) registry.get(method);
        return provider.create(HyperParameters.resolve("bench: method '" + method + "'", method, provider.hyperParameters(),
                new ObjectMapper().valueToTree(values(method))), seed, baseTrainer());
    }

    /** @return the share of held-out rows whose mean predictive's most probable class is the label */
    double heldOutAccuracy(PredictiveSamples predicted) {
        return MethodBenchmark.accuracy(predicted, heldOut.y());
    }
}
