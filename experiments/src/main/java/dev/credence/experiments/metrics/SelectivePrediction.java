package dev.credence.experiments.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Selective prediction (accuracy against coverage): the examples are ranked by predictive entropy H(p_i)
 * ascending (ties by original index), and for coverage c_j = j / J (j = 1..J) the accuracy of the first
 * m_j = max(1, &lceil;j&middot;N / J&rceil;) examples is reported, i.e. the accuracy left when the 1 &minus; c_j
 * most uncertain predictions are rejected. At c = 1 it is the plain accuracy.
 *
 * <p>JSON ({@link #toJson}): {@code {"score": "predictive_entropy", "coverage": [c_1..c_J], "count": [m_1..m_J],
 * "accuracy": [a_1..a_J]}}, J = {@value #DEFAULT_STEPS} (coverage 0.05, 0.10, &hellip;, 1.00).
 */
public final class SelectivePrediction {

    /** Coverage levels of the JSON curve: 0.05 step. */
    public static final int DEFAULT_STEPS = 20;

    /**
     * One point of the curve.
     *
     * @param coverage c = j / J
     * @param count m, the number of examples kept
     * @param accuracy accuracy on those m examples
     */
    public record Point(double coverage, int count, double accuracy) {
    }

    private SelectivePrediction() {
    }

    /**
     * @param p predictions
     * @param steps J &ge; 1 coverage levels
     * @return J points, coverage ascending
     */
    public static List<Point> curve(ProbabilisticPredictions p, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        int n = p.size();
        double[] h = UncertaintyMetrics.predictiveEntropies(p);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int c = Double.compare(h[a], h[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] correctPrefix = new int[n + 1];
        for (int r = 0; r < n; r++) {
            int i = order[r];
            boolean right = ClassificationMetrics.argmax(p.meanProbs()[i]) == p.labels()[i];
            correctPrefix[r + 1] = correctPrefix[r] + (right ? 1 : 0);
        }
        List<Point> out = new ArrayList<>(steps);
        for (int j = 1; j <= steps; j++) {
            long num = (long) j * n;
            int m = (int) Math.max(1, (num + steps - 1) / steps);
            out.add(new Point(j / (double) steps, m, correctPrefix[m] / (double) m));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * @param p predictions
     * @return the curve at {@value #DEFAULT_STEPS} levels as the result JSON object (see the class comment)
     */
    public static ObjectNode toJson(ProbabilisticPredictions p) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("score", "predictive_entropy");
        ArrayNode coverage = o.putArray("coverage");
        ArrayNode count = o.putArray("count");
        ArrayNode accuracy = o.putArray("accuracy");
        for (Point pt : curve(p, DEFAULT_STEPS)) {
            coverage.add(pt.coverage());
            count.add(pt.count());
            accuracy.add(pt.accuracy());
        }
        return o;
    }
}
