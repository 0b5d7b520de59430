package dev.credence.methods.swag;

import dev.credence.core.spi.ComposedTrainer;
import dev.credence.core.spi.UncertaintyTrainer;
import dev.credence.core.testing.TestParams;
import dev.credence.methods.map.MapProvider;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A map base and SWAG on it, as the tests of this module use them. */
final class SwagFixtures {
    /** A map base that fits two moons in well under a second. */
    static final Map<String, Object> MAP = Map.of("hidden", List.of(32, 32), "epochs", 60, "batch_size", 32,
            "learning_rate", 0.01);
    /** SWAG's defaults but for the minibatch, which matches the base's. */
    static final Map<String, Object> SWAG = Map.of("batch_size", 32);

    private SwagFixtures() {
    }

    /** @return a map trainer with {@link #MAP} and {@code extra} */
    static UncertaintyTrainer map(long seed, Map<String, ?> extra) {
        Map<String, Object> values = new HashMap<>(MAP);
        values.putAll(extra);
        return new MapProvider().create(values, seed);
    }

    /** @return SWAG with {@link #SWAG} and {@code extra} on a map base, both with seed {@code seed} */
    static ComposedTrainer swag(long seed, Map<String, ?> extra, UncertaintyTrainer base) {
        Map<String, Object> values = new HashMap<>(SWAG);
        values.putAll(extra);
        return new SwagProvider().create(TestParams.resolve(new SwagProvider(), values), seed, base);
    }
}
