package dev.credence.experiments.metrics;

/**
 * Histograms of the predictive entropy H(p_i) for the correctly and the wrongly classified test examples
 * (prediction = argmax, ties lowest k), in B equal-width bins over [0, ln K]. Bin b (1..B) holds
 * H in ((b&minus;1)/B&middot;ln K, b/B&middot;ln K], H = 0 in bin 1: the {@link ConfidenceBinning} rule applied
 * to u = H / ln K (clamped to [0, 1] against rounding above ln K).
 *
 * <p>A result records them with B = {@value #DEFAULT_BINS} as
 * {@code {"bins": B, "max_entropy": ln K, "correct": [B counts], "wrong": [B counts]}}.
 */
public final class EntropyHistogram {

    /** Bins of the histograms a result records. */
    public static final int DEFAULT_BINS = 20;

    /**
     * @param bins B
     * @param maxEntropy ln K, the upper edge of the last bin
     * @param correct counts of correct predictions per bin (index b&minus;1)
     * @param wrong counts of wrong predictions per bin
     */
    public record Histogram(int bins, double maxEntropy, int[] correct, int[] wrong) {
    }

    private EntropyHistogram() {
    }

    /**
     * @param p predictions
     * @param bins B &ge; 1
     * @return the two histograms
     */
    public static Histogram compute(ProbabilisticPredictions p, int bins) {
        ConfidenceBinning.checkBins(bins);
        double max = Math.log(p.numClasses());
        int[] correct = new int[bins];
        int[] wrong = new int[bins];
        double[][] probs = p.meanProbs();
        for (int i = 0; i < p.size(); i++) {
            double u = Math.min(1.0, Math.max(0.0, UncertaintyMetrics.entropy(probs[i]) / max));
            int b = ConfidenceBinning.binOf(u, bins) - 1;
            if (ClassificationMetrics.argmax(probs[i]) == p.labels()[i]) {
                correct[b]++;
            } else {
                wrong[b]++;
            }
        }
        return new Histogram(bins, max, correct, wrong);
    }

    /**
     * @param entropies predictive entropies H(p̄_i) of any inputs
     * @param numClasses K
     * @param bins B &ge; 1
     * @return their counts in the bins of {@link #compute(ProbabilisticPredictions, int)}
     */
    public static int[] counts(double[] entropies, int numClasses, int bins) {
        ConfidenceBinning.checkBins(bins);
        double max = Math.log(numClasses);
        int[] out = new int[bins];
        for (double h : entropies) {
            out[ConfidenceBinning.binOf(Math.min(1.0, Math.max(0.0, h / max)), bins) - 1]++;
        }
        return out;
    }

    /**
     * @param p predictions
     * @return the histograms with the {@value #DEFAULT_BINS} bins a result records
     */
    public static Histogram compute(ProbabilisticPredictions p) {
        return compute(p, DEFAULT_BINS);
    }
}
