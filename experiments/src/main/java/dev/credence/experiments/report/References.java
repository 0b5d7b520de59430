package dev.credence.experiments.report;

import dev.credence.experiments.metrics.ReferenceDistance;
import dev.credence.experiments.results.RunResult;

import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The runs' distances from their dataset's reference ({@link RunResult.Scored#reference()}), gathered per
 * dataset × method: what the reference table and figure show, and only when some ok run has them.
 */
final class References {
    private References() {
    }

    /** @return whether any ok run was scored against a reference */
    static boolean any(ReportData data) {
        return data.groups().stream().anyMatch(g -> !of(g).isEmpty());
    }

    /** @return the reference blocks of the group's ok runs that have one, in seed order */
    static List<RunResult.ReferenceScores> of(ReportData.Group g) {
        return g.ok().stream().map(References::of).filter(Objects::nonNull).toList();
    }

    /** @return an ok run's reference block, or null */
    static RunResult.ReferenceScores of(Run r) {
        return r.scored() == null ? null : r.scored().reference();
    }

    /** @return the name of the reference the dataset's runs were scored against (the first one found), or null */
    static String referenceOf(ReportData data, ReportData.Dataset d) {
        return data.groups(d).stream().flatMap(g -> of(g).stream()).map(RunResult.ReferenceScores::method)
                .findFirst().orElse(null);
    }

    /** @return mean and std over the blocks of one quantity on the test part, or null for none */
    static Stats.Summary summary(List<RunResult.ReferenceScores> blocks, ToDoubleFunction<ReferenceDistance> q) {
        return blocks.isEmpty() ? null : Stats.summarize(blocks.stream().mapToDouble(b -> q.applyAsDouble(b.test())).toArray());
    }
}
