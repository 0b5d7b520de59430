package dev.credence.experiments.report;

import dev.credence.core.spi.Sweep;
import dev.credence.experiments.results.RunResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The declared sweeps of the runs ({@link RunResult.Scored#sweeps()}), as the harness records them for any method
 * (and as it reads the pruning variants of older results). Nothing here knows a method.
 */
final class Sweeps {
    private Sweeps() {
    }

    /**
     * @param name        the axis
     * @param description what its value means (from the first run declaring it), may be empty
     * @param scale       how its figure places the values (from the first run declaring it)
     */
    record Axis(String name, String description, Sweep.Scale scale) {
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
     * @param axis     the point's axis
     * @param value    the point's axis value
     * @param metrics  its metrics
     * @param headline whether the point is the run's headline predictive
     */
    record Point(Run run, String axis, double value, RunResult.Metrics metrics, boolean headline) {
        Double metric(String key) {
            return metrics.metric(key);
        }

        /** @return the weights its run keeps at this point, when the run says (a pruning sweep), else null */
        Integer keptWeights() {
            return run.scored().keptWeights(axis, value);
        }
    }

    /** @return the run's sweeps by axis, in the run's order, each with its points in the run's order */
    static Map<Axis, List<Point>> of(Run r) {
        Map<Axis, List<Point>> out = new LinkedHashMap<>();
        if (r.scored() == null) {
            return out;
        }
        for (RunResult.SweepResult s : r.scored().sweeps()) {
            List<Point> points = new ArrayList<>();
            for (RunResult.SweepPoint p : s.points()) {
                points.add(new Point(r, s.axis(), p.value(), p.metrics(), p.headline()));
            }
            out.putIfAbsent(new Axis(s.axis(), s.description(), s.scale()), points);
        }
        return out;
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
}
