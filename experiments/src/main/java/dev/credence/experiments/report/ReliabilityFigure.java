package dev.credence.experiments.report;

import dev.credence.experiments.metrics.ReliabilityBin;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 1: reliability diagrams, one figure per dataset and one panel per method. Each panel pools the
 * reliability bins of all ok seeds (counts summed, accuracy and confidence weighted by count): bars of the
 * accuracy per confidence bin, the bin's mean confidence as a marker, the diagonal of perfect calibration, and
 * under it the number of test predictions per bin on a log scale.
 */
final class ReliabilityFigure {
    static final int WIDTH = 400;
    static final int AXIS_WIDTH = 90;
    static final Color BAR = new Color(0, 114, 178);
    static final Color CONF = new Color(213, 94, 0);
    static final Color COUNT = new Color(120, 120, 120);

    private ReliabilityFigure() {
    }

    /** Pooled bins of a group. */
    record Pooled(double[] lower, double[] upper, double[] count, double[] accuracy, double[] confidence, int runs) {
    }

    static Pooled pool(List<Run> runs) {
        double[] lower = null;
        double[] upper = null;
        double[] count = null;
        double[] acc = null;
        double[] conf = null;
        int used = 0;
        for (Run r : runs) {
            List<ReliabilityBin> rel = r.metrics().reliability();
            if (rel == null || rel.isEmpty()) {
                continue;
            }
            int b = rel.size();
            if (lower == null) {
                lower = new double[b];
                upper = new double[b];
                count = new double[b];
                acc = new double[b];
                conf = new double[b];
                for (int i = 0; i < b; i++) {
                    lower[i] = rel.get(i).lower();
                    upper[i] = rel.get(i).upper();
                }
            } else if (b != lower.length) {
                continue;
            }
            used++;
            for (int i = 0; i < b; i++) {
                ReliabilityBin bin = rel.get(i);
                int n = bin.count();
                if (n > 0) {
                    count[i] += n;
                    acc[i] += n * orZero(bin.accuracy());
                    conf[i] += n * orZero(bin.confidence());
                }
            }
        }
        if (lower == null) {
            return null;
        }
        for (int i = 0; i < lower.length; i++) {
            acc[i] = count[i] > 0 ? acc[i] / count[i] : Double.NaN;
            conf[i] = count[i] > 0 ? conf[i] / count[i] : Double.NaN;
        }
        return new Pooled(lower, upper, count, acc, conf, used);
    }

    static FigureResult build(ReportData data) {
        List<Figure> figures = new ArrayList<>();
        for (ReportData.Dataset d : data.datasets()) {
            List<Panel> panels = new ArrayList<>();
            for (ReportData.Group g : data.groups(d)) {
                Pooled p = pool(g.ok());
                if (p == null) {
                    continue;
                }
                Stats.Summary ece = g.metric("ece");
                String title = g.method().name() + (ece == null ? "" : "  ·  ECE " + Fmt.fixed(ece.mean(), 3)
                        + (ece.n() > 1 ? " ± " + Fmt.fixed(ece.std(), 3) : ""));
                panels.add(Charts.stack(Panel.of(reliability(p, title)), Panel.of(counts(p))));
            }
            if (!panels.isEmpty()) {
                figures.add(new Figure("reliability_" + Charts.slug(d.name()), "Reliability: " + d.name()
                        + " (test set, all seeds pooled)", panels, 3, legend(),
                        List.of("Bars: accuracy of the predictions whose confidence falls in the bin; markers: their mean"
                                + " confidence; dashed: perfect calibration.")));
            }
        }
        if (figures.isEmpty()) {
            return FigureResult.skipped(1, "Reliability diagrams", "no ok run has reliability bins.");
        }
        return new FigureResult(1, "Reliability diagrams", figures,
                "Accuracy against confidence in equal-width confidence bins, pooled over seeds, one panel per method,"
                        + " with the number of test predictions per bin underneath (log scale). Bars below the diagonal"
                        + " mean over-confidence; bins with few predictions are noisy.");
    }

    static List<LegendEntry> legend() {
        return List.of(new LegendEntry("accuracy in bin", BAR, LegendEntry.Kind.BOX, null),
                new LegendEntry("mean confidence in bin", CONF, LegendEntry.Kind.MARKER,
                        org.knowm.xchart.style.markers.SeriesMarkers.DIAMOND),
                new LegendEntry("perfect calibration", Color.GRAY, LegendEntry.Kind.DASHED, null),
                new LegendEntry("predictions per bin", COUNT, LegendEntry.Kind.BOX, null));
    }

    private static XYChart reliability(Pooled p, String title) {
        XYChart c = Charts.xy(WIDTH, 380, title, "confidence (max. predicted probability)", "accuracy (fraction correct)");
        c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        c.getStyler().setXAxisDecimalPattern(Charts.pattern(0, 1)).setYAxisDecimalPattern(Charts.pattern(0, 1));
        c.getStyler().setYAxisLeftWidthHint(AXIS_WIDTH);
        Charts.bars(c, "accuracy", p.lower(), p.upper(), p.accuracy(), BAR);
        Charts.reference(c, "perfect calibration", new double[] {0, 1}, new double[] {0, 1}, Color.GRAY, true);
        List<Double> cx = new ArrayList<>();
        List<Double> cy = new ArrayList<>();
        for (int i = 0; i < p.count().length; i++) {
            if (p.count()[i] > 0) {
                cx.add((p.lower()[i] + p.upper()[i]) / 2);
                cy.add(p.confidence()[i]);
            }
        }
        if (!cx.isEmpty()) {
            XYSeries s = c.addSeries("mean confidence", cx, cy);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.DIAMOND);
            s.setMarkerColor(CONF);
        }
        return c;
    }

    private static XYChart counts(Pooled p) {
        XYChart c = Charts.xy(WIDTH, 210, "", "confidence", "predictions per bin");
        c.getStyler().setChartTitleVisible(false);
        double max = 1;
        for (double v : p.count()) {
            max = Math.max(max, v);
        }
        double[] h = new double[p.count().length];
        for (int i = 0; i < h.length; i++) {
            h[i] = p.count()[i] > 0 ? p.count()[i] : Double.NaN;
        }
        c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setXAxisDecimalPattern(Charts.pattern(0, 1));
        c.getStyler().setYAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmicDecadeOnly(true);
        c.getStyler().setYAxisDecimalPattern("#,##0");
        c.getStyler().setPlotGridHorizontalLinesVisible(false);
        c.getStyler().setYAxisLeftWidthHint(AXIS_WIDTH);
        c.getStyler().setYAxisMin(1.0);
        c.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max * 1.05))));
        Charts.bars(c, "count", p.lower(), p.upper(), h, COUNT);
        return c;
    }

    /** @return the value, 0 when it is missing (as a bin's mean is in a result that lacks it) */
    private static double orZero(Double v) {
        return v == null ? 0.0 : v;
    }
}
