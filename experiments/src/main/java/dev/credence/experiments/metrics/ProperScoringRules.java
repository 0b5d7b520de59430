package dev.credence.experiments.metrics;

/**
 * Proper scoring rules of the mean predictive.
 * nll = (1/N) &Sigma;_i &minus;ln(max(p_{i,y_i}, 1e&minus;12));
 * brier = (1/N) &Sigma;_i &Sigma;_k (p_ik &minus; 1[y_i = k])&sup2; (multi-class, range 0..2).
 */
public final class ProperScoringRules {

    /** The floor applied to the probability of the true class before taking the log. */
    public static final double NLL_FLOOR = 1e-12;

    private ProperScoringRules() {
    }

    /**
     * @param pTrue the probability p of the true class
     * @return &minus;ln(max(p, 1e&minus;12))
     */
    public static double nllTerm(double pTrue) {
        return -Math.log(Math.max(pTrue, NLL_FLOOR));
    }

    /**
     * @param p predictions
     * @return the mean negative log-likelihood over all examples
     */
    public static double nll(ProbabilisticPredictions p) {
        return nll(p, -1);
    }

    /**
     * @param p predictions
     * @param k restrict to examples with y_i = k; &minus;1 for all
     * @return the mean NLL over the selected examples, null if there are none
     */
    public static Double nll(ProbabilisticPredictions p, int k) {
        int[] y = p.labels();
        double[][] probs = p.meanProbs();
        double sum = 0.0;
        int n = 0;
        for (int i = 0; i < y.length; i++) {
            if (k >= 0 && y[i] != k) {
                continue;
            }
            sum += nllTerm(probs[i][y[i]]);
            n++;
        }
        return n == 0 ? null : sum / n;
    }

    /**
     * @param p predictions
     * @return the mean multi-class Brier score
     */
    public static double brier(ProbabilisticPredictions p) {
        int[] y = p.labels();
        double[][] probs = p.meanProbs();
        double sum = 0.0;
        for (int i = 0; i < y.length; i++) {
            double[] row = probs[i];
            double s = 0.0;
            for (int k = 0; k < row.length; k++) {
                double d = row[k] - (k == y[i] ? 1.0 : 0.0);
                s += d * d;
            }
            sum += s;
        }
        return sum / y.length;
    }
}
