package dev.credence.experiments.results;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The pruning levels a pruning method lists in its extras, {@code extras.pruning: [{"fraction", "kept_weights",
 * ...}]} (pruned-bbb's): the one part of a method's extras the harness reads, for the kept-weights column of the
 * {@value #AXIS} sweep's table and to read the pruning variants of {@value RunResult#LEGACY_FORMAT} results as that
 * sweep.
 */
final class PruningExtras {
    /** The axis a pruning method declares its fractions on. */
    static final String AXIS = "pruned_fraction";
    /** The axis's description, for results written before sweeps declared it. */
    static final String DESCRIPTION = "fraction of weights removed, lowest |μ|/σ first";
    static final String PRUNING = "pruning";
    static final String FRACTION = "fraction";
    private static final String KEPT_WEIGHTS = "kept_weights";

    private PruningExtras() {
    }

    /**
     * @param extras   a result's extras, or null
     * @param fraction a pruned fraction
     * @return the kept weights listed for that fraction, or null
     */
    static Integer keptWeights(JsonNode extras, double fraction) {
        if (extras == null) {
            return null;
        }
        for (JsonNode level : extras.path(PRUNING)) {
            if (Math.abs(level.path(FRACTION).asDouble(-1) - fraction) < 1e-9 && level.has(KEPT_WEIGHTS)) {
                return level.get(KEPT_WEIGHTS).asInt();
            }
        }
        return null;
    }
}
