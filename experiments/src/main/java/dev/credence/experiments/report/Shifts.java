package dev.credence.experiments.report;

import dev.credence.experiments.results.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The shifted-test-set metrics of the runs ({@link RunResult.Scored#shifts()}), gathered per dataset × method:
 * shift → level → one {@link RunResult.Metrics} per ok run that has it.
 */
final class Shifts {
    /** The shift whose levels are angles, drawn against the angle. */
    static final String ROTATION = "rotation";
    /** The metrics the shift tables show, keys of {@link Metric#TABLE} (figure 9 draws the first three). */
    static final String[] KEYS = {"accuracy", "nll", "ece", "aurc", "excess_aurc"};

    private Shifts() {
    }

    /** @return shift → level → the metrics of each ok run of the group at that level, shifts in first-seen order */
    static Map<String, TreeMap<Integer, List<RunResult.Metrics>>> of(ReportData.Group g) {
        Map<String, TreeMap<Integer, List<RunResult.Metrics>>> out = new LinkedHashMap<>();
        for (Run r : g.ok()) {
            for (RunResult.ShiftResult s : r.scored().shifts()) {
                out.computeIfAbsent(s.shift(), k -> new TreeMap<>())
                        .computeIfAbsent(s.level(), k -> new ArrayList<>()).add(s.metrics());
            }
        }
        return out;
    }

    /** @return whether any ok run has shift metrics */
    static boolean any(ReportData data) {
        return data.groups().stream().anyMatch(g -> g.ok().stream().anyMatch(r -> !r.scored().shifts().isEmpty()));
    }

    /** @return the mean over runs of a metric, or null when no run has it */
    static Stats.Summary summary(List<RunResult.Metrics> ms, String key) {
        return Stats.summarize(ms.stream().map(m -> m.metric(key)).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).toArray());
    }

    /** @return the level column's name for a shift */
    static String levelName(String shift) {
        return ROTATION.equals(shift) ? "angle (°)" : "severity";
    }
}
