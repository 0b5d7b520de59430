package dev.credence.experiments.report;

import java.util.List;

/**
 * A metric column of the report tables: its JSON key, how it is labelled, and which direction is better
 * (+1 higher, &minus;1 lower, 0 descriptive: never bold).
 *
 * @param key       key in {@code metrics}
 * @param label     short column label (plain text)
 * @param latex     column label for LaTeX
 * @param direction +1, &minus;1 or 0
 */
record Metric(String key, String label, String latex, int direction) {
    /** The metrics of the tables, in column order. */
    static final List<Metric> TABLE = List.of(
            new Metric("accuracy", "accuracy ↑", "Acc.\\,$\\uparrow$", 1),
            new Metric("balanced_accuracy", "bal. acc. ↑", "Bal.\\ acc.\\,$\\uparrow$", 1),
            new Metric("nll", "NLL ↓", "NLL\\,$\\downarrow$", -1),
            new Metric("ece", "ECE ↓", "ECE\\,$\\downarrow$", -1),
            new Metric("classwise_ece", "cw-ECE ↓", "cw-ECE\\,$\\downarrow$", -1),
            new Metric("brier", "Brier ↓", "Brier\\,$\\downarrow$", -1),
            new Metric("mutual_information", "MI", "MI", 0));

    /** @return a label with the arrow spelled out, for CSV-free contexts that avoid symbols */
    String arrow() {
        return direction > 0 ? "higher is better" : direction < 0 ? "lower is better" : "descriptive";
    }
}
