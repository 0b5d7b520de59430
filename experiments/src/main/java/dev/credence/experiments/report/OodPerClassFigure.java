package dev.credence.experiments.report;

import dev.credence.experiments.results.RunResult;
import org.knowm.xchart.XYChart;

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
        PerClassFigure.trainingCountAxis(c, d.train());
        c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0).setYAxisDecimalPattern(Charts.pattern(0, 1));
        int m = data.methods().size();
        boolean any = false;
        for (int i = 0; i < m; i++) {
            ReportData.Group g = data.group(d, data.methods().get(i));
            List<RunResult.OodResult> rs = g == null ? null : OodSets.of(g).get(set);
            if (rs == null) {
                continue;
            }
            Stats.Summary[] perClass = new Stats.Summary[Math.min(d.numClasses(), d.train().length)];
            for (int k = 0; k < perClass.length; k++) {
                int kk = k;
                perClass[k] = Stats.summarize(rs.stream().map(o -> o.scores().get(OodSets.SHOWN))
                        .filter(o -> o != null && kk < o.flaggedPerClass().size() && o.flaggedPerClass().get(kk) != null)
                        .mapToDouble(o -> o.flaggedPerClass().get(kk)).toArray());
            }
            any |= !PerClassFigure.drawClasses(c, g.method().name(), i, m, d.train(), perClass).isEmpty();
        }
        return any ? c : null;
    }
}
