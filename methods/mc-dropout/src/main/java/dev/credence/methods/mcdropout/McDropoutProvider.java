package dev.credence.methods.mcdropout;

import dev.credence.core.spi.HyperParameter;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.tribuo.NetworkHyperParameters;

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
    public List<HyperParameter> hyperParameters() {
        return NetworkHyperParameters.with(
                HyperParameter.real("dropout", 0.2, 0, 0.95, "probability p of dropping each hidden unit"),
                HyperParameter.real("input_dropout", 0.0, 0, 0.95, "probability of dropping each input feature (0 = none)"),
                NetworkHyperParameters.weightDecay(),
                HyperParameter.integer("test_samples", 32, 1, 100000, "T, stochastic forward passes at test time"));
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
