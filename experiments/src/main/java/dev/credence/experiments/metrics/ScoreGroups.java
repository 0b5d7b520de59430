package dev.credence.experiments.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Scored examples, each positive or negative, grouped by exactly equal score ({@code ==}) and ordered by ascending
 * score: the one tie rule of every ranking metric here ({@link MisclassificationAuroc}, {@link OodDetection}), under
 * which tied examples move together, never split by their order. Scores must not be NaN.
 */
final class ScoreGroups {
    /** The distinct scores, ascending. */
    final double[] score;
    /** Positives per group. */
    final long[] positives;
    /** Negatives per group. */
    final long[] negatives;
    /** All positives. */
    final long totalPositives;
    /** All negatives. */
    final long totalNegatives;

    private ScoreGroups(double[] score, long[] positives, long[] negatives) {
        this.score = score;
        this.positives = positives;
        this.negatives = negatives;
        this.totalPositives = Arrays.stream(positives).sum();
        this.totalNegatives = Arrays.stream(negatives).sum();
    }

    /**
     * @param scores   one per example
     * @param positive each example's class
     * @return the groups
     * @throws IllegalArgumentException when the lengths differ or a score is NaN
     */
    static ScoreGroups of(double[] scores, boolean[] positive) {
        int n = scores.length;
        if (positive.length != n) {
            throw new IllegalArgumentException("scores and labels differ in length");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("score " + i + " is NaN");
            }
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double[] s = new double[n];
        long[] pos = new long[n];
        long[] neg = new long[n];
        int groups = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            double v = scores[order[i]];
            while (j < n && scores[order[j]] == v) {
                if (positive[order[j]]) {
                    pos[groups]++;
                } else {
                    neg[groups]++;
                }
                j++;
            }
            s[groups++] = v;
            i = j;
        }
        return new ScoreGroups(Arrays.copyOf(s, groups), Arrays.copyOf(pos, groups), Arrays.copyOf(neg, groups));
    }

    /** @return the number of groups */
    int size() {
        return score.length;
    }

    /**
     * @return twice the Mann-Whitney U of the positives: 2·Σ_groups (negatives below)·positives + positives·negatives
     *     of the group, i.e. every (positive, negative) pair counts 2 when the positive scores higher, 1 when tied
     */
    long twiceU() {
        long below = 0;
        long twice = 0;
        for (int g = 0; g < score.length; g++) {
            twice += 2 * below * positives[g] + positives[g] * negatives[g];
            below += negatives[g];
        }
        return twice;
    }
}
