package dev.credence.methods.map;

import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.UncertaintyTrainer;

/** Registers the point-estimate baseline as method "map". */
public final class MapProvider implements MethodProvider {
    /** Registry name. */
    public static final String NAME = "map";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "point estimate (maximum a posteriori under a Gaussian prior): cross-entropy + L2 weight decay; S = 1";
    }

    @Override
    public Class<MapTrainer> trainerClass() {
        return MapTrainer.class;
    }

    @Override
    public UncertaintyTrainer create(ResolvedParams params, long seed) {
        return new MapTrainer(params, seed);
    }

    @Override
    public boolean exposesPointNetwork() {
        return true;
    }

    @Override
    public java.util.Map<String, Object> smallProblemParams() {
        return java.util.Map.of("hidden", java.util.List.of(32, 32), "epochs", 60, "batch_size", 32, "learning_rate", 0.01);
    }
}
