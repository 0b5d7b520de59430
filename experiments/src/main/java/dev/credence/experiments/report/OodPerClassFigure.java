package dev.credence.experiments.report;

import dev.credence.experiments.results.RunResult;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.util.ArrayList;
import java.util.List;

/**
 * Figure 11: for each in-distribution class, the fraction of its test inputs flagged out-of-distribution at the
 * FPR95 threshold of the entropy score ({@code fpr95_flagged_per_class}), against the class's training count (log
 * axis): one figure per dataset, one panel per OOD set, one line per method, mean ± one standard deviation over seeds.
 * A tail class confused with "unknown" shows as a line falling from left to right.
 */
final class OodPerClassFigure {
    static final int NUMBER = 11;
    static final String HEADING = "Which classes look out-of-distribution";

    private OodPerClassFigure() {
    }

    static FigureResult build(ReportData data) {
        List<Figure> figures = new ArrayList<>();
        for (ReportData.Dataset d : data.datasets()) {
            List<ReportData.Group> groups = data.groups(d).stream().filter(g -> !OodSets.of(g).isEmpty()).toList();
            if (groups.isEmpty() || java.util.Arrays.stream(d.train()).allMatch(c -> c <= 0)) {
                continue;
            }
            List<Panel> panels = new ArrayList<>();
            for (String set : OodSets.sets(groups)) {
                XYChart c = panel(data, d, set);
                if (c != null) {
                    panels.add(Panel.of(c));
                }
            }
            if (panels.isEmpty()) {
                continue;
            }
            List<LegendEntry> legend = new ArrayList<>();
            for (int i = 0; i < data.methods().size(); i++) {
                if (groups.contains(data.group(d, data.methods().get(i)))) {
                    legend.add(LegendEntry.method(data.methods().get(i).name(), i));
                }
            }
            figures.add(new Figure("ood_per_class_" + Charts.slug(d.name()), "Flagged OOD per class: " + d.name(),
                    panels, 2, legend, List.of("Entropy score; threshold: the one giving 95% TPR on the OOD set;"
                    + " one marker per class at its training count (lowest seed's split), mean ± 1 std over seeds;"
                    + " lines join the mean over the classes of each count. The mean over classes, weighted by their"
                    + " test counts, is the FPR95.", "Classes: " + PerClassFigure.classNames(d) + ".")));
        }
        if (figures.isEmpty()) {
            return FigureResult.skipped(NUMBER, HEADING, "no ok run has per-class OOD results.");
        }
        return new FigureResult(NUMBER, HEADING, figures, "The share of each class's test inputs that the entropy"
                + " flags as out-of-distribution at the threshold that catches 95% of an OOD set, against how many"
                + " training examples the class had: is the tail confused with the unknown?");
    }

    private static XYChart panel(ReportData data, ReportData.Dataset d, String set) {
        XYChart c = Charts.xy(480, 380, d.name() + " vs " + set, "training examples of the class (log scale)",
                "fraction flagged OOD");
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
        c.getStyler().setXAxisMin(range[0]).setXAxisMax(range[1]).setXAxisDecimalPattern("#,##0");
        c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setYAxisDecimalPattern(Charts.pattern(0, 1));
        int m = data.methods().size();
        boolean any = false;
        for (int i = 0; i < m; i++) {
            ReportData.Group g = data.group(d, data.methods().get(i));
            List<RunResult.OodResult> rs = g == null ? null : OodSets.of(g).get(set);
            if (rs == null) {
                continue;
            }
            double shift = Math.exp(0.04 * (i - (m - 1) / 2.0));
            List<double[]> pts = new ArrayList<>();
            double[] means = new double[d.numClasses()];
            java.util.Arrays.fill(means, Double.NaN);
            for (int k = 0; k < d.numClasses() && k < d.train().length; k++) {
                int kk = k;
                Stats.Summary s = Stats.summarize(rs.stream().map(o -> o.scores().get(OodSets.SHOWN))
                        .filter(o -> o != null && kk < o.flaggedPerClass().size() && o.flaggedPerClass().get(kk) != null)
                        .mapToDouble(o -> o.flaggedPerClass().get(kk)).toArray());
                if (s != null && d.train()[k] > 0) {
                    pts.add(new double[]{d.train()[k] * shift, s.mean(), s.std()});
                    means[k] = s.mean();
                }
            }
            if (pts.isEmpty()) {
                continue;
            }
            any = true;
            pts.sort((a, b) -> Double.compare(a[0], b[0]));
            XYSeries marks = Charts.methodLine(c, g.method().name(), i, pts.stream().mapToDouble(p -> p[0]).toArray(),
                    pts.stream().mapToDouble(p -> p[1]).toArray(), pts.stream().mapToDouble(p -> p[2]).toArray());
            marks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            java.util.TreeMap<Integer, Double> perCount = PerClassFigure.meanPerCount(d.train(), means);
            XYSeries line = Charts.reference(c, "\u0000per count " + i,
                    perCount.keySet().stream().mapToDouble(x -> x * shift).toArray(),
                    perCount.values().stream().mapToDouble(Double::doubleValue).toArray(), Style.color(i), false);
            line.setLineStyle(Style.line(2f));
            line.setShowInLegend(false);
        }
        return any ? c : null;
    }
}
