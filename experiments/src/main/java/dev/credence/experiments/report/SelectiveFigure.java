package dev.credence.experiments.report;

import dev.credence.experiments.metrics.SelectivePrediction;
import dev.credence.experiments.results.RunResult;
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.List;

/**
 * Figure 5: selective prediction: accuracy on the predictions kept when the most uncertain (highest predictive
 * entropy) are rejected, against the fraction kept (coverage); one panel per dataset, one line per method,
 * mean over seeds. Reads {@code metrics.selective} ({@code SelectivePrediction}).
 */
final class SelectiveFigure {
    private SelectiveFigure() {
    }

    static FigureResult build(ReportData data) {
        List<Panel> panels = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (ReportData.Dataset d : data.datasets()) {
            XYChart c = Charts.xy(440, 380, d.name(), "coverage (fraction of test predictions kept)",
                    "accuracy on kept predictions");
            c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setXAxisDecimalPattern(Charts.pattern(0, 1));
            boolean any = false;
            double yLo = Double.POSITIVE_INFINITY;
            double yHi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < data.methods().size(); i++) {
                ReportData.Group g = data.group(d, data.methods().get(i));
                double[][] curve = g == null ? null : meanCurve(g.ok());
                if (curve != null) {
                    Charts.methodLine(c, g.method().name(), i, curve[0], curve[1], null);
                    for (double v : curve[1]) {
                        yLo = Math.min(yLo, v);
                        yHi = Math.max(yHi, v);
                    }
                    if (!any) {
                        Charts.niceXTicks(c, curve[0][0], curve[0][0] + 0.004321, curve[1][curve[1].length - 1]);
                    }
                    any = true;
                }
            }
            if (any) {
                c.getStyler().setYAxisDecimalPattern(Charts.pattern(yLo, yHi));
                panels.add(Panel.of(c));
            } else {
                missing.add(d.name());
            }
        }
        String heading = "Selective prediction";
        if (panels.isEmpty()) {
            return FigureResult.skipped(5, heading, "the runs have no `metrics.selective` curve (see"
                    + " `SelectivePrediction`; runs recorded without it leave this figure out).");
        }
        List<LegendEntry> legend = new ArrayList<>();
        for (int i = 0; i < data.methods().size(); i++) {
            legend.add(LegendEntry.method(data.methods().get(i).name(), i));
        }
        Figure f = new Figure("selective", "Accuracy against coverage (most uncertain rejected first)", panels, 3,
                legend, List.of("Predictions are kept in order of increasing predictive entropy; mean over seeds."));
        return new FigureResult(5, heading, List.of(f), "Accuracy on the test predictions that are kept when the"
                + " ones with the highest predictive entropy are rejected first. A curve that rises more steeply to"
                + " the left means the method's uncertainty ranks its own errors better."
                + (missing.isEmpty() ? "" : " No curve for " + String.join(", ", missing) + "."));
    }

    /** @return {coverage, mean accuracy} over runs that have the same coverage grid, or null */
    static double[][] meanCurve(List<Run> runs) {
        double[] coverage = null;
        double[] sum = null;
        int n = 0;
        for (Run r : runs) {
            RunResult.Selective s = r.metrics().selective();
            if (s == null || s.points().isEmpty()) {
                continue;
            }
            double[] cov = s.points().stream().mapToDouble(SelectivePrediction.Point::coverage).toArray();
            double[] acc = s.points().stream().mapToDouble(SelectivePrediction.Point::accuracy).toArray();
            if (coverage == null) {
                coverage = cov;
                sum = new double[cov.length];
            } else if (!java.util.Arrays.equals(coverage, cov)) {
                continue;
            }
            for (int i = 0; i < acc.length; i++) {
                sum[i] += acc[i];
            }
            n++;
        }
        if (n == 0) {
            return null;
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= n;
        }
        return new double[][] {coverage, sum};
    }
}
