package dev.credence.experiments.report;

import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Figure 4: every declared sweep ({@link Sweeps}), one figure per axis: test accuracy, NLL and ECE against the
 * axis value, one line per dataset × method, mean &plusmn; one standard deviation over seeds. The x axis is named
 * by the sweep's description and axis, and is logarithmic when the sweep declares it so (and every value is
 * positive); the figure knows no method.
 */
final class SweepFigure {
    static final int NUMBER = 4;
    static final String HEADING = "Swept variants";
    private static final String[][] METRICS = {
        {"accuracy", "Accuracy", "test accuracy (fraction correct)"},
        {"nll", "NLL", "test NLL (nats per example)"},
        {"ece", "ECE", "test ECE"}};

    private SweepFigure() {
    }

    private record Line(String label, TreeMap<Double, List<Sweeps.Point>> points) {
    }

    static FigureResult build(ReportData data) {
        List<Sweeps.Axis> axes = Sweeps.axes(data);
        if (axes.isEmpty()) {
            return FigureResult.skipped(NUMBER, HEADING, "no ok run declares a sweep (`sweeps` in the run files, e.g."
                    + " pruned-bbb's pruned fraction or deep-ensemble's ensemble size).");
        }
        List<Figure> figures = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Sweeps.Axis axis : axes) {
            figures.add(figure(data, axis));
            names.add("`" + axis.name() + "` (" + (axis.description().isEmpty() ? "no description" : axis.description())
                    + ")");
        }
        return new FigureResult(NUMBER, HEADING, figures, "Test accuracy, NLL and ECE of the variants a method scores"
                + " along a declared axis, one figure per axis: " + String.join("; ", names) + ". Each line is one"
                + " dataset × method, mean ± 1 std over seeds.");
    }

    private static Figure figure(ReportData data, Sweeps.Axis axis) {
        List<ReportData.Group> groups = data.groups().stream()
                .filter(g -> !Sweeps.points(g, axis.name()).isEmpty()).toList();
        long methods = groups.stream().map(g -> g.method().name()).distinct().count();
        List<Line> lines = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (ReportData.Group g : groups) {
            TreeMap<Double, List<Sweeps.Point>> points = Sweeps.points(g, axis.name());
            lines.add(new Line(g.dataset().name() + (methods > 1 ? " · " + g.method().name() : ""), points));
            min = Math.min(min, points.firstKey());
            max = Math.max(max, points.lastKey());
        }
        List<Panel> panels = new ArrayList<>();
        for (String[] m : METRICS) {
            panels.add(Panel.of(panel(lines, axis, m, min, max)));
        }
        List<LegendEntry> legend = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            legend.add(LegendEntry.method(lines.get(i).label(), i + 1));
        }
        return new Figure(axis.fileName(), "Accuracy, NLL and ECE against " + axis.label(), panels, 3, legend,
                List.of("Sweep axis `" + axis.name() + "`" + (logScale(axis, min) ? " (log scale)" : "")
                        + "; mean ± 1 std over seeds."));
    }

    private static boolean logScale(Sweeps.Axis axis, double min) {
        return axis.logScale() && min > 0;
    }

    /**
     * Sets the x axis of a panel showing values in [min, max]: logarithmic, widened to show two labelled decades
     * ({@link Charts#logRange}), when the axis declares a log scale and every value is positive; else linear with a
     * 3% margin.
     */
    static void xAxis(XYChart c, Sweeps.Axis axis, double min, double max) {
        if (logScale(axis, min)) {
            double[] range = Charts.logRange(min, max);
            c.getStyler().setXAxisLogarithmic(true);
            c.getStyler().setXAxisMin(range[0]).setXAxisMax(range[1]);
            c.getStyler().setXAxisDecimalPattern(range[0] < 1e-3 || range[1] >= 1e5 ? "0.#E0" : "#,##0.###");
            return;
        }
        double pad = max > min ? 0.03 * (max - min) : 0.5;
        c.getStyler().setXAxisMin(min - pad).setXAxisMax(max + pad).setXAxisDecimalPattern(Charts.pattern(min, max));
    }

    private static XYChart panel(List<Line> lines, Sweeps.Axis axis, String[] metric, double min, double max) {
        String xTitle = !logScale(axis, min) ? axis.label() : axis.description().isEmpty() ? axis.name() + " (log scale)"
                : axis.description() + " (" + axis.name() + ", log scale)";
        XYChart c = Charts.xy(480, 380, metric[1], xTitle, metric[2]);
        xAxis(c, axis, min, max);
        c.getStyler().setYAxisDecimalPattern(metric[0].equals("accuracy") ? "0.00" : "0.000");
        for (int i = 0; i < lines.size(); i++) {
            List<double[]> pts = new ArrayList<>();
            for (Map.Entry<Double, List<Sweeps.Point>> e : lines.get(i).points().entrySet()) {
                Stats.Summary s = Stats.summarize(e.getValue().stream().map(p -> p.metric(metric[0]))
                        .filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray());
                if (s != null) {
                    pts.add(new double[] {e.getKey(), s.mean(), s.std()});
                }
            }
            if (!pts.isEmpty()) {
                Charts.methodLine(c, lines.get(i).label(), i + 1, pts.stream().mapToDouble(p -> p[0]).toArray(),
                        pts.stream().mapToDouble(p -> p[1]).toArray(), pts.stream().mapToDouble(p -> p[2]).toArray());
            }
        }
        return c;
    }
}
