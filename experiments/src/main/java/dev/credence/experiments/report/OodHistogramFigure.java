package dev.credence.experiments.report;

import dev.credence.experiments.metrics.EntropyHistogram;
import dev.credence.experiments.results.RunResult;
import org.knowm.xchart.XYChart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Figure 10: histograms of the predictive entropy of the in-distribution test inputs (bars) and of each
 * out-of-distribution set's inputs (lines), one figure per dataset and one panel per method, pooled over seeds and
 * each normalised to fractions of its own inputs. Reads {@code metrics.entropy_histogram} and
 * {@code ood[].entropy_histogram}, which share their bins.
 */
final class OodHistogramFigure {
    static final int NUMBER = 10;
    static final String HEADING = "Entropy of in- and out-of-distribution inputs";
    static final Color IN = new Color(120, 120, 120);

    private OodHistogramFigure() {
    }

    static FigureResult build(ReportData data) {
        List<Figure> figures = new ArrayList<>();
        for (ReportData.Dataset d : data.datasets()) {
            List<ReportData.Group> groups = data.groups(d).stream().filter(g -> !OodSets.of(g).isEmpty()).toList();
            List<String> sets = OodSets.sets(groups);
            List<Panel> panels = new ArrayList<>();
            for (ReportData.Group g : groups) {
                XYChart c = panel(g, sets);
                if (c != null) {
                    panels.add(Panel.of(c));
                }
            }
            if (panels.isEmpty()) {
                continue;
            }
            List<LegendEntry> legend = new ArrayList<>();
            legend.add(new LegendEntry("in-distribution test inputs", IN, LegendEntry.Kind.BOX, null));
            for (int i = 0; i < sets.size(); i++) {
                legend.add(new LegendEntry(sets.get(i), Style.color(i), LegendEntry.Kind.LINE, null));
            }
            figures.add(new Figure("ood_entropy_" + Charts.slug(d.name()), "Predictive entropy, in- and"
                    + " out-of-distribution: " + d.name(), panels, 3, legend,
                    List.of("All seeds pooled; each set normalised to sum to 1; x from 0 to ln K (K classes).")));
        }
        if (figures.isEmpty()) {
            return FigureResult.skipped(NUMBER, HEADING, "no ok run has OOD results with entropy histograms.");
        }
        return new FigureResult(NUMBER, HEADING, figures, "Where the predictive entropy of inputs from elsewhere falls"
                + " against that of the test inputs: the further right of the bars a line sits, the better the"
                + " entropy tells the set apart (its AUROC is in the OOD table).");
    }

    private static XYChart panel(ReportData.Group g, List<String> sets) {
        double[] in = null;
        double max = Double.NaN;
        for (Run r : g.ok()) {
            EntropyHistogram.Histogram h = r.metrics().entropyHistogram();
            if (h == null || r.scored().ood().isEmpty() || in != null && h.correct().length != in.length) {
                continue;
            }
            if (in == null) {
                in = new double[h.correct().length];
                max = h.maxEntropy();
            }
            for (int i = 0; i < in.length; i++) {
                in[i] += h.correct()[i] + h.wrong()[i];
            }
        }
        if (in == null) {
            return null;
        }
        int b = in.length;
        double[] lo = new double[b];
        double[] mid = new double[b];
        double[] hi = new double[b];
        for (int i = 0; i < b; i++) {
            lo[i] = max * i / b;
            hi[i] = max * (i + 1) / b;
            mid[i] = (lo[i] + hi[i]) / 2;
        }
        double[] fin = fractions(in, true);
        double top = max(fin);
        XYChart c = Charts.xy(400, 330, g.method().name(), "predictive entropy (nats)", "fraction of the set");
        c.getStyler().setXAxisMin(0.0).setXAxisMax(max).setXAxisDecimalPattern(Charts.pattern(0, max));
        Charts.bars(c, "in-distribution", lo, hi, fin, IN);
        Map<String, List<RunResult.OodResult>> bySet = OodSets.of(g);
        for (int s = 0; s < sets.size(); s++) {
            List<RunResult.OodResult> rs = bySet.get(sets.get(s));
            if (rs == null) {
                continue;
            }
            double[] counts = new double[b];
            for (RunResult.OodResult o : rs) {
                if (o.entropyHistogram().length == b) {
                    for (int i = 0; i < b; i++) {
                        counts[i] += o.entropyHistogram()[i];
                    }
                }
            }
            double[] f = fractions(counts, false);
            top = Math.max(top, max(f));
            Charts.reference(c, sets.get(s), mid, f, Style.color(s), false).setLineStyle(Style.line(2f));
        }
        double yMax = Math.min(1.0, Math.max(0.05, top * 1.08));
        c.getStyler().setYAxisMin(0.0).setYAxisMax(yMax).setYAxisDecimalPattern(Charts.pattern(0, yMax));
        return c;
    }

    /** @return counts / their sum; with {@code gaps}, empty bins are NaN (no bar) */
    private static double[] fractions(double[] counts, boolean gaps) {
        double n = 0;
        for (double v : counts) {
            n += v;
        }
        double[] out = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            out[i] = n == 0 || gaps && counts[i] == 0 ? (gaps ? Double.NaN : 0) : counts[i] / n;
        }
        return out;
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                m = Math.max(m, x);
            }
        }
        return m;
    }
}
