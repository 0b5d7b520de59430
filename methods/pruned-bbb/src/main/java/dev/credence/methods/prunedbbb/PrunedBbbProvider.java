package dev.credence.methods.prunedbbb;

import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.UncertaintyTrainer;

import java.util.List;

/** Registers SNR-pruned Bayes by Backprop as method "pruned-bbb" (every BBB hyperparameter plus the fractions). */
public final class PrunedBbbProvider implements MethodProvider {
    /** Registry name. */
    public static final String NAME = "pruned-bbb";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Bayes by Backprop pruned by signal-to-noise ratio |μ|/σ (Blundell et al. 2015, Table 2): one BBB posterior, "
                + "scored with the lowest-SNR fraction f of weights removed for each f; the headline is f = headline_fraction. "
                + "On a CNN, conv kernels and dense weights share one ranking";
    }

    @Override
    public Class<PrunedBbbTrainer> trainerClass() {
        return PrunedBbbTrainer.class;
    }

    @Override
    public UncertaintyTrainer create(ResolvedParams params, long seed) {
        return new PrunedBbbTrainer(params, seed);
    }

    @Override
    public java.util.Map<String, Object> smallProblemParams() {
        return java.util.Map.of("hidden", java.util.List.of(32, 32), "epochs", 100, "batch_size", 32, "learning_rate", 0.01, "test_samples", 32,
                "fractions", java.util.List.of(0.0, 0.5), "headline_fraction", 0.5);
    }
}
