package dev.credence.experiments.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The paired comparisons against the baseline as one family: each comparison (dataset &times; method &times; metric)
 * has the summary of its per-seed differences; those that are trivial by construction are set aside, and the others'
 * t-test p-values are adjusted together by Holm's method ({@link Stats#holm}), so "significant" controls the
 * family-wise error rate at {@value #ALPHA} across the whole table.
 * <p>
 * Trivial by construction is decided from the data, never from method names: the baseline's value of the metric is
 * exactly 0 on every paired seed (as the mutual information, or any epistemic-only metric, of a point estimate is), so
 * any method with spread is "different"; or the metric is the balanced accuracy and every run of both methods was
 * tested on a set whose class counts are all equal, where it is the accuracy again.
 */
final class PairedFamily {
    /** Family-wise error rate. */
    static final double ALPHA = 0.05;

    /**
     * One comparison.
     *
     * @param diff    summary of method &minus; baseline over the paired seeds, its interval clipped to the metric's range
     * @param trivial why the comparison is trivial by construction, or null when it is not
     */
    record Comparison(Stats.Summary diff, String trivial) {
        /** @return whether it enters the family: not trivial, and at least two paired seeds */
        boolean tested() {
            return trivial == null && diff != null && diff.hasInterval();
        }
    }

    private final List<Comparison> comparisons = new ArrayList<>();
    private double[] adjusted = new double[0];

    /** @return the index of the added comparison */
    int add(Comparison c) {
        comparisons.add(c);
        return comparisons.size() - 1;
    }

    /** Adjusts the p-values of the tested comparisons; call after the last {@link #add}. */
    void adjust() {
        List<Integer> tested = new ArrayList<>();
        for (int i = 0; i < comparisons.size(); i++) {
            if (comparisons.get(i).tested()) {
                tested.add(i);
            }
        }
        double[] p = tested.stream().mapToDouble(i -> comparisons.get(i).diff().p()).toArray();
        double[] h = Stats.holm(p);
        adjusted = new double[comparisons.size()];
        Arrays.fill(adjusted, Double.NaN);
        for (int j = 0; j < tested.size(); j++) {
            adjusted[tested.get(j)] = h[j];
        }
    }

    /** @return the i-th comparison added */
    Comparison comparison(int i) {
        return comparisons.get(i);
    }

    /** @return the Holm-adjusted p-value of a comparison, NaN when it is not tested */
    double adjustedP(int i) {
        return adjusted[i];
    }

    /** @return whether a comparison is significant after the adjustment */
    boolean significant(int i) {
        return adjusted[i] < ALPHA;
    }

    /** @return the number of tested comparisons (the family's size) */
    int tested() {
        return (int) comparisons.stream().filter(Comparison::tested).count();
    }

    /** @return the number of significant comparisons */
    int significant() {
        int n = 0;
        for (int i = 0; i < comparisons.size(); i++) {
            n += significant(i) ? 1 : 0;
        }
        return n;
    }

    /** @return the number of comparisons set aside as trivial by construction */
    int trivial() {
        return (int) comparisons.stream().filter(c -> c.trivial() != null && c.diff() != null).count();
    }

    /**
     * @param m        the metric
     * @param g        a method's group
     * @param base     the baseline's group on the same dataset
     * @return why comparing them on m is trivial by construction, or null when it is not
     */
    static String trivial(Metric m, ReportData.Group g, ReportData.Group base) {
        java.util.Map<Long, Double> b = base.bySeed(m.key());
        java.util.Map<Long, Double> mine = g.bySeed(m.key());
        List<Double> paired = b.entrySet().stream().filter(e -> mine.containsKey(e.getKey())).map(java.util.Map.Entry::getValue).toList();
        if (!paired.isEmpty() && paired.stream().allMatch(v -> v == 0.0)) {
            return "the reference is 0 on every seed";
        }
        if (m.key().equals("balanced_accuracy") && balancedTest(g) && balancedTest(base)) {
            return "the test set is balanced: it is the accuracy";
        }
        return null;
    }

    /** @return whether every ok run of the group was tested on a set with equal, known class counts */
    private static boolean balancedTest(ReportData.Group g) {
        if (g.ok().isEmpty()) {
            return false;
        }
        for (Run r : g.ok()) {
            int[] c = r.testCounts();
            if (c.length == 0 || Arrays.stream(c).anyMatch(x -> x != c[0])) {
                return false;
            }
        }
        return true;
    }
}
