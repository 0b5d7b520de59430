package dev.credence.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The declared sweeps of the runs: a run's {@code sweeps} array, each {@code {"axis", "description", "points":
 * [{"value", "metrics", "headline"?}]}}, as the harness writes it for any method. Nothing here knows a method;
 * entries without a text axis, points without a finite value or a metrics object are ignored.
 */
final class Sweeps {
    /** The axis whose points may carry kept-weight counts in {@code extras.pruning} (the pruned-bbb method's). */
    static final String PRUNED_FRACTION = "pruned_fraction";

    private Sweeps() {
    }

    /**
     * @param name        the axis
     * @param description what its value means (from the first run declaring it), may be empty
     */
    record Axis(String name, String description) {
        /** @return "description (axis)", or the axis alone when there is no description */
        String label() {
            return description.isEmpty() ? name : description + " (" + name + ")";
        }

        /**
         * @return the file name of the axis's figure and table: {@code sweep_<axis>}, the axis as it is when it is
         *     an identifier as the harness's sweeps have ({@code [A-Za-z0-9][A-Za-z0-9_.-]*}), else its
         *     {@link Charts#slug} behind {@code sweep__} (which no identifier gives)
         */
        String fileName() {
            return name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*") ? "sweep_" + name : "sweep__" + Charts.slug(name);
        }
    }

    /**
     * @param run      the run
     * @param value    the point's axis value
     * @param metrics  its metrics object
     * @param headline whether the point is the run's headline predictive
     */
    record Point(Run run, double value, JsonNode metrics, boolean headline) {
        Double metric(String key) {
            return Run.number(metrics.get(key));
        }
    }

    /** Format of the results written before sweeps were declared; their pruning levels are read as a sweep. */
    static final String LEGACY_FORMAT = "credence-run/1";
    /** How {@link #LEGACY_FORMAT} named a pruning level's variant: {@code "prune=<fraction, plain decimal>"}. */
    private static final String LEGACY_PRUNE_KEY = "prune=";

    /** @return the run's sweeps by axis, in the run's order, each with its points in the run's order */
    static Map<Axis, List<Point>> of(Run r) {
        if (LEGACY_FORMAT.equals(r.json().path("format").asText()) && !r.json().has("sweeps")) {
            return legacyPruning(r);
        }
        Map<Axis, List<Point>> out = new LinkedHashMap<>();
        for (JsonNode s : r.json().path("sweeps")) {
            JsonNode axis = s.get("axis");
            if (axis == null || !axis.isTextual() || axis.asText().isEmpty()) {
                continue;
            }
            List<Point> points = new ArrayList<>();
            for (JsonNode p : s.path("points")) {
                Double v = Run.number(p.get("value"));
                if (v != null && p.path("metrics").isObject()) {
                    points.add(new Point(r, v, p.get("metrics"), p.path("headline").asBoolean(false)));
                }
            }
            if (!points.isEmpty()) {
                out.putIfAbsent(new Axis(axis.asText(), s.path("description").asText("")), points);
            }
        }
        return out;
    }

    /**
     * A {@value #LEGACY_FORMAT} pruned-bbb run: its {@code extras.pruning} levels, each scored as variant
     * {@code "prune=<f>"}, as the {@value #PRUNED_FRACTION} sweep the method now declares (the headline is the level
     * whose metrics are the run's own).
     */
    private static Map<Axis, List<Point>> legacyPruning(Run r) {
        List<Point> points = new ArrayList<>();
        for (JsonNode level : r.json().path("extras").path("pruning")) {
            Double f = Run.number(level.get("fraction"));
            if (f == null) {
                continue;
            }
            String key = LEGACY_PRUNE_KEY + java.math.BigDecimal.valueOf(f).stripTrailingZeros().toPlainString();
            JsonNode metrics = r.json().path("variants").get(key);
            if (metrics != null && metrics.isObject()) {
                points.add(new Point(r, f, metrics, metrics.equals(r.json().path("metrics"))));
            }
        }
        return points.isEmpty() ? Map.of()
                : Map.of(new Axis(PRUNED_FRACTION, "fraction of weights removed, lowest |μ|/σ first"), points);
    }

    /** @return every axis of the ok runs, in the order of first appearance (groups in report order, then runs) */
    static List<Axis> axes(ReportData data) {
        Map<String, Axis> out = new LinkedHashMap<>();
        for (ReportData.Group g : data.groups()) {
            for (Run r : g.ok()) {
                for (Axis a : of(r).keySet()) {
                    out.putIfAbsent(a.name(), a);
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /** @return the points of a group's ok runs on an axis, by value ascending (empty when none has that sweep) */
    static TreeMap<Double, List<Point>> points(ReportData.Group g, String axis) {
        TreeMap<Double, List<Point>> out = new TreeMap<>();
        for (Run r : g.ok()) {
            for (Map.Entry<Axis, List<Point>> e : of(r).entrySet()) {
                if (e.getKey().name().equals(axis)) {
                    for (Point p : e.getValue()) {
                        out.computeIfAbsent(p.value() == 0 ? 0.0 : p.value(), k -> new ArrayList<>()).add(p);
                    }
                }
            }
        }
        return out;
    }

    /**
     * @param p a point on the {@value #PRUNED_FRACTION} axis
     * @return the kept weights its run lists for that fraction in {@code extras.pruning}, or null
     */
    static Integer keptWeights(Point p) {
        for (JsonNode level : p.run().json().path("extras").path("pruning")) {
            if (Math.abs(level.path("fraction").asDouble(-1) - p.value()) < 1e-9 && level.has("kept_weights")) {
                return level.get("kept_weights").asInt();
            }
        }
        return null;
    }
}
