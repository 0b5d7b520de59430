package dev.credence.experiments.report;

import dev.credence.core.spi.Sweep;
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Figure 4: every declared sweep ({@link Sweeps}), one figure per axis: test accuracy, NLL and ECE against the
 * axis value, one line per dataset × method, mean &plusmn; one standard deviation over seeds. The x axis is named
 * by the sweep's description and axis; the figure knows no method.
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
        Sweep.Scale scale = drawnScale(axis, min, max);
        boolean log = scale == Sweep.Scale.LOG_ONE_MINUS;
        boolean reference = log && lines.stream().anyMatch(l -> l.points().containsKey(0.0));
        List<Panel> panels = new ArrayList<>();
        for (String[] m : METRICS) {
            panels.add(Panel.of(panel(lines, axis, m, min, max, scale)));
        }
        List<LegendEntry> legend = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            legend.add(LegendEntry.method(lines.get(i).label(), i + 1));
        }
        if (reference) {
            legend.add(new LegendEntry("at " + axis.name() + " = 0 (reference)", Style.INK, LegendEntry.Kind.DASHED, null));
        }
        List<String> notes = new ArrayList<>();
        notes.add("Sweep axis `" + axis.name() + "`; mean ± 1 std over seeds.");
        if (log) {
            notes.add("x is 1 − " + axis.name() + " on a log scale (the right end is " + axis.name() + " = 0); each"
                    + " dashed line is its line's value at " + axis.name() + " = 0, in the same colour.");
        } else if (scale == Sweep.Scale.LOG) {
            notes.add("x is " + axis.name() + " on a log scale.");
        }
        return new Figure(axis.fileName(), "Accuracy, NLL and ECE against " + (log ? "1 − " : "") + axis.label(), panels, 3,
                legend, notes);
    }

    /**
     * @return the scale the axis is drawn on: its sweep's, when the values allow it (all below 1 for
     *     {@link Sweep.Scale#LOG_ONE_MINUS}, all positive for {@link Sweep.Scale#LOG}), else linear
     */
    static Sweep.Scale drawnScale(Sweeps.Axis axis, double min, double max) {
        return switch (axis.scale()) {
            case LOG_ONE_MINUS -> max < 1 ? Sweep.Scale.LOG_ONE_MINUS : Sweep.Scale.LINEAR;
            case LOG -> min > 0 ? Sweep.Scale.LOG : Sweep.Scale.LINEAR;
            case LINEAR -> Sweep.Scale.LINEAR;
        };
    }

    private static XYChart panel(List<Line> lines, Sweeps.Axis axis, String[] metric, double min, double max,
                                 Sweep.Scale scale) {
        boolean log = scale == Sweep.Scale.LOG_ONE_MINUS;
        String xTitle = log ? "1 − " + axis.name() + " (log scale)"
                : scale == Sweep.Scale.LOG ? axis.label() + " (log scale)" : axis.label();
        XYChart c = Charts.xy(480, 380, metric[1], xTitle, metric[2]);
        if (log) {
            double[] range = Charts.logRange(1 - max, 1 - min);
            c.getStyler().setXAxisLogarithmic(true).setXAxisMin(range[0]).setXAxisMax(range[1])
                    .setXAxisDecimalPattern(Charts.pattern(range[0], range[0] * 10));
        } else if (scale == Sweep.Scale.LOG) {
            double[] range = Charts.logRange(min, max);
            c.getStyler().setXAxisLogarithmic(true).setXAxisMin(range[0]).setXAxisMax(range[1])
                    .setXAxisDecimalPattern(range[0] < 1e-3 || range[1] >= 1e5 ? "0.#E0" : "#,##0.###");
        } else {
            double pad = max > min ? 0.03 * (max - min) : 0.5;
            c.getStyler().setXAxisMin(min - pad).setXAxisMax(max + pad).setXAxisDecimalPattern(Charts.pattern(min, max));
        }
        List<double[]> all = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            List<double[]> pts = new ArrayList<>();
            for (Map.Entry<Double, List<Sweeps.Point>> e : lines.get(i).points().entrySet()) {
                Stats.Summary s = Stats.summarize(e.getValue().stream().map(p -> p.metric(metric[0]))
                        .filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray());
                if (s != null) {
                    pts.add(new double[] {log ? 1 - e.getKey() : e.getKey(), s.mean(), s.std()});
                }
            }
            if (pts.isEmpty()) {
                continue;
            }
            all.addAll(pts);
            Charts.methodLine(c, lines.get(i).label(), i + 1, pts.stream().mapToDouble(p -> p[0]).toArray(),
                    pts.stream().mapToDouble(p -> p[1]).toArray(), pts.stream().mapToDouble(p -> p[2]).toArray());
            double[] at0 = pts.stream().filter(p -> p[0] == 1.0).findFirst().orElse(null);
            if (log && at0 != null) {
                double[] x = {c.getStyler().getXAxisMin(), c.getStyler().getXAxisMax()};
                Charts.reference(c, "\u0000reference " + i, x, new double[] {at0[1], at0[1]}, Style.color(i + 1), true)
                        .setShowInLegend(false);
            }
        }
        Charts.metricYAxis(c, all, metric[0]);
        return c;
    }
}
