package dev.credence.experiments.report;

import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Figure 4: the signal-to-noise pruning curve: test accuracy and NLL against the fraction of weights removed,
 * one line per dataset (and pruning method), mean &plusmn; one standard deviation over seeds. Blundell et al.
 * (2015, Table 2) found the test error flat up to 95% removed and slightly worse at 98%.
 */
final class PruningFigure {
    private PruningFigure() {
    }

    private record Line(String label, TreeMap<Double, List<Pruning.Level>> levels) {
    }

    static FigureResult build(ReportData data) {
        List<Line> lines = new ArrayList<>();
        long methods = data.groups().stream().filter(g -> !ReportTables.levels(g).isEmpty())
                .map(g -> g.method().name()).distinct().count();
        for (ReportData.Group g : data.groups()) {
            TreeMap<Double, List<Pruning.Level>> levels = ReportTables.levels(g);
            if (!levels.isEmpty()) {
                lines.add(new Line(g.dataset().name() + (methods > 1 ? " · " + g.method().name() : ""), levels));
            }
        }
        String heading = "Pruning by signal-to-noise ratio";
        if (lines.isEmpty()) {
            return FigureResult.skipped(4, heading, "no ok run has pruning variants (pruned-bbb's"
                    + " `variants` with `extras.pruning`).");
        }
        List<Panel> panels = List.of(Panel.of(panel(lines, "accuracy", "test accuracy (fraction correct)", "0.00")),
                Panel.of(panel(lines, "nll", "test NLL (nats per example)", "0.000")));
        List<LegendEntry> legend = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            legend.add(LegendEntry.method(lines.get(i).label(), i + 1));
        }
        Figure f = new Figure("pruning", "Accuracy and NLL after removing the lowest-SNR weights", panels, 2, legend,
                List.of("SNR = |μ|/σ of each weight; mean ± 1 std over seeds. For reference, Blundell et al. (2015,"
                        + " Table 2) report an almost unchanged test error up to 95% removed and a small rise at 98%."));
        return new FigureResult(4, heading, List.of(f), "Test accuracy and NLL of the pruned posterior as the"
                + " fraction of weights with the lowest signal-to-noise ratio grows. The Blundell et al. shape is a"
                + " flat curve that only bends at the largest fractions.");
    }

    private static XYChart panel(List<Line> lines, String key, String yTitle, String pattern) {
        XYChart c = Charts.xy(480, 380, key.equals("nll") ? "NLL" : "Accuracy", "fraction of weights removed", yTitle);
        c.getStyler().setXAxisMin(-0.02).setXAxisMax(1.0).setXAxisDecimalPattern("0.0");
        c.getStyler().setYAxisDecimalPattern(pattern);
        for (int i = 0; i < lines.size(); i++) {
            List<double[]> pts = new ArrayList<>();
            for (Map.Entry<Double, List<Pruning.Level>> e : lines.get(i).levels().entrySet()) {
                Stats.Summary s = Stats.summarize(e.getValue().stream().map(l -> l.metric(key))
                        .filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).toArray());
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
