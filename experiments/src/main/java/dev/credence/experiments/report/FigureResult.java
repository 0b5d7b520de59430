package dev.credence.experiments.report;

import java.util.List;

/**
 * What a figure kind produced: its figures and one or two sentences on what they show, or the reason it was
 * skipped.
 *
 * @param number  figure kind number (1..8, as in the issue)
 * @param heading section heading
 * @param figures the figures (empty when skipped)
 * @param text    what the figures show (or why they were skipped), Markdown
 */
record FigureResult(int number, String heading, List<Figure> figures, String text) {
    static FigureResult skipped(int number, String heading, String reason) {
        return new FigureResult(number, heading, List.of(), reason);
    }

    boolean isSkipped() {
        return figures.isEmpty();
    }
}
