package dev.credence.experiments.report;

import dev.credence.experiments.metrics.UncertaintyGrid;
import dev.credence.experiments.results.RunResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Figure 10, drawn only when some run has a reference block: for each 2-D dataset scored against a reference, the
 * predictive entropy over the plane of the reference (first panel) and of every other method beside it, from the
 * lowest-seed ok run of each that has an {@code uncertainty_grid}, on the shared scale [0, ln K]; each method's
 * panel names its total variation from the reference on that seed's test part.
 */
final class ReferenceMapFigure {
    /** The figure's number in the report. */
    static final int NUMBER = 12;
    static final String HEADING = "Predictive entropy beside the reference posterior's (2-D datasets)";
    private static final int COLUMNS = 4;

    private ReferenceMapFigure() {
    }

    static FigureResult build(ReportData data) {
        List<Figure> figures = new ArrayList<>();
        for (ReportData.Dataset d : data.datasets()) {
            String reference = References.referenceOf(data, d);
            if (d.features() != 2 || reference == null) {
                continue;
            }
            List<Panel> panels = new ArrayList<>();
            List<Panel> others = new ArrayList<>();
            for (ReportData.Group g : data.groups(d)) {
                Run r = g.ok().stream().filter(x -> UncertaintyMapFigure.grid(x) != null).findFirst().orElse(null);
                if (r == null) {
                    continue;
                }
                UncertaintyGrid.Grid grid = UncertaintyMapFigure.grid(r);
                RunResult.ReferenceScores block = References.of(r);
                if (g.method().name().equals(reference)) {
                    panels.add(UncertaintyMapFigure.entropy(d, reference + " (reference) · seed " + r.seed(), grid));
                } else if (block != null) {
                    others.add(UncertaintyMapFigure.entropy(d, g.method().name() + " · seed " + r.seed() + " · TV "
                            + Fmt.num(block.test().totalVariation()), grid));
                }
            }
            if (panels.isEmpty() || others.isEmpty()) {
                continue;
            }
            panels.addAll(others);
            figures.add(new Figure("reference_map_" + Charts.slug(d.name()), "Predictive entropy beside the reference: "
                    + d.name(), panels, Math.min(COLUMNS, panels.size()), HeatPanel.legend(d.classNames()),
                    List.of("First panel: the reference " + reference + "; then each method, with its total variation"
                            + " from the reference on the test part of the same seed. Entropy on [0, ln K].")));
        }
        if (figures.isEmpty()) {
            return FigureResult.skipped(NUMBER, HEADING, "no 2-D dataset has both a reference run and runs scored"
                    + " against it with an `uncertainty_grid`.");
        }
        return new FigureResult(NUMBER, HEADING, figures, "The reference posterior's predictive entropy over the"
                + " standardized input plane beside each approximation's: where an approximation is more or less"
                + " certain than the reference, and how far from the data its uncertainty grows.");
    }
}
