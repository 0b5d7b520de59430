package dev.credence.core.testing;

import dev.credence.core.spi.HyperParameter;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.ResolvedParams;
import dev.credence.core.spi.UncertaintyTrainer;

import java.util.List;

/** A method whose fits have no point network, for testing the methods that refuse such a base; it trains nothing. */
public final class PointlessProvider implements MethodProvider {
    private final String name;

    /** @param name the method's name */
    public PointlessProvider(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "a posterior without a point network (test double)";
    }

    @Override
    public List<HyperParameter> hyperParameters() {
        return List.of();
    }

    @Override
    public Class<? extends UncertaintyTrainer> trainerClass() {
        return UncertaintyTrainer.class;
    }

    @Override
    public UncertaintyTrainer create(ResolvedParams params, long seed) {
        throw new UnsupportedOperationException("a test double for refusals: it trains nothing");
    }
}
