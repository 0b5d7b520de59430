package dev.credence.experiments.report;

import dev.credence.experiments.metrics.ClassMetrics;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Figure 3: per-class accuracy (recall) and per-class ECE against the class's number of training examples
 * (log axis), one figure per dataset with an imbalanced training set, mean &plusmn; one standard deviation over
 * seeds. Each class is a marker, labelled with its index (the figure's note names every index); a method's line
 * runs through the mean over the classes of each distinct training count, so classes that share a count (a
 * {@code step} profile) are never joined to each other.
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
                    List.of("One marker per class at its training count (lowest seed's split), labelled with its index;"
                            + " mean ± 1 std over seeds; methods offset slightly along x; lines join the mean over the"
                            + " classes of each count, never classes of the same count.", "Classes: " + classNames(d) + ".")));
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

    /**
     * Sets a log x-axis over the classes' training counts (the positive ones), with whole-number ticks.
     *
     * @param c     the chart
     * @param train training examples per class
     */
    static void trainingCountAxis(XYChart c, int[] train) {
        c.getStyler().setXAxisLogarithmic(true);
        int lo = Integer.MAX_VALUE;
        int hi = 1;
        for (int v : train) {
            if (v > 0) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        double[] range = Charts.logRange(lo, hi);
        c.getStyler().setXAxisMin(range[0]).setXAxisMax(range[1]);
        c.getStyler().setXAxisDecimalPattern("#,##0");
    }

    /**
     * Draws one method's per-class values against the classes' training counts: a marker with ± 1 std per class
     * (methods offset slightly along x so that they do not hide each other), and a line through the mean over the
     * classes of each count, never joining classes of the same count.
     *
     * @param c        the chart
     * @param method   the method's name
     * @param i        its index among the report's methods (its colour and offset)
     * @param m        the number of methods
     * @param train    training examples per class
     * @param perClass each class's summary over seeds, or null where it has none
     * @return the points drawn, {x, mean, std}, ascending in x; empty when the method has no class with a value
     */
    static List<double[]> drawClasses(XYChart c, String method, int i, int m, int[] train, Stats.Summary[] perClass) {
        double shift = Math.exp(0.04 * (i - (m - 1) / 2.0));
        List<double[]> pts = new ArrayList<>();
        double[] means = new double[perClass.length];
        java.util.Arrays.fill(means, Double.NaN);
        for (int k = 0; k < perClass.length; k++) {
            Stats.Summary s = perClass[k];
            if (s != null && k < train.length && train[k] > 0) {
                pts.add(new double[] {train[k] * shift, s.mean(), s.std()});
                means[k] = s.mean();
            }
        }
        if (pts.isEmpty()) {
            return pts;
        }
        pts.sort((a, b) -> Double.compare(a[0], b[0]));
        XYSeries marks = Charts.methodLine(c, method, i, pts.stream().mapToDouble(p -> p[0]).toArray(),
                pts.stream().mapToDouble(p -> p[1]).toArray(), pts.stream().mapToDouble(p -> p[2]).toArray());
        marks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        java.util.TreeMap<Integer, Double> perCount = meanPerCount(train, means);
        double[] xs = perCount.keySet().stream().mapToDouble(x -> x * shift).toArray();
        double[] ys = perCount.values().stream().mapToDouble(Double::doubleValue).toArray();
        XYSeries line = Charts.reference(c, "\u0000per count " + i, xs, ys, Style.color(i), false);
        line.setLineStyle(Style.line(2f));
        line.setShowInLegend(false);
        return pts;
    }

    /** @return "0 name (count), 1 …" in index order */
    static String classNames(ReportData.Dataset d) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < d.numClasses(); k++) {
            out.add(k + " " + d.classNames().get(k) + (k < d.train().length ? " (" + d.train()[k] + ")" : ""));
        }
        return String.join(", ", out);
    }

    private static XYChart panel(ReportData data, ReportData.Dataset d, ClassMetric metric) {
        XYChart c = Charts.xy(480, 380, d.name() + ": " + metric.label().replace(" (recall)", "").replace(" (0–1 scale)", ""),
                "training examples of the class (log scale)", metric.label());
        trainingCountAxis(c, d.train());
        c.getStyler().setAnnotationTextFont(Style.TICKS).setAnnotationTextFontColor(Style.INK);
        int m = data.methods().size();
        boolean any = false;
        List<double[]> all = new ArrayList<>();
        double[] top = new double[d.numClasses()];
        java.util.Arrays.fill(top, Double.NaN);
        for (int i = 0; i < m; i++) {
            ReportData.Group g = data.group(d, data.methods().get(i));
            if (g == null) {
                continue;
            }
            Stats.Summary[] perClass = new Stats.Summary[d.numClasses()];
            for (int k = 0; k < d.numClasses(); k++) {
                int kk = k;
                perClass[k] = Stats.summarize(g.values(r -> value(r, kk, metric.value())));
            }
            List<double[]> pts = drawClasses(c, g.method().name(), i, m, d.train(), perClass);
            if (pts.isEmpty()) {
                continue;
            }
            for (int k = 0; k < d.numClasses(); k++) {
                Stats.Summary s = perClass[k];
                if (s != null && k < d.train().length && d.train()[k] > 0) {
                    top[k] = Double.isNaN(top[k]) ? s.mean() + s.std() : Math.max(top[k], s.mean() + s.std());
                }
            }
            all.addAll(pts);
            any = true;
        }
        if (!any) {
            return null;
        }
        double[] yr = Charts.range(all);
        // both metrics are fractions: error bars of ± 1 std may leave [0, 1], the axis does not
        if (yr[0] < 0) {
            c.getStyler().setYAxisMin(0.0);
            yr[0] = 0;
        }
        if (yr[1] > 1) {
            c.getStyler().setYAxisMax(1.0);
            yr[1] = 1;
        }
        c.getStyler().setYAxisDecimalPattern(Charts.pattern(yr[0], yr[1]));
        double lift = 0.04 * Math.max(yr[1] - yr[0], 1e-3);
        // one label per count: the indices of its classes, above the highest of their markers
        java.util.TreeMap<Integer, List<Integer>> classesOf = new java.util.TreeMap<>();
        for (int k = 0; k < d.numClasses(); k++) {
            if (!Double.isNaN(top[k])) {
                classesOf.computeIfAbsent(d.train()[k], x -> new ArrayList<>()).add(k);
            }
        }
        classesOf.forEach((count, ks) -> c.addAnnotation(new AnnotationText(String.join(",",
                ks.stream().map(String::valueOf).toList()), count, ks.stream().mapToDouble(k -> top[k]).max().orElseThrow() + lift,
                false)));
        return c;
    }

    /**
     * @param counts training count per class
     * @param values a value per class (NaN where there is none)
     * @return per distinct positive count, ascending, the mean value of its classes: the points a method's line joins
     */
    static java.util.TreeMap<Integer, Double> meanPerCount(int[] counts, double[] values) {
        java.util.TreeMap<Integer, double[]> sums = new java.util.TreeMap<>();
        for (int k = 0; k < Math.min(counts.length, values.length); k++) {
            if (counts[k] > 0 && !Double.isNaN(values[k])) {
                double[] sum = sums.computeIfAbsent(counts[k], x -> new double[2]);
                sum[0] += values[k];
                sum[1]++;
            }
        }
        java.util.TreeMap<Integer, Double> out = new java.util.TreeMap<>();
        sums.forEach((count, sum) -> out.put(count, sum[0] / sum[1]));
        return out;
    }

    private static double value(Run r, int k, Function<ClassMetrics, Double> metric) {
        ClassMetrics c = r.metrics().perClass(k);
        Double v = c == null ? null : metric.apply(c);
        return v == null || !Double.isFinite(v) ? Double.NaN : v;
    }
}
