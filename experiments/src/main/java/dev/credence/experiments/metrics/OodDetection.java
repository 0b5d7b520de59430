package dev.credence.experiments.metrics;

/**
 * How well a score separates out-of-distribution (OOD) inputs from in-distribution (ID) ones, the score oriented so
 * that higher means "more likely OOD". With the tie groups of {@link ScoreGroups} (tied scores move together):
 * <ul>
 *   <li>AUROC, OOD positive: {@link MisclassificationAuroc#auroc(double[], boolean[])}, ties counting ½;</li>
 *   <li>AUPR-out, OOD positive, and AUPR-in, ID positive with the score negated: average precision
 *       AP = Σ_g (R_g − R_{g−1})·P_g over the tie groups g taken from the highest score down, where the threshold of
 *       group g flags every input scoring at least its score, R_g is the recall and P_g the precision there, R_0 = 0
 *       (no interpolation: a step function, as scikit-learn's {@code average_precision_score});</li>
 *   <li>FPR at 95% TPR: the threshold t is the highest group score whose flagged set holds at least 95% of the OOD
 *       inputs (100·TP ≥ 95·N_ood, in integers); FPR95 is the fraction of ID inputs scoring ≥ t. No
 *       interpolation between thresholds.</li>
 * </ul>
 *
 * @param auroc     AUROC, OOD positive
 * @param auprOut   average precision, OOD positive
 * @param auprIn    average precision, ID positive
 * @param fpr95     the ID inputs' false-positive rate at the FPR95 threshold
 * @param threshold the FPR95 threshold t (inputs scoring ≥ t are flagged OOD)
 */
public record OodDetection(double auroc, double auprOut, double auprIn, double fpr95, double threshold) {
    /** The TPR the FPR is read at, in percent. */
    public static final int TPR_PERCENT = 95;

    /**
     * @param in  the score of each ID input, at least one
     * @param out the score of each OOD input, at least one
     * @return the four metrics and the threshold
     * @throws IllegalArgumentException for an empty side or a NaN score
     */
    public static OodDetection of(double[] in, double[] out) {
        if (in.length == 0 || out.length == 0) {
            throw new IllegalArgumentException("need in- and out-of-distribution scores, got " + in.length + " and "
                    + out.length);
        }
        int n = in.length + out.length;
        double[] scores = new double[n];
        boolean[] ood = new boolean[n];
        for (int i = 0; i < n; i++) {
            boolean isOod = i >= in.length;
            scores[i] = isOod ? out[i - in.length] : in[i];
            ood[i] = isOod;
        }
        // one sort: AUPR-in walks the same tie groups from the lowest score up (the negated score's order)
        ScoreGroups groups = ScoreGroups.of(scores, ood);
        double auroc = MisclassificationAuroc.auroc(groups);
        double[] fpr = fpr95(groups);
        return new OodDetection(auroc, averagePrecision(groups.score.length, i -> groups.size() - 1 - i,
                groups.positives, groups.negatives, groups.totalPositives),
                averagePrecision(groups.score.length, i -> i, groups.negatives, groups.positives, groups.totalNegatives),
                fpr[0], fpr[1]);
    }

    /**
     * @param groups    tie groups
     * @param order     the g-th group flagged, in the order thresholds fall
     * @param positives positives per group
     * @param negatives negatives per group
     * @param total     all positives
     * @return the average precision Σ_g (ΔR_g)·P_g, groups flagged in {@code order}
     */
    private static double averagePrecision(int groups, java.util.function.IntUnaryOperator order, long[] positives,
                                            long[] negatives, long total) {
        long tp = 0;
        long fp = 0;
        double ap = 0;
        for (int j = 0; j < groups; j++) {
            int i = order.applyAsInt(j);
            tp += positives[i];
            fp += negatives[i];
            if (positives[i] > 0) {
                ap += ((double) positives[i] / total) * ((double) tp / (tp + fp));
            }
        }
        return ap;
    }

    /** @return {FPR, threshold} at the highest group score whose TPR reaches 95% */
    private static double[] fpr95(ScoreGroups g) {
        long tp = 0;
        long fp = 0;
        for (int i = g.size() - 1; i >= 0; i--) {
            tp += g.positives[i];
            fp += g.negatives[i];
            if (100 * tp >= (long) TPR_PERCENT * g.totalPositives) {
                return new double[]{(double) fp / g.totalNegatives, g.score[i]};
            }
        }
        throw new IllegalStateException("unreachable: every input is flagged at the lowest score");
    }

    /**
     * @param in        the ID inputs' scores
     * @param labels    their classes, 0..K−1
     * @param k         K
     * @param threshold a threshold ({@link #threshold()})
     * @return per class, the fraction of its ID inputs scoring ≥ the threshold (flagged OOD); NaN for a class with
     *     no input
     */
    public static double[] flaggedPerClass(double[] in, int[] labels, int k, double threshold) {
        long[] flagged = new long[k];
        long[] total = new long[k];
        for (int i = 0; i < in.length; i++) {
            total[labels[i]]++;
            if (in[i] >= threshold) {
                flagged[labels[i]]++;
            }
        }
        double[] out = new double[k];
        for (int c = 0; c < k; c++) {
            out[c] = total[c] == 0 ? Double.NaN : (double) flagged[c] / total[c];
        }
        return out;
    }
}
