package dev.credence.core.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.core.spi.HyperParameters;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.ResolvedParams;

import java.util.Map;

/** Hyperparameters as a suite would give them, for tests that call a provider's preflight or composed create. */
public final class TestParams {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestParams() {
    }

    /**
     * @param provider the method
     * @param values   hyperparameters by suite name (the rest default)
     * @return them validated against the provider's declarations, under the suite name "test"
     */
    public static ResolvedParams resolve(MethodProvider provider, Map<String, ?> values) {
        return HyperParameters.resolve("test", provider.name(), provider.hyperParameters(), MAPPER.valueToTree(values));
    }
}
