package dev.credence.experiments.metrics;

/**
 * Classwise ECE (Kull et al. 2019): classwise_ece = (1/K) &Sigma;_k ECE_k, where ECE_k is the B-bin ECE of the
 * scores p_ik against the events 1[y_i = k] over all N examples, binned with {@link ConfidenceBinning}
 * ("accuracy" of a bin = fraction of events, "confidence" = mean score). Every class k in 0..K&minus;1 counts,
 * including classes absent from the test set.
 */
public final class ClasswiseCalibration {

    private ClasswiseCalibration() {
    }

    /**
     * @param p predictions
     * @param bins B
     * @return ECE_k for each class k
     */
    public static double[] perClassEce(ProbabilisticPredictions p, int bins) {
        double[] out = new double[p.numClasses()];
        for (int k = 0; k < out.length; k++) {
            out[k] = CalibrationBins.classScores(p, bins, k).ece();
        }
        return out;
    }

    /**
     * @param p predictions
     * @param bins B
     * @return the mean over k of ECE_k
     */
    public static double classwiseEce(ProbabilisticPredictions p, int bins) {
        double sum = 0.0;
        double[] ece = perClassEce(p, bins);
        for (double e : ece) {
            sum += e;
        }
        return sum / ece.length;
    }
}
