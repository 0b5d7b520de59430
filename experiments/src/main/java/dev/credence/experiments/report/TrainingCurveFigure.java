package dev.credence.experiments.report;

import dev.credence.experiments.results.RunResult;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Figure 8: training curves, one figure per dataset and one panel per method: every term the method reports
 * per epoch (its objective's term names: loss, NLL, and e.g. bbb's KL and ELBO), averaged over ok seeds. The KL
 * term ({@value #KL}) gets an axis of its own, in a panel under the others, in every method's panel of a dataset
 * where some method reports it; of the other terms, those much larger than the NLL (an SGLD potential summed over
 * the data) go, dashed, on a right-hand axis. Each axis's tick labels are patterned from its own data's range.
 */
final class TrainingCurveFigure {
    /** The key of the epoch numbers in {@link #meanCurves}. */
    static final String EPOCH = "epoch";
    /** The objective term drawn on its own axis. */
    static final String KL = "kl";
    private static final List<String> ORDER = List.of("loss", "nll", "elbo", "kl", "weight_decay");
    private static final Color[] TERM_COLORS = {new Color(0, 0, 0), new Color(0, 114, 178), new Color(0, 158, 115),
        new Color(213, 94, 0), new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233)};

    private TrainingCurveFigure() {
    }

    static FigureResult build(ReportData data) {
        List<Figure> figures = new ArrayList<>();
        for (ReportData.Dataset d : data.datasets()) {
            List<Panel> panels = new ArrayList<>();
            Set<String> terms = new LinkedHashSet<>();
            List<Map<String, double[]>> curves = new ArrayList<>();
            List<ReportData.Group> groups = new ArrayList<>();
            for (ReportData.Group g : data.groups(d)) {
                Map<String, double[]> c = meanCurves(g.ok());
                if (!c.isEmpty() && c.containsKey(EPOCH)) {
                    curves.add(c);
                    groups.add(g);
                    c.keySet().stream().filter(k -> !k.equals(EPOCH)).forEach(terms::add);
                }
            }
            if (curves.isEmpty()) {
                continue;
            }
            List<String> ordered = order(terms);
            boolean kl = terms.contains(KL);
            for (int i = 0; i < curves.size(); i++) {
                Panel main = Panel.of(panel(groups.get(i), curves.get(i), ordered, kl ? 300 : 340));
                if (kl) {
                    double[] v = curves.get(i).get(KL);
                    main = Charts.stack(main, v == null
                            ? Charts.message(420, 190, "", "no " + label(KL) + " term")
                            : Panel.of(klPanel(curves.get(i).get(EPOCH), v,
                                    TERM_COLORS[Math.min(ordered.indexOf(KL), TERM_COLORS.length - 1)])));
                }
                panels.add(main);
            }
            List<LegendEntry> legend = new ArrayList<>();
            for (String t : ordered) {
                legend.add(new LegendEntry(label(t), TERM_COLORS[Math.min(ordered.indexOf(t), TERM_COLORS.length - 1)],
                        LegendEntry.Kind.LINE, null));
            }
            figures.add(new Figure("training_" + Charts.slug(d.name()), "Training curves: " + d.name(), panels, 3,
                    legend, List.of("Per-epoch means of the terms each method reports, averaged over ok seeds. The KL"
                            + " to the prior has its own axis, in the lower panel. Any other term more than 50 times"
                            + " larger than the NLL (e.g. an SGLD potential summed over the data) is drawn dashed"
                            + " against the right-hand axis, whose title names it.")));
        }
        String heading = "Training curves";
        if (figures.isEmpty()) {
            return FigureResult.skipped(8, heading, "no ok run has a `training_curve`.");
        }
        return new FigureResult(8, heading, figures, "The per-epoch training terms of each method (mean over seeds):"
                + " the minimised loss, the data term (NLL) and, for Bayes by Backprop, the KL to the prior and the"
                + " ELBO (its KL on an axis of its own). Flat tails show the optimisation has settled within the epoch"
                + " budget; a run whose loss still moves (" + Convergence.RULE + ") is counted as not converged in the"
                + " summary table.");
    }

    private static List<String> order(Set<String> terms) {
        List<String> out = new ArrayList<>();
        for (String t : ORDER) {
            if (terms.contains(t)) {
                out.add(t);
            }
        }
        terms.stream().filter(t -> !out.contains(t)).sorted().forEach(out::add);
        return out;
    }

    static String label(String term) {
        return switch (term) {
            case "loss" -> "loss (minimised)";
            case "nll" -> "NLL";
            case "kl" -> "KL(q‖p)";
            case "elbo" -> "ELBO";
            case "weight_decay" -> "weight decay";
            default -> term.replace('_', ' ');
        };
    }

    /** @return a run's training curve (empty when it has none) */
    private static List<RunResult.Epoch> curve(Run r) {
        return r.scored() == null ? List.of() : r.scored().trainingCurve();
    }

    /** @return term → per-epoch mean over runs (epochs present in every run), with {@value #EPOCH} */
    static Map<String, double[]> meanCurves(List<Run> runs) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        int epochs = Integer.MAX_VALUE;
        int n = 0;
        for (Run r : runs) {
            List<RunResult.Epoch> c = curve(r);
            if (!c.isEmpty()) {
                epochs = Math.min(epochs, c.size());
                n++;
            }
        }
        if (n == 0) {
            return sums;
        }
        for (Run r : runs) {
            List<RunResult.Epoch> c = curve(r);
            if (c.isEmpty()) {
                continue;
            }
            for (int e = 0; e < epochs; e++) {
                Map<String, Double> row = new LinkedHashMap<>();
                row.put(EPOCH, (double) c.get(e).epoch());
                row.putAll(c.get(e).terms());
                for (Map.Entry<String, Double> f : row.entrySet()) {
                    if (!Double.isFinite(f.getValue())) {
                        continue;
                    }
                    sums.computeIfAbsent(f.getKey(), k -> new double[0]);
                    double[] a = sums.get(f.getKey());
                    if (a.length < epochs) {
                        a = java.util.Arrays.copyOf(a, epochs);
                        sums.put(f.getKey(), a);
                    }
                    a[e] += f.getValue();
                }
            }
        }
        for (double[] a : sums.values()) {
            for (int e = 0; e < a.length; e++) {
                a[e] /= n;
            }
        }
        return sums;
    }

    /** @return the KL term against epochs, alone on its axis */
    private static XYChart klPanel(double[] epoch, double[] kl, Color color) {
        XYChart c = Charts.xy(420, 190, "", "epoch", label(KL) + " (nats)");
        c.getStyler().setXAxisDecimalPattern("0");
        XYSeries s = c.addSeries(label(KL), epoch, kl);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(Style.line(2f));
        double lo = java.util.Arrays.stream(kl).min().orElse(0);
        double hi = java.util.Arrays.stream(kl).max().orElse(1);
        if (epoch.length > 0) {
            Charts.niceXTicks(c, epoch[0], epoch[0] + 0.4321, lo);
        }
        c.getStyler().setYAxisDecimalPattern(Charts.pattern(lo, hi));
        return c;
    }

    private static XYChart panel(ReportData.Group g, Map<String, double[]> curve, List<String> ordered, int height) {
        XYChart c = Charts.xy(420, height, g.method().name(), "epoch", "loss terms (nats)");
        c.getStyler().setXAxisDecimalPattern("0");
        double[] epoch = curve.get(EPOCH);
        double scale = 0;
        for (double v : curve.getOrDefault(curve.containsKey("nll") ? "nll" : "loss", new double[0])) {
            scale = Math.max(scale, Math.abs(v));
        }
        List<String> rightHere = new ArrayList<>();
        double[] leftRange = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] rightRange = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (String t : ordered) {
            double[] v = curve.get(t);
            if (v == null || t.equals(KL)) {
                continue;
            }
            double mag = 0;
            for (double x : v) {
                mag = Math.max(mag, Math.abs(x));
            }
            boolean isRight = scale > 0 && mag > 50 * scale;
            double[] range = isRight ? rightRange : leftRange;
            for (double x : v) {
                range[0] = Math.min(range[0], x);
                range[1] = Math.max(range[1], x);
            }
            XYSeries s = c.addSeries(label(t), epoch, v);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            s.setLineColor(TERM_COLORS[Math.min(ordered.indexOf(t), TERM_COLORS.length - 1)]);
            s.setLineStyle(isRight ? Style.dashed(2f) : Style.line(2f));
            if (isRight) {
                s.setYAxisGroup(1);
                rightHere.add(t);
            }
        }
        if (epoch.length > 0 && Double.isFinite(leftRange[0])) {
            Charts.niceXTicks(c, epoch[0], epoch[0] + 0.4321, leftRange[0]);
        }
        String left = Charts.pattern(leftRange[0], leftRange[1]);
        c.getStyler().setYAxisDecimalPattern(left);
        c.getStyler().putYAxisGroupDecimalPatternMap(0, left);
        if (!rightHere.isEmpty()) {
            c.getStyler().putYAxisGroupDecimalPatternMap(1, Charts.pattern(rightRange[0], rightRange[1]));
        }
        if (!rightHere.isEmpty()) {
            c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
            c.setYAxisGroupTitle(1, String.join(", ", rightHere.stream().map(TrainingCurveFigure::label).toList()) + " (nats)");
        }
        return c;
    }
}
