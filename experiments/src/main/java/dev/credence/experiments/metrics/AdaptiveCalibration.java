package dev.credence.experiments.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Adaptive (equal-mass) top-label calibration error (Nixon et al. 2019). Sort the examples by confidence
 * c_i = max_k p_ik ascending, ties by original index (stable); cut them into G = min(B, N) consecutive groups
 * of sizes &lfloor;N/G&rfloor; or &lfloor;N/G&rfloor;+1, the first N mod G groups taking the extra example;
 * ACE = &Sigma;_g (n_g/N)&middot;|acc_g &minus; conf_g|.
 */
public final class AdaptiveCalibration {

    private AdaptiveCalibration() {
    }

    /**
     * @param p predictions
     * @param bins B &ge; 1
     * @return ACE
     */
    public static double ace(ProbabilisticPredictions p, int bins) {
        ConfidenceBinning.checkBins(bins);
        int[] y = p.labels();
        double[][] probs = p.meanProbs();
        int n = y.length;
        double[] conf = new double[n];
        boolean[] correct = new boolean[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            int pred = ClassificationMetrics.argmax(probs[i]);
            conf[i] = probs[i][pred];
            correct[i] = pred == y[i];
            order[i] = i;
        }
        // Arrays.sort on objects is a stable merge sort: ties keep the original order.
        Arrays.sort(order, Comparator.comparingDouble(i -> conf[i]));
        int groups = Math.min(bins, n);
        int base = n / groups;
        int extra = n % groups;
        double ace = 0.0;
        int pos = 0;
        for (int g = 0; g < groups; g++) {
            int size = base + (g < extra ? 1 : 0);
            double confSum = 0.0;
            int hits = 0;
            for (int j = pos; j < pos + size; j++) {
                int i = order[j];
                confSum += conf[i];
                if (correct[i]) {
                    hits++;
                }
            }
            pos += size;
            double acc = (double) hits / size;
            double meanConf = confSum / size;
            ace += ((double) size / n) * Math.abs(acc - meanConf);
        }
        return ace;
    }
}
