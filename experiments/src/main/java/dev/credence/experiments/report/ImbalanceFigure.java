package dev.credence.experiments.report;

import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 2: NLL and ECE against the training set's imbalance ratio rho, one line per method, mean &plusmn; one
 * standard deviation over seeds. Datasets with the same source and test condition ({@link ReportData.Dataset#condition()})
 * form one x axis; only those seen at two or more ratios are drawn. Methods are spread slightly along x so error bars do not hide each other.
 */
final class ImbalanceFigure {
    private static final String[][] METRICS = {{"nll", "NLL (nats per example)", "NLL"}, {"ece", "ECE (0–1 scale)", "ECE"}};

    private ImbalanceFigure() {
    }

    static FigureResult build(ReportData data) {
        Map<String, List<ReportData.Dataset>> bySource = new LinkedHashMap<>();
        for (ReportData.Dataset d : data.datasets()) {
            List<ReportData.Dataset> list = bySource.computeIfAbsent(d.condition(), k -> new ArrayList<>());
            if (list.stream().noneMatch(o -> o.rho() == d.rho())) {
                list.add(d);
            }
        }
        List<Panel> panels = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (Map.Entry<String, List<ReportData.Dataset>> e : bySource.entrySet()) {
            List<ReportData.Dataset> ds = e.getValue();
            if (ds.size() < 2) {
                continue;
            }
            sources.add(e.getKey());
            for (String[] metric : METRICS) {
                panels.add(Panel.of(panel(data, e.getKey(), ds, metric)));
            }
        }
        String heading = "Calibration against the imbalance ratio";
        if (panels.isEmpty()) {
            return FigureResult.skipped(2, heading, "no dataset source appears at two or more imbalance"
                    + " ratios (datasets that differ only by their imbalance profile form one line per method).");
        }
        List<LegendEntry> legend = new ArrayList<>();
        for (int i = 0; i < data.methods().size(); i++) {
            legend.add(LegendEntry.method(data.methods().get(i).name(), i));
        }
        Figure f = new Figure("imbalance", "NLL and ECE against the imbalance ratio ρ", panels, 2, legend,
                List.of("ρ = largest / smallest training class (the profile's ratio); mean ± 1 std over seeds;"
                        + " methods are offset slightly along ρ for legibility."));
        return new FigureResult(2, heading, List.of(f), "Test NLL and ECE of each method as the training set gets"
                + " more imbalanced (source" + (sources.size() > 1 ? "s " : " ") + String.join(", ", sources)
                + "), mean ± 1 std over seeds. A flatter line means a method whose calibration suffers less"
                + " from the imbalance.");
    }

    private static XYChart panel(ReportData data, String source, List<ReportData.Dataset> ds, String[] metric) {
        XYChart c = Charts.xy(460, 360, source + ": " + metric[2], "imbalance ratio ρ (log scale)", metric[1]);
        c.getStyler().setXAxisLogarithmic(true);
        double lo = ds.stream().mapToDouble(ReportData.Dataset::rho).min().orElse(1);
        double hi = ds.stream().mapToDouble(ReportData.Dataset::rho).max().orElse(10);
        double[] range = Charts.logRange(lo, hi);
        c.getStyler().setXAxisMin(range[0]).setXAxisMax(range[1]);
        c.getStyler().setXAxisDecimalPattern("#,##0.#");
        int m = data.methods().size();
        List<double[]> all = new ArrayList<>();
        boolean any = false;
        for (int i = 0; i < m; i++) {
            ReportData.Method method = data.methods().get(i);
            List<double[]> pts = new ArrayList<>();
            for (ReportData.Dataset d : ds) {
                ReportData.Group g = data.group(d, method);
                Stats.Summary s = g == null ? null : g.metric(metric[0]);
                if (s != null) {
                    pts.add(new double[] {d.rho() * Math.exp(0.035 * (i - (m - 1) / 2.0)), s.mean(), s.std()});
                }
            }
            if (pts.isEmpty()) {
                continue;
            }
            any = true;
            all.addAll(pts);
            Charts.methodLine(c, method.name(), i, pts.stream().mapToDouble(p -> p[0]).toArray(),
                    pts.stream().mapToDouble(p -> p[1]).toArray(), pts.stream().mapToDouble(p -> p[2]).toArray());
        }
        if (!any) {
            Charts.reference(c, "none", new double[] {lo, hi}, new double[] {0, 0}, Style.GRID, false);
        }
        double[] yr = Charts.range(all);
        c.getStyler().setYAxisDecimalPattern(Charts.pattern(yr[0], yr[1]));
        return c;
    }
}
