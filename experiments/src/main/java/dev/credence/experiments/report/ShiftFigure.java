package dev.credence.experiments.report;

import dev.credence.experiments.results.RunResult;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.BoxSeries;
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Figure 9: beliefs under dataset shift (after Ovadia et al. 2019, Fig. 2). Per dataset with rotation metrics,
 * {@code shift_rotation_<dataset>}: accuracy, NLL and ECE against the rotation angle, one line per method, mean ±
 * 1 std over seeds. Per dataset with severity-graded shifts, {@code shift_severity_<dataset>}: for each metric and
 * severity a box per method over the shift types (each type's mean over seeds).
 */
final class ShiftFigure {
    static final int NUMBER = 9;
    static final String HEADING = "Beliefs under dataset shift";
    private static final String[][] METRICS = {
        {"accuracy", "Accuracy", "accuracy (fraction correct)"},
        {"nll", "NLL", "NLL (nats per example)"},
        {"ece", "ECE", "ECE"}};

    private ShiftFigure() {
    }

    static FigureResult build(ReportData data) {
        if (!Shifts.any(data)) {
            return FigureResult.skipped(NUMBER, HEADING, "no ok run has shift metrics (a dataset's `shifts` in the"
                    + " suite, e.g. [\"rotation\", \"gaussian_noise\"] or [\"all\"]).");
        }
        List<Figure> figures = new ArrayList<>();
        for (ReportData.Dataset d : data.datasets()) {
            List<ReportData.Group> groups = data.groups(d).stream().filter(g -> !Shifts.of(g).isEmpty()).toList();
            if (groups.stream().anyMatch(g -> Shifts.of(g).containsKey(Shifts.ROTATION))) {
                figures.add(rotation(d, groups));
            }
            if (groups.stream().anyMatch(g -> Shifts.of(g).keySet().stream().anyMatch(s -> !s.equals(Shifts.ROTATION)))) {
                figures.add(severity(d, groups));
            }
        }
        return new FigureResult(NUMBER, HEADING, figures, "Test accuracy, NLL and ECE on the shifted test sets"
                + " (PROTOCOL.md, \"Shifted test sets\"): against the rotation angle, one line per method (mean ± 1 std"
                + " over seeds); and per severity, a box per method over the shift types other than rotation, each"
                + " type's value the mean over seeds (XChart's box plot: the box spans the quartiles, the whiskers reach the furthest value within 1.5 × the interquartile range).");
    }

    private static Figure rotation(ReportData.Dataset d, List<ReportData.Group> groups) {
        List<Panel> panels = new ArrayList<>();
        List<LegendEntry> legend = new ArrayList<>();
        for (String[] m : METRICS) {
            XYChart c = Charts.xy(480, 380, m[1], "rotation angle (degrees)", m[2]);
            c.getStyler().setXAxisMin(-5.0).setXAxisMax(185.0).setXAxisDecimalPattern("0");
            List<double[]> all = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                TreeMap<Integer, List<RunResult.Metrics>> levels = Shifts.of(groups.get(i)).get(Shifts.ROTATION);
                if (levels == null) {
                    continue;
                }
                List<double[]> pts = new ArrayList<>();
                for (Map.Entry<Integer, List<RunResult.Metrics>> e : levels.entrySet()) {
                    Stats.Summary s = Shifts.summary(e.getValue(), m[0]);
                    if (s != null) {
                        pts.add(new double[] {e.getKey(), s.mean(), s.std()});
                    }
                }
                if (pts.isEmpty()) {
                    continue;
                }
                all.addAll(pts);
                Charts.methodLine(c, groups.get(i).method().name(), i + 1, pts.stream().mapToDouble(p -> p[0]).toArray(),
                        pts.stream().mapToDouble(p -> p[1]).toArray(), pts.stream().mapToDouble(p -> p[2]).toArray());
            }
            Charts.metricYAxis(c, all, m[0]);
            panels.add(Panel.of(c));
        }
        for (int i = 0; i < groups.size(); i++) {
            legend.add(LegendEntry.method(groups.get(i).method().name(), i + 1));
        }
        return new Figure("shift_rotation_" + Charts.slug(d.name()), "Accuracy, NLL and ECE against rotation angle: "
                + d.name(), panels, 3, legend, List.of("Rotation about the image centre, bilinear, zero fill;"
                + " 0° is the test set itself. Mean ± 1 std over seeds."));
    }

    private static Figure severity(ReportData.Dataset d, List<ReportData.Group> groups) {
        TreeMap<Integer, Boolean> severities = new TreeMap<>();
        List<String> types = new ArrayList<>();
        for (ReportData.Group g : groups) {
            Shifts.of(g).forEach((shift, levels) -> {
                if (!shift.equals(Shifts.ROTATION)) {
                    levels.keySet().forEach(l -> severities.put(l, true));
                    if (!types.contains(shift)) {
                        types.add(shift);
                    }
                }
            });
        }
        List<Panel> panels = new ArrayList<>();
        for (String[] m : METRICS) {
            for (int severity : severities.keySet()) {
                BoxChart c = Style.apply(new BoxChartBuilder().width(300).height(340)
                        .title(m[1] + ", severity " + severity).yAxisTitle(m[2]).build());
                int added = 0;
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < groups.size(); i++) {
                    List<Double> values = new ArrayList<>();
                    for (Map.Entry<String, TreeMap<Integer, List<RunResult.Metrics>>> e : Shifts.of(groups.get(i)).entrySet()) {
                        List<RunResult.Metrics> ms = e.getKey().equals(Shifts.ROTATION) ? null : e.getValue().get(severity);
                        Stats.Summary s = ms == null ? null : Shifts.summary(ms, m[0]);
                        if (s != null) {
                            values.add(s.mean());
                            lo = Math.min(lo, s.mean());
                            hi = Math.max(hi, s.mean());
                        }
                    }
                    if (!values.isEmpty()) {
                        BoxSeries series = c.addSeries(groups.get(i).method().name(), values);
                        series.setFillColor(Style.alpha(Style.color(i + 1), 90));
                        series.setLineColor(Style.color(i + 1));
                        added++;
                    }
                }
                if (added > 0) {
                    // a range XChart can draw: padded, and widened around a single value
                    double pad = hi > lo ? 0.05 * (hi - lo) : Math.max(0.05 * Math.abs(hi), 0.01);
                    c.getStyler().setYAxisMin(lo - pad).setYAxisMax(hi + pad)
                            .setYAxisDecimalPattern(Charts.pattern(lo - pad, hi + pad));
                }
                panels.add(added == 0 ? Charts.message(300, 340, m[1] + ", severity " + severity, "no values")
                        : Panel.of(c));
            }
        }
        return new Figure("shift_severity_" + Charts.slug(d.name()), "Accuracy, NLL and ECE per severity over shift"
                + " types: " + d.name(), panels, severities.size(), List.of(), List.of("Each box: one method over "
                + String.join(", ", types) + " (each the mean over seeds); box = quartiles, whiskers ≤ 1.5 × IQR."));
    }
}
