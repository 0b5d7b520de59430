package dev.credence.experiments.metrics;

/**
 * Hard-decision metrics. Prediction &#375;_i = argmax_k p_ik (ties: lowest k).
 * accuracy = (1/N) &Sigma;_i 1[&#375;_i = y_i];
 * balanced_accuracy = mean over classes k present in the test set (n_k &gt; 0) of recall_k =
 * |{i : y_i = k, &#375;_i = k}| / n_k.
 */
public final class ClassificationMetrics {

    private ClassificationMetrics() {
    }

    /**
     * @param p a probability vector
     * @return the index of the largest entry, the lowest index among ties
     */
    public static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }

    /**
     * @param p predictions
     * @return the fraction of examples whose argmax equals the label
     */
    public static double accuracy(ProbabilisticPredictions p) {
        int[] y = p.labels();
        double[][] probs = p.meanProbs();
        int correct = 0;
        for (int i = 0; i < y.length; i++) {
            if (argmax(probs[i]) == y[i]) {
                correct++;
            }
        }
        return (double) correct / y.length;
    }

    /**
     * @param p predictions
     * @return recall of each class k = correct on class k / n_k, or null where n_k = 0
     */
    public static Double[] recalls(ProbabilisticPredictions p) {
        int kk = p.numClasses();
        int[] count = new int[kk];
        int[] correct = new int[kk];
        int[] y = p.labels();
        double[][] probs = p.meanProbs();
        for (int i = 0; i < y.length; i++) {
            count[y[i]]++;
            if (argmax(probs[i]) == y[i]) {
                correct[y[i]]++;
            }
        }
        Double[] out = new Double[kk];
        for (int k = 0; k < kk; k++) {
            out[k] = count[k] == 0 ? null : (double) correct[k] / count[k];
        }
        return out;
    }

    /**
     * @param p predictions
     * @return mean of the recalls of the classes present in the test set
     */
    public static double balancedAccuracy(ProbabilisticPredictions p) {
        double sum = 0.0;
        int present = 0;
        for (Double r : recalls(p)) {
            if (r != null) {
                sum += r;
                present++;
            }
        }
        return sum / present; // N >= 1, so at least one class is present
    }
}
