package dev.credence.core.spi;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A declared sweep of a fit: predictives that differ along one named axis (the fraction of weights pruned, the
 * ensemble size, a rank), each scored in the same run as the headline. The harness writes every point's metrics
 * under the sweep's axis; the report draws any sweep without knowing the method.
 *
 * @param axis        the swept quantity as a short identifier, e.g. {@code "pruned_fraction"}, {@code "members"}
 *                    (letters, digits, '_', '-' and '.'; it names report files)
 * @param description what the axis value means, in words, for axis labels and captions (may be empty)
 * @param scale       how a figure should place the values on its axis
 * @param points      the points in the order the method declares them, at least one, with distinct finite values
 *                    (each below 1 on a {@link Scale#LOG_ONE_MINUS} axis, each positive on a {@link Scale#LOG} one)
 */
public record Sweep(String axis, String description, Scale scale, List<Point> points) {

    /** How a sweep's values are best placed on a figure's axis; a figure that knows no method draws any sweep so. */
    public enum Scale {
        /** at the value itself */
        LINEAR("linear"),
        /** at the value on a logarithmic axis, for positive values spanning decades (step sizes) */
        LOG("log"),
        /**
         * at 1 &minus; value on a logarithmic axis, for fractions whose interesting end is near 1 (the fraction of
         * weights pruned: 0.9, 0.95, 0.98 spread out); the point at 0, when there is one, is the unchanged reference
         */
        LOG_ONE_MINUS("log_one_minus");

        private final String json;

        Scale(String json) {
            this.json = json;
        }

        /** @return its name in result files */
        public String json() {
            return json;
        }

        /**
         * @param json a name in a result file
         * @return the scale so named, or null when none is
         */
        public static Scale of(String json) {
            for (Scale s : values()) {
                if (s.json.equals(json)) {
                    return s;
                }
            }
            return null;
        }
    }

    /**
     * A sweep on a {@link Scale#LINEAR linear} axis.
     *
     * @param axis        the swept quantity
     * @param description what its value means
     * @param points      the points
     */
    public Sweep(String axis, String description, List<Point> points) {
        this(axis, description, Scale.LINEAR, points);
    }

    /**
     * One predictive of a sweep.
     *
     * @param value      its position on the axis (finite)
     * @param predictive its predictive; may be the fit's headline predictive itself, which the harness then does not
     *                   sample a second time
     */
    public record Point(double value, Predictive predictive) {
        /** Checks the value is finite and the predictive present. */
        public Point {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a sweep point's value must be finite, got " + value);
            }
            Objects.requireNonNull(predictive, "predictive");
        }
    }

    /** Checks the axis and copies the points. */
    public Sweep {
        Objects.requireNonNull(axis, "axis");
        if (!axis.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("a sweep axis is a short identifier ([A-Za-z0-9_.-]+), got '" + axis + "'");
        }
        description = description == null ? "" : description;
        Objects.requireNonNull(scale, "scale");
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("sweep '" + axis + "' has no points");
        }
        Set<Double> seen = new HashSet<>();
        for (Point p : points) {
            if (scale == Scale.LOG_ONE_MINUS && !(p.value() < 1)) {
                throw new IllegalArgumentException("sweep '" + axis + "' is on a log(1 − value) axis; its value "
                        + p.value() + " is not below 1");
            }
            if (scale == Scale.LOG && !(p.value() > 0)) {
                throw new IllegalArgumentException("sweep '" + axis + "' is on a log scale; its value " + p.value()
                        + " is not positive");
            }
            if (!seen.add(p.value() == 0 ? 0.0 : p.value())) {
                throw new IllegalArgumentException("sweep '" + axis + "' has the value " + p.value() + " twice");
            }
        }
    }

    /**
     * @param value an axis value
     * @return the predictive at exactly that value
     * @throws IllegalArgumentException when the sweep has no such point
     */
    public Predictive at(double value) {
        for (Point p : points) {
            if (p.value() == value) {
                return p.predictive();
            }
        }
        throw new IllegalArgumentException("sweep '" + axis + "' has no point at " + value);
    }

    /** @return the axis values in the declared order */
    public double[] values() {
        return points.stream().mapToDouble(Point::value).toArray();
    }
}
