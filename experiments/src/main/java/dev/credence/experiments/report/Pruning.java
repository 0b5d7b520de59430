package dev.credence.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pruning curve of a run: its {@code variants} whose key names a pruning fraction (the last number in the
 * key, e.g. {@code "prune=0.5"}, in [0, 1]), each with its metrics and, from {@code extras.pruning}, the number
 * of kept weights. Runs without such variants have no curve.
 */
final class Pruning {
    private static final Pattern NUMBER = Pattern.compile("([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)");

    /**
     * @param fraction    fraction of weights removed
     * @param metrics     the variant's metrics object
     * @param keptWeights kept weights, or null when extras.pruning does not list this fraction
     */
    record Level(double fraction, JsonNode metrics, Integer keptWeights) {
        Double metric(String key) {
            return Run.number(metrics.get(key));
        }
    }

    private Pruning() {
    }

    /** @return the levels by fraction ascending (empty when the run has no pruning variants) */
    static List<Level> levels(Run r) {
        JsonNode variants = r.json().path("variants");
        JsonNode extras = r.json().path("extras").path("pruning");
        boolean declared = extras.isArray() && extras.size() > 0;
        List<Level> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = variants.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (!declared && !key.toLowerCase(java.util.Locale.ROOT).contains("prun")) {
                continue;
            }
            Double f = lastNumber(key);
            if (f == null || f < 0 || f > 1) {
                continue;
            }
            Integer kept = null;
            for (JsonNode p : extras) {
                if (Math.abs(p.path("fraction").asDouble(-1) - f) < 1e-9 && p.has("kept_weights")) {
                    kept = p.get("kept_weights").asInt();
                }
            }
            out.add(new Level(f, e.getValue(), kept));
        }
        out.sort(Comparator.comparingDouble(Level::fraction));
        return out;
    }

    private static Double lastNumber(String key) {
        Matcher m = NUMBER.matcher(key);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last == null ? null : Double.parseDouble(last);
    }
}
