package dev.credence.experiments.report;

import dev.credence.experiments.metrics.EntropyHistogram;
import org.knowm.xchart.XYChart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 6: histograms of the predictive entropy of correct and of wrong test predictions, one figure per
 * dataset and one panel per method, pooled over seeds and each normalised to fractions of its own group (so the
 * rarer wrong predictions stay visible). Reads {@code metrics.entropy_histogram} ({@code EntropyHistogram}).
 */
final class EntropyHistogramFigure {
    static final Color CORRECT = new Color(0, 114, 178);
    static final Color WRONG = new Color(213, 94, 0);

    private EntropyHistogramFigure() {
    }

    static FigureResult build(ReportData data) {
        List<Figure> figures = new ArrayList<>();
        for (ReportData.Dataset d : data.datasets()) {
            List<Panel> panels = new ArrayList<>();
            for (ReportData.Group g : data.groups(d)) {
                XYChart c = panel(g);
                if (c != null) {
                    panels.add(Panel.of(c));
                }
            }
            if (!panels.isEmpty()) {
                figures.add(new Figure("entropy_" + Charts.slug(d.name()), "Predictive entropy of correct and wrong"
                        + " predictions: " + d.name(), panels, 3, List.of(
                        new LegendEntry("correct predictions", CORRECT, LegendEntry.Kind.BOX, null),
                        new LegendEntry("wrong predictions", WRONG, LegendEntry.Kind.BOX, null)),
                        List.of("All seeds pooled; each group normalised to sum to 1; x from 0 to ln K (K classes)."
                                + " Counts in the titles are summed over seeds.")));
            }
        }
        String heading = "Entropy of correct and wrong predictions";
        if (figures.isEmpty()) {
            return FigureResult.skipped(6, heading, "the runs have no `metrics.entropy_histogram` (see"
                    + " `EntropyHistogram`; runs recorded without it leave this figure out).");
        }
        return new FigureResult(6, heading, figures, "Distribution of the predictive entropy for the test"
                + " predictions a method gets right and for those it gets wrong. The further apart the two"
                + " histograms, the better the entropy flags errors.");
    }

    private static XYChart panel(ReportData.Group g) {
        double[] correct = null;
        double[] wrong = null;
        double max = Double.NaN;
        for (Run r : g.ok()) {
            EntropyHistogram.Histogram h = r.metrics().entropyHistogram();
            if (h == null) {
                continue;
            }
            int[] c = h.correct();
            int[] w = h.wrong();
            if (correct == null) {
                correct = new double[c.length];
                wrong = new double[c.length];
                max = h.maxEntropy();
            } else if (c.length != correct.length) {
                continue;
            }
            for (int i = 0; i < c.length; i++) {
                correct[i] += c[i];
                wrong[i] += w[i];
            }
        }
        if (correct == null) {
            return null;
        }
        double nc = sum(correct);
        double nw = sum(wrong);
        int b = correct.length;
        double[] lo = new double[b];
        double[] mid = new double[b];
        double[] hi = new double[b];
        double[] fc = new double[b];
        double[] fw = new double[b];
        double top = 0;
        for (int i = 0; i < b; i++) {
            lo[i] = max * i / b;
            hi[i] = max * (i + 1) / b;
            mid[i] = (lo[i] + hi[i]) / 2;
            fc[i] = nc > 0 && correct[i] > 0 ? correct[i] / nc : Double.NaN;
            fw[i] = nw > 0 && wrong[i] > 0 ? wrong[i] / nw : Double.NaN;
            top = Math.max(top, Math.max(nc > 0 ? correct[i] / nc : 0, nw > 0 ? wrong[i] / nw : 0));
        }
        XYChart c = Charts.xy(400, 330, g.method().name() + "  ·  " + (long) nc + " right, " + (long) nw + " wrong",
                "predictive entropy (nats)", "fraction of the group");
        c.getStyler().setXAxisMin(0.0).setXAxisMax(max).setXAxisDecimalPattern(Charts.pattern(0, max));
        double yMax = Math.min(1.0, Math.max(0.05, top * 1.08));
        c.getStyler().setYAxisMin(0.0).setYAxisMax(yMax);
        c.getStyler().setYAxisDecimalPattern(Charts.pattern(0, yMax));
        Charts.bars(c, "correct", lo, mid, fc, CORRECT);
        Charts.bars(c, "wrong", mid, hi, fw, WRONG);
        return c;
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
