package dev.credence.methods.prunedbbb;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of the pruning curve.
 *
 * @param fraction        f, the fraction of weights removed
 * @param removedWeights  ⌊f·W⌋
 * @param keptWeights     W − ⌊f·W⌋
 * @param keptParameters  kept weights + all biases (random variables still in the network)
 */
public record PruningLevel(double fraction, int removedWeights, int keptWeights, int keptParameters) {

    /** @return {fraction, removed_weights, kept_weights, kept_parameters} for the result JSON */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("fraction", fraction);
        m.put("removed_weights", removedWeights);
        m.put("kept_weights", keptWeights);
        m.put("kept_parameters", keptParameters);
        return m;
    }
}
