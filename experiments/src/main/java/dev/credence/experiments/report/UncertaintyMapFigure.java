package dev.credence.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;

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
                g.ok().stream().filter(r -> r.json().path("uncertainty_grid").path("entropy").isArray()).findFirst()
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
                miMax = Math.max(miMax, maxOf(matrix(r.json().path("uncertainty_grid").path("mutual_information"))));
            }
            List<Panel> top = new ArrayList<>();
            List<Panel> bottom = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                JsonNode grid = runs.get(i).json().path("uncertainty_grid");
                String name = groups.get(i).method().name();
                double[] x = Run.doubles(grid.path("x"));
                double[] y = Run.doubles(grid.path("y"));
                double[][] points = points(grid.path("points"));
                String fx = grid.path("features").path(0).asText("x1") + " (standardized)";
                String fy = grid.path("features").path(1).asText("x2") + " (standardized)";
                double lnK = grid.path("max_entropy").asDouble(Math.log(d.numClasses()));
                top.add(new HeatPanel(name + " · entropy (seed " + runs.get(i).seed() + ")", fx, fy, x, y,
                        matrix(grid.path("entropy")), lnK, "predictive entropy (nats)", points, d.numClasses(), W, H));
                double[][] mi = matrix(grid.path("mutual_information"));
                if (miMax <= 0 || maxOf(mi) <= 0 && grid.path("samples").asInt(1) <= 1) {
                    bottom.add(Charts.message(W, H, name + " · mutual information",
                            "MI = 0 everywhere: a point estimate (S = 1)"));
                } else {
                    bottom.add(new HeatPanel(name + " · mutual information", fx, fy, x, y, mi, miMax,
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

    static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int r = 0; r < m.length; r++) {
            m[r] = Run.doubles(rows.get(r));
        }
        return m;
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

    private static double[][] points(JsonNode p) {
        double[] x = Run.doubles(p.path("x"));
        double[] y = Run.doubles(p.path("y"));
        double[] l = Run.doubles(p.path("label"));
        int n = Math.min(x.length, Math.min(y.length, l.length));
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new double[] {x[i], y[i], l[i]};
        }
        return out;
    }
}
