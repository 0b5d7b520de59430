package dev.credence.experiments.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;

/**
 * Reads {@value RunResult#LEGACY_FORMAT} results as the current format has them. That format had no configuration,
 * fingerprint or sweeps (those read as absent); a pruning method scored each of its levels as a variant named
 * {@value #PRUNE_KEY}{@code <fraction, plain decimal>}, listing the levels in {@code extras.pruning}. Those variants
 * are read as the {@value PruningExtras#AXIS} sweep the method now declares, the headline being the level whose
 * metrics are the run's own.
 */
final class LegacyRunResults {
    /** How {@value RunResult#LEGACY_FORMAT} named a pruning level's variant. */
    static final String PRUNE_KEY = "prune=";

    private LegacyRunResults() {
    }

    /**
     * @param json a result's JSON
     * @return it as the current format has it: itself unless it is a {@value RunResult#LEGACY_FORMAT} result with
     *     pruning variants and no sweeps, else a copy with those variants moved into the sweep
     */
    static JsonNode upgrade(JsonNode json) {
        if (!RunResult.LEGACY_FORMAT.equals(json.path(RunResultJson.FORMAT).asText()) || json.has(RunResultJson.SWEEPS)
                || !json.path(RunResultJson.VARIANTS).isObject()) {
            return json;
        }
        ObjectNode out = ((ObjectNode) json).deepCopy();
        ObjectNode variants = (ObjectNode) out.get(RunResultJson.VARIANTS);
        JsonNode headline = out.path(RunResultJson.METRICS);
        ArrayNode points = out.arrayNode();
        for (JsonNode level : out.path(RunResultJson.EXTRAS).path(PruningExtras.PRUNING)) {
            Double f = RunResultJson.number(level.get(PruningExtras.FRACTION));
            if (f == null || !Double.isFinite(f)) {
                continue;
            }
            String key = PRUNE_KEY + BigDecimal.valueOf(f).stripTrailingZeros().toPlainString();
            JsonNode metrics = variants.get(key);
            if (metrics != null && metrics.isObject()) {
                ObjectNode point = points.addObject().put(RunResultJson.VALUE, f);
                if (metrics.equals(headline)) {
                    point.put(RunResultJson.HEADLINE, true);
                }
                point.set(RunResultJson.METRICS, metrics);
                variants.remove(key);
            }
        }
        if (points.isEmpty()) {
            return json;
        }
        if (variants.isEmpty()) {
            out.remove(RunResultJson.VARIANTS);
        }
        ObjectNode sweep = out.putArray(RunResultJson.SWEEPS).addObject();
        sweep.put(RunResultJson.AXIS, PruningExtras.AXIS);
        sweep.put(RunResultJson.DESCRIPTION, PruningExtras.DESCRIPTION);
        sweep.set(RunResultJson.POINTS, points);
        return out;
    }
}
