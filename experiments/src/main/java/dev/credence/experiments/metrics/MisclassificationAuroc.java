package dev.credence.experiments.metrics;

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
        return auroc(ScoreGroups.of(scores, positive));
    }

    /**
     * @param g scores grouped by tie, with positives
     * @return the AUROC with ties counting &frac12;, or null when there are no positives or no negatives
     */
    static Double auroc(ScoreGroups g) {
        if (g.totalPositives == 0 || g.totalNegatives == 0) {
            return null;
        }
        // 2U from the tie groups equals twice the average-rank sum of the positives less n_pos(n_pos + 1)
        return g.twiceU() / (2.0 * g.totalPositives * g.totalNegatives);
    }
}
