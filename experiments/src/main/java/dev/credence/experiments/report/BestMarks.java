package dev.credence.experiments.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which methods of a block (one dataset) are marked best on a metric, the one rule every summary table uses.
 * The method with the best mean over seeds is compared with the runner-up (the second-best mean) by the 95%
 * Student-t interval of their paired differences (paired by seed: same dataset, same seed; only seeds both ran).
 * When that interval excludes 0, the best alone is marked. Otherwise every method whose paired interval against
 * the best contains 0 is tied with it and shares the mark. Nothing is marked on a descriptive metric, in a block of
 * fewer than two methods, or when the best and the runner-up share fewer than two seeds (one seed cannot tell
 * seed noise from a difference); a method sharing fewer than two seeds with the best is never marked tied.
 */
final class BestMarks {
    /** The rule, in words, for captions. */
    static final String RULE = "marked best only where the 95% t-interval of the paired difference (same dataset and"
            + " seed) against the runner-up excludes 0, otherwise shared by the methods whose paired interval against the"
            + " best contains 0; with a single seed nothing is marked";

    private BestMarks() {
    }

    /**
     * @param direction +1 higher is better, &minus;1 lower, 0 descriptive
     * @param values    per method (in block order), its finite values by seed
     * @return the marked methods, in block order
     */
    static Set<String> marked(int direction, Map<String, Map<Long, Double>> values) {
        if (direction == 0) {
            return Set.of();
        }
        List<String> ranked = new ArrayList<>();
        Map<String, Double> means = new LinkedHashMap<>();
        values.forEach((method, bySeed) -> {
            if (!bySeed.isEmpty()) {
                means.put(method, bySeed.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow());
                ranked.add(method);
            }
        });
        if (ranked.size() < 2) {
            return Set.of();
        }
        // stable: equal means keep block order
        ranked.sort((a, b) -> Double.compare(direction * means.get(b), direction * means.get(a)));
        String best = ranked.get(0);
        Stats.Summary gap = paired(values.get(best), values.get(ranked.get(1)));
        if (gap == null || !gap.hasInterval()) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String m : values.keySet()) {
            if (m.equals(best)) {
                out.add(m);
            } else if (!gap.excludesZero() && means.containsKey(m)) {
                Stats.Summary d = paired(values.get(best), values.get(m));
                if (d != null && d.hasInterval() && !d.excludesZero()) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** @return the summary of a &minus; b over the seeds both have, or null when none */
    static Stats.Summary paired(Map<Long, Double> a, Map<Long, Double> b) {
        List<Double> d = new ArrayList<>();
        a.forEach((seed, v) -> {
            Double w = b.get(seed);
            if (w != null) {
                d.add(v - w);
            }
        });
        return Stats.summarize(d.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
