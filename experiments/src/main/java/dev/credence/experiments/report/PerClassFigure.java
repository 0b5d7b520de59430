package dev.credence.experiments.report;

import dev.credence.experiments.metrics.ClassMetrics;
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Figure 3: per-class accuracy (recall) and per-class ECE against the class's number of training examples
 * (log axis), one figure per dataset with an imbalanced training set, one line per method, mean &plusmn; one
 * standard deviation over seeds.
 */
final class PerClassFigure {
    /** A per-class metric drawn: its axis label and its value. */
    private record ClassMetric(String label, Function<ClassMetrics, Double> value) {
    }

    private static final List<ClassMetric> METRICS = List.of(
            new ClassMetric("class accuracy (recall)", ClassMetrics::accuracy),
            new ClassMetric("class ECE (0–1 scale)", ClassMetrics::ece));

    private PerClassFigure() {
    }

    static FigureResult build(ReportData data) {
        List<Figure> figures = new ArrayList<>();
        List<String> balanced = new ArrayList<>();
        for (ReportData.Dataset d : data.datasets()) {
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int c : d.train()) {
                min = Math.min(min, c);
                max = Math.max(max, c);
            }
            if (min == max || min == 0 && max == 0) {
                balanced.add(d.name());
                continue;
            }
            List<Panel> panels = new ArrayList<>();
            for (ClassMetric metric : METRICS) {
                XYChart c = panel(data, d, metric);
                if (c != null) {
                    panels.add(Panel.of(c));
                }
            }
            if (panels.isEmpty()) {
                continue;
            }
            List<LegendEntry> legend = new ArrayList<>();
            for (int i = 0; i < data.methods().size(); i++) {
                if (data.group(d, data.methods().get(i)) != null) {
                    legend.add(LegendEntry.method(data.methods().get(i).name(), i));
                }
            }
            figures.add(new Figure("per_class_" + Charts.slug(d.name()), "Per class: " + d.name(), panels, 2, legend,
                    List.of("One point per class at its training count (lowest seed's split); mean ± 1 std over"
                            + " seeds; methods offset slightly along x.")));
        }
        String heading = "Head and tail classes";
        if (figures.isEmpty()) {
            return FigureResult.skipped(3, heading, "no dataset has classes of different training sizes"
                    + " with per-class metrics.");
        }
        return new FigureResult(3, heading, figures, "Accuracy and ECE of each class against how many training"
                + " examples it had (log scale): the left end is the tail. A method that helps the tail lifts the"
                + " left end of the accuracy line and lowers the left end of the ECE line."
                + (balanced.isEmpty() ? "" : " Not drawn for datasets with equal class counts ("
                + String.join(", ", balanced) + ")."));
    }

    private static XYChart panel(ReportData data, ReportData.Dataset d, ClassMetric metric) {
        XYChart c = Charts.xy(480, 380, d.name() + ": " + metric.label().replace(" (recall)", "").replace(" (0–1 scale)", ""),
                "training examples of the class (log scale)", metric.label());
        c.getStyler().setXAxisLogarithmic(true);
        int lo = Integer.MAX_VALUE;
        int hi = 1;
        for (int v : d.train()) {
            if (v > 0) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        double[] range = Charts.logRange(lo, hi);
        c.getStyler().setXAxisMin(range[0]).setXAxisMax(range[1]);
        c.getStyler().setXAxisDecimalPattern("#,##0");
        c.getStyler().setYAxisDecimalPattern("0.00");
        int m = data.methods().size();
        boolean any = false;
        for (int i = 0; i < m; i++) {
            ReportData.Group g = data.group(d, data.methods().get(i));
            if (g == null) {
                continue;
            }
            List<double[]> pts = new ArrayList<>();
            for (int k = 0; k < d.numClasses(); k++) {
                int kk = k;
                double[] v = g.values(r -> value(r, kk, metric.value()));
                Stats.Summary s = Stats.summarize(v);
                if (s != null && d.train()[k] > 0) {
                    pts.add(new double[] {d.train()[k] * Math.exp(0.04 * (i - (m - 1) / 2.0)), s.mean(), s.std()});
                }
            }
            if (pts.isEmpty()) {
                continue;
            }
            pts.sort((a, b) -> Double.compare(a[0], b[0]));
            any = true;
            Charts.methodLine(c, g.method().name(), i, pts.stream().mapToDouble(p -> p[0]).toArray(),
                    pts.stream().mapToDouble(p -> p[1]).toArray(), pts.stream().mapToDouble(p -> p[2]).toArray());
        }
        return any ? c : null;
    }

    private static double value(Run r, int k, Function<ClassMetrics, Double> metric) {
        ClassMetrics c = r.metrics().perClass(k);
        Double v = c == null ? null : metric.apply(c);
        return v == null || !Double.isFinite(v) ? Double.NaN : v;
    }
}
