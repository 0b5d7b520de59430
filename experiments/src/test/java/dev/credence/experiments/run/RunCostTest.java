package dev.credence.experiments.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.credence.core.data.ImageShape;
import dev.credence.core.spi.HyperParameters;
import dev.credence.core.spi.MethodProvider;
import dev.credence.core.spi.MethodRegistry;
import dev.credence.core.spi.RunShape;
import dev.credence.experiments.suite.ResolvedMethod;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A convolution's cost counts its multiply-adds at every position, not its parameters once. */
class RunCostTest {
    private static final RunShape IMAGES = new RunShape(784, 10, 1000, 0, 100, 1, new ImageShape(1, 28, 28));

    private static ResolvedMethod method(String name, String params) throws Exception {
        MethodProvider provider = MethodRegistry.discover().get(name);
        return new ResolvedMethod(name, provider, HyperParameters.resolve("test", name, provider.hyperParameters(),
                new ObjectMapper().readTree(params)), null, null);
    }

    @Test
    void lenet5CostsItsMultiplyAddsAndAnMlpItsParameters() throws Exception {
        ResolvedMethod cnn = method("map", "{\"architecture\": \"lenet5\", \"epochs\": 2}");
        ResolvedMethod mlp = method("map", "{\"hidden\": [100], \"epochs\": 2}");
        // LeNet-5: 416 520 multiply-adds per image over 61 470 weights; 61 706 parameters (biases included)
        double lenet = 1000.0 * 61_706 * 416_520.0 / 61_470 * 2;
        assertEquals(lenet, RunCost.ownFit(cnn, IMAGES), 1e-9 * lenet);
        // an MLP's weights are used once per row: parameters as before, (784 + 1)·100 + (100 + 1)·10
        assertEquals(1000.0 * 79_510 * 2, RunCost.ownFit(mlp, IMAGES), 1e-6);
        // Bayes by Backprop holds μ and ρ: twice the parameters, the same multiply-adds per weight
        ResolvedMethod bbb = method("bbb", "{\"architecture\": \"lenet5\", \"epochs\": 2}");
        assertEquals(2 * lenet, RunCost.ownFit(bbb, IMAGES), 1e-9 * lenet);
    }
}
