package dev.credence.experiments.report;

import java.util.List;

/**
 * A metric column of the report tables: its JSON key, how it is labelled, which direction is better
 * (+1 higher, &minus;1 lower, 0 descriptive: never marked best), and the range of values it can take, declared
 * here once: intervals of its mean are clipped to [min, max], intervals of a difference of two of its values to
 * [min &minus; max, max &minus; min].
 *
 * @param key       key in {@code metrics}
 * @param label     short column label (plain text)
 * @param latex     column label for LaTeX
 * @param direction +1, &minus;1 or 0
 * @param min       the smallest value the metric can take
 * @param max       the largest (may be infinite)
 */
record Metric(String key, String label, String latex, int direction, double min, double max) {
    private static final double INF = Double.POSITIVE_INFINITY;

    /** The metrics of the tables, in column order. */
    static final List<Metric> TABLE = List.of(
            new Metric("accuracy", "accuracy ↑", "Acc.\\,$\\uparrow$", 1, 0, 1),
            new Metric("balanced_accuracy", "bal. acc. ↑", "Bal.\\ acc.\\,$\\uparrow$", 1, 0, 1),
            new Metric("nll", "NLL ↓", "NLL\\,$\\downarrow$", -1, 0, INF),
            new Metric("ece", "ECE ↓", "ECE\\,$\\downarrow$", -1, 0, 1),
            new Metric("classwise_ece", "cw-ECE ↓", "cw-ECE\\,$\\downarrow$", -1, 0, 1),
            new Metric("brier", "Brier ↓", "Brier\\,$\\downarrow$", -1, 0, 2),
            new Metric("aurc", "AURC ↓", "AURC\\,$\\downarrow$", -1, 0, 1),
            new Metric("excess_aurc", "E-AURC ↓", "E-AURC\\,$\\downarrow$", -1, 0, 1),
            new Metric("mutual_information", "MI", "MI", 0, 0, INF));

    /**
     * @param key a key of {@link #TABLE}
     * @return its metric
     */
    static Metric of(String key) {
        return TABLE.stream().filter(m -> m.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table metric '" + key + "'"));
    }

    /** @return a label with the arrow spelled out, for CSV-free contexts that avoid symbols */
    String arrow() {
        return direction > 0 ? "higher is better" : direction < 0 ? "lower is better" : "descriptive";
    }

    /** @return the summary of values of this metric with its interval clipped to the metric's range */
    Stats.Summary clip(Stats.Summary s) {
        return s == null ? null : s.clip(min, max);
    }

    /** @return the summary of differences of two values of this metric, its interval clipped to their range */
    Stats.Summary clipDifference(Stats.Summary s) {
        return s == null ? null : s.clip(min - max, max - min);
    }
}
