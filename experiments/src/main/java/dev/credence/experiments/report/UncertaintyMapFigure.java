package dev.credence.experiments.report;

import dev.credence.experiments.metrics.UncertaintyGrid;

import java.util.ArrayList;
import java.util.List;

/**
 * Figure 7: for datasets with two features, the predictive entropy (top row) and the mutual information
 * (bottom row) over the plane, one column per method, with the training points; from the lowest-seed ok run of
 * each method that has an {@code uncertainty_grid} ({@code UncertaintyGrid}). Entropy shares the scale
 * [0, ln K]; MI shares [0, the largest MI of the dataset's maps].
 */
final class UncertaintyMapFigure {
    private static final int W = 410;
    private static final int H = 360;

    private UncertaintyMapFigure() {
    }

    static FigureResult build(ReportData data) {
        List<Figure> figures = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (ReportData.Dataset d : data.datasets()) {
            if (d.features() != 2) {
                continue;
            }
            List<ReportData.Group> groups = new ArrayList<>();
            List<Run> runs = new ArrayList<>();
            for (ReportData.Group g : data.groups(d)) {
                g.ok().stream().filter(r -> grid(r) != null).findFirst()
                        .ifPresent(r -> {
                            groups.add(g);
                            runs.add(r);
                        });
            }
            if (runs.isEmpty()) {
                without.add(d.name());
                continue;
            }
            double miMax = 0;
            for (Run r : runs) {
                miMax = Math.max(miMax, maxOf(grid(r).mutualInformation()));
            }
            List<Panel> top = new ArrayList<>();
            List<Panel> bottom = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                UncertaintyGrid.Grid grid = grid(runs.get(i));
                String name = groups.get(i).method().name();
                double[][] points = points(grid);
                String fx = feature(grid, 0, "x1") + " (standardized)";
                String fy = feature(grid, 1, "x2") + " (standardized)";
                top.add(entropy(d, name + " · entropy (seed " + runs.get(i).seed() + ")", grid));
                double[][] mi = grid.mutualInformation();
                if (miMax <= 0 || maxOf(mi) <= 0 && grid.samples() <= 1) {
                    bottom.add(Charts.message(W, H, name + " · mutual information",
                            "MI = 0 everywhere: a point estimate (S = 1)"));
                } else {
                    bottom.add(new HeatPanel(name + " · mutual information", fx, fy, grid.x(), grid.y(), mi, miMax,
                            "mutual information (nats)", points, d.numClasses(), W, H));
                }
            }
            List<Panel> panels = new ArrayList<>(top);
            panels.addAll(bottom);
            figures.add(new Figure("uncertainty_map_" + Charts.slug(d.name()), "Uncertainty over the input plane: "
                    + d.name(), panels, top.size(), HeatPanel.legend(d.classNames()),
                    List.of("Top: predictive entropy H[E p] on [0, ln K]; bottom: mutual information (epistemic part)"
                            + " on a scale shared by the dataset's panels. Points: (a subsample of) the training set.")));
        }
        String heading = "Uncertainty over the plane (2-D datasets)";
        if (figures.isEmpty()) {
            return FigureResult.skipped(7, heading, data.datasets().stream().noneMatch(d -> d.features() == 2)
                    ? "no dataset has two features."
                    : "the runs of the 2-D datasets (" + String.join(", ", without) + ") have no"
                    + " `uncertainty_grid` (see `UncertaintyGrid`).");
        }
        return new FigureResult(7, heading, figures, "Predictive entropy (total uncertainty) and mutual information"
                + " (the epistemic part) of each method on a grid over the standardized input plane, with the"
                + " training points. Epistemic uncertainty should grow away from the data and in the sparse"
                + " minority-class regions." + (without.isEmpty() ? "" : " No grid in the runs of "
                + String.join(", ", without) + "."));
    }

    /** @return a panel of the grid's predictive entropy on [0, ln K], with the training points */
    static Panel entropy(ReportData.Dataset d, String title, UncertaintyGrid.Grid grid) {
        double lnK = Double.isNaN(grid.maxEntropy()) ? Math.log(d.numClasses()) : grid.maxEntropy();
        return new HeatPanel(title, feature(grid, 0, "x1") + " (standardized)", feature(grid, 1, "x2") + " (standardized)",
                grid.x(), grid.y(), grid.entropy(), lnK, "predictive entropy (nats)", points(grid), d.numClasses(), W, H);
    }

    /** @return an ok run's uncertainty grid, or null when it has none */
    static UncertaintyGrid.Grid grid(Run r) {
        return r.scored() == null ? null : r.scored().uncertaintyGrid();
    }

    private static String feature(UncertaintyGrid.Grid grid, int i, String otherwise) {
        return i < grid.features().size() ? grid.features().get(i) : otherwise;
    }

    private static double maxOf(double[][] m) {
        double max = 0;
        for (double[] row : m) {
            for (double v : row) {
                if (v > max) {
                    max = v;
                }
            }
        }
        return max;
    }

    private static double[][] points(UncertaintyGrid.Grid g) {
        double[] x = g.pointX();
        double[] y = g.pointY();
        int[] l = g.pointLabel();
        int n = Math.min(x.length, Math.min(y.length, l.length));
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new double[] {x[i], y[i], l[i]};
        }
        return out;
    }
}
