package dev.credence.methods.mcdropout;

import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.UncertaintyTrainer;

import java.util.List;

/** Registers MC dropout as method "mc-dropout". */
public final class McDropoutProvider implements MethodProvider {
    /** Registry name. */
    public static final String NAME = "mc-dropout";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "MC dropout (Gal & Ghahramani 2016): dropout after each hidden activation, cross-entropy + L2 weight decay; "
                + "at test time T stochastic passes with fresh dropout masks";
    }

    @Override
    public Class<McDropoutTrainer> trainerClass() {
        return McDropoutTrainer.class;
    }

    @Override
    public UncertaintyTrainer create(ResolvedParams params, long seed) {
        return new McDropoutTrainer(params, seed);
    }

    @Override
    public boolean exposesPointNetwork() {
        return true;
    }

    @Override
    public java.util.Map<String, Object> smallProblemParams() {
        return java.util.Map.of("hidden", java.util.List.of(32, 32), "epochs", 60, "batch_size", 32, "learning_rate", 0.01, "test_samples", 32);
    }
}
