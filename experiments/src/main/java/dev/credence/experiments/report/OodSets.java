package dev.credence.experiments.report;

import dev.credence.experiments.results.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The out-of-distribution results of the runs ({@link RunResult.Scored#ood()}), gathered per dataset × method:
 * set → the {@link RunResult.OodResult} of each ok run that has it, sets in first-seen order.
 */
final class OodSets {
    /** The OOD scores, in the order the table shows them. */
    static final List<String> SCORES = List.of("max_probability", "entropy", "mutual_information", "energy", "max_logit");
    /** The score the histograms and the per-class figure show: every predictive has it. */
    static final String SHOWN = "entropy";

    private OodSets() {
    }

    /** @return set → the OOD results of each ok run of the group on it */
    static Map<String, List<RunResult.OodResult>> of(ReportData.Group g) {
        Map<String, List<RunResult.OodResult>> out = new LinkedHashMap<>();
        for (Run r : g.ok()) {
            for (RunResult.OodResult o : r.scored().ood()) {
                out.computeIfAbsent(o.set(), k -> new ArrayList<>()).add(o);
            }
        }
        return out;
    }

    /** @return whether any ok run has OOD results */
    static boolean any(ReportData data) {
        return data.groups().stream().anyMatch(g -> g.ok().stream().anyMatch(r -> !r.scored().ood().isEmpty()));
    }

    /** @return every set name of a dataset's groups, in first-seen order */
    static List<String> sets(List<ReportData.Group> groups) {
        List<String> out = new ArrayList<>();
        for (ReportData.Group g : groups) {
            for (String s : of(g).keySet()) {
                if (!out.contains(s)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /**
     * @return the summary over runs of one metric of one score, or null when no run has the score
     */
    static Stats.Summary summary(List<RunResult.OodResult> results, String score,
                                 ToDoubleFunction<RunResult.OodMetrics> metric) {
        return Stats.summarize(results.stream().map(o -> o.scores().get(score)).filter(java.util.Objects::nonNull)
                .mapToDouble(metric).filter(Double::isFinite).toArray());
    }
}
