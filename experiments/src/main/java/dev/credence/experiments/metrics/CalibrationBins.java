package dev.credence.experiments.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Equal-width calibration bins over (score, event) pairs, using {@link ConfidenceBinning}. For each bin b:
 * n_b, conf_b = mean score, acc_b = fraction of events.
 * ECE = &Sigma;_b (n_b/N)&middot;|acc_b &minus; conf_b| and MCE = max_b |acc_b &minus; conf_b|, both over
 * non-empty bins, N = the number of pairs added (Guo et al. 2017).
 */
public final class CalibrationBins {

    private final int bins;
    private final int[] counts;
    private final int[] events;
    private final double[] scoreSums;
    private int total;

    CalibrationBins(int bins) {
        ConfidenceBinning.checkBins(bins);
        this.bins = bins;
        this.counts = new int[bins];
        this.events = new int[bins];
        this.scoreSums = new double[bins];
    }

    void add(double score, boolean event) {
        int b = ConfidenceBinning.binOf(score, bins) - 1;
        counts[b]++;
        scoreSums[b] += score;
        if (event) {
            events[b]++;
        }
        total++;
    }

    /**
     * Top-label bins: score c_i = max_k p_ik, event = (argmax_k p_ik = y_i).
     *
     * @param p predictions
     * @param bins B
     * @return the bins over all examples
     */
    public static CalibrationBins topLabel(ProbabilisticPredictions p, int bins) {
        return topLabel(p, bins, -1);
    }

    /**
     * Top-label bins restricted to the examples with y_i = k.
     *
     * @param p predictions
     * @param bins B
     * @param k the class; &minus;1 for all examples
     * @return the bins (possibly with no pairs at all)
     */
    public static CalibrationBins topLabel(ProbabilisticPredictions p, int bins, int k) {
        CalibrationBins cb = new CalibrationBins(bins);
        int[] y = p.labels();
        double[][] probs = p.meanProbs();
        for (int i = 0; i < y.length; i++) {
            if (k >= 0 && y[i] != k) {
                continue;
            }
            int pred = ClassificationMetrics.argmax(probs[i]);
            cb.add(probs[i][pred], pred == y[i]);
        }
        return cb;
    }

    /**
     * Class-k bins: score p_ik against the event 1[y_i = k], over all examples.
     *
     * @param p predictions
     * @param bins B
     * @param k the class
     * @return the bins
     */
    public static CalibrationBins classScores(ProbabilisticPredictions p, int bins, int k) {
        CalibrationBins cb = new CalibrationBins(bins);
        int[] y = p.labels();
        double[][] probs = p.meanProbs();
        for (int i = 0; i < y.length; i++) {
            cb.add(probs[i][k], y[i] == k);
        }
        return cb;
    }

    /** @return the number of pairs added */
    public int total() {
        return total;
    }

    /** @return B */
    public int bins() {
        return bins;
    }

    /** @return ECE = &Sigma;_b (n_b/N)|acc_b &minus; conf_b| over non-empty bins; null if no pairs */
    public Double ece() {
        if (total == 0) {
            return null;
        }
        double sum = 0.0;
        for (int b = 0; b < bins; b++) {
            if (counts[b] > 0) {
                sum += ((double) counts[b] / total) * gap(b);
            }
        }
        return sum;
    }

    /** @return MCE = max over non-empty bins of |acc_b &minus; conf_b|; null if no pairs */
    public Double mce() {
        if (total == 0) {
            return null;
        }
        double max = 0.0;
        for (int b = 0; b < bins; b++) {
            if (counts[b] > 0) {
                max = Math.max(max, gap(b));
            }
        }
        return max;
    }

    /** @return the B bins in order 1..B, empty ones with null confidence and accuracy */
    public List<ReliabilityBin> reliability() {
        List<ReliabilityBin> out = new ArrayList<>(bins);
        for (int b = 0; b < bins; b++) {
            int n = counts[b];
            out.add(new ReliabilityBin(b + 1, ConfidenceBinning.lowerEdge(b + 1, bins),
                    ConfidenceBinning.upperEdge(b + 1, bins), n,
                    n == 0 ? null : scoreSums[b] / n, n == 0 ? null : (double) events[b] / n));
        }
        return Collections.unmodifiableList(out);
    }

    private double gap(int b) {
        double acc = (double) events[b] / counts[b];
        double conf = scoreSums[b] / counts[b];
        return Math.abs(acc - conf);
    }
}
