package dev.credence.core.engine;

import dev.credence.core.random.Rng;

/**
 * Weight initialisation of a dense layer: U(−1/√fan_in, 1/√fan_in) for weights and biases, the default of
 * common deep-learning libraries, so results are comparable with theirs.
 */
public final class Initializer {
    private Initializer() {
    }

    /**
     * @param weight in×out weights
     * @param bias   1×out biases
     * @param rng    stream
     */
    public static void uniformFanIn(Param weight, Param bias, Rng rng) {
        float bound = (float) (1.0 / Math.sqrt(weight.value().numRows));
        rng.fillUniform(weight.value().data, 0, weight.size(), -bound, bound);
        rng.fillUniform(bias.value().data, 0, bias.size(), -bound, bound);
    }
}
