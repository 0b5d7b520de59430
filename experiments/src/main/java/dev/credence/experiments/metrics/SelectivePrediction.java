package dev.credence.experiments.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Selective prediction (accuracy against coverage): the examples are ranked by predictive entropy H(p_i)
 * ascending (ties by original index), and for coverage c_j = j / J (j = 1..J) the accuracy of the first
 * m_j = max(1, &lceil;j&middot;N / J&rceil;) examples is reported, i.e. the accuracy left when the 1 &minus; c_j
 * most uncertain predictions are rejected. At c = 1 it is the plain accuracy.
 *
 * <p>A result records the curve at J = {@value #DEFAULT_STEPS} levels (coverage 0.05, 0.10, &hellip;, 1.00) as
 * {@code {"score": "predictive_entropy", "coverage": [c_1..c_J], "count": [m_1..m_J], "accuracy": [a_1..a_J]}}.
 */
public final class SelectivePrediction {

    /** Coverage levels of the curve a result records: 0.05 step. */
    public static final int DEFAULT_STEPS = 20;
    /** The score the examples are ranked by, as a result names it. */
    public static final String SCORE = "predictive_entropy";

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
}
