package dev.credence.experiments.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * AUROC of the predictive entropy H(p_i) as a score for "prediction i is wrong" (positive = argmax &ne; y_i).
 * AUROC = P(score of a random wrong &gt; score of a random right) + &frac12; P(equal), computed exactly as the
 * Mann-Whitney U with average ranks: AUROC = (R_wrong &minus; n_w(n_w+1)/2) / (n_w&middot;n_r). Null when every
 * prediction is right or every one is wrong.
 */
public final class MisclassificationAuroc {

    private MisclassificationAuroc() {
    }

    /**
     * @param p predictions
     * @return the AUROC of predictive entropy against misclassification, or null if undefined
     */
    public static Double auroc(ProbabilisticPredictions p) {
        int[] y = p.labels();
        double[][] probs = p.meanProbs();
        boolean[] wrong = new boolean[y.length];
        for (int i = 0; i < y.length; i++) {
            wrong[i] = ClassificationMetrics.argmax(probs[i]) != y[i];
        }
        return auroc(UncertaintyMetrics.predictiveEntropies(p), wrong);
    }

    /**
     * @param scores higher = more likely positive
     * @param positive the class of each example
     * @return the AUROC with ties counting &frac12;, or null when there are no positives or no negatives
     */
    public static Double auroc(double[] scores, boolean[] positive) {
        int n = scores.length;
        if (positive.length != n) {
            throw new IllegalArgumentException("scores and labels differ in length");
        }
        long nPos = 0;
        for (boolean b : positive) {
            if (b) {
                nPos++;
            }
        }
        long nNeg = n - nPos;
        if (nPos == 0 || nNeg == 0) {
            return null;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        // Twice the rank sum of the positives, with tied scores sharing the average 1-based rank (i+1+j)/2.
        long twiceRankSum = 0;
        int i = 0;
        while (i < n) {
            int j = i + 1;
            while (j < n && scores[order[j]] == scores[order[i]]) {
                j++;
            }
            long twiceAvgRank = (long) i + 1 + j;
            for (int t = i; t < j; t++) {
                if (positive[order[t]]) {
                    twiceRankSum += twiceAvgRank;
                }
            }
            i = j;
        }
        long twiceU = twiceRankSum - nPos * (nPos + 1);
        return twiceU / (2.0 * nPos * nNeg);
    }
}
