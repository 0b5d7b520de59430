package dev.credence.core.testing;

import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * A long-tailed 2-D problem with a known Bayes-optimal balanced classifier: K = 3 Gaussian classes with identity
 * covariance and means on an equilateral triangle of side {@value #SIDE}. With equal covariances the rule that
 * minimises the balanced error (the mean of the per-class errors) ignores the priors: it is the likelihood-ratio rule,
 * here the nearest mean. A classifier fitted to imbalanced data by plain cross-entropy estimates π_c·p(x|c) and so
 * moves its boundaries towards the minority classes.
 */
public final class LongTailGaussians {
    /** Distance between two class means. */
    public static final double SIDE = 3.0;
    private static final double[][] MEANS = {{0, 0}, {SIDE, 0}, {SIDE / 2, SIDE * Math.sqrt(3) / 2}};

    private LongTailGaussians() {
    }

    /**
     * @param counts examples of each of the three classes
     * @param seed   seed
     * @return the table, rows grouped by class (a trainer shuffles)
     */
    public static DenseData sample(int[] counts, long seed) {
        Rng rng = new Rng(seed);
        int n = 0;
        for (int c : counts) {
            n += c;
        }
        FMatrixRMaj x = new FMatrixRMaj(n, 2);
        int[] y = new int[n];
        int row = 0;
        for (int c = 0; c < counts.length; c++) {
            for (int i = 0; i < counts[c]; i++, row++) {
                y[row] = c;
                x.data[2 * row] = (float) (MEANS[c][0] + rng.nextGaussian());
                x.data[2 * row + 1] = (float) (MEANS[c][1] + rng.nextGaussian());
            }
        }
        List<String> names = new ArrayList<>(List.of("c0", "c1", "c2"));
        return new DenseData(x, y, names, List.of("x0", "x1"));
    }

    /** @return the Bayes-optimal balanced decision at (x0, x1): the nearest class mean */
    public static int bayesBalanced(float x0, float x1) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < MEANS.length; c++) {
            double d = (x0 - MEANS[c][0]) * (x0 - MEANS[c][0]) + (x1 - MEANS[c][1]) * (x1 - MEANS[c][1]);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /**
     * @param test  rows to decide
     * @param probs one probability vector per row, row-major (K = 3)
     * @return the fraction of rows whose most probable class is the Bayes-optimal balanced decision
     */
    public static double agreementWithBayes(DenseData test, float[] probs) {
        int agree = 0;
        for (int i = 0; i < test.size(); i++) {
            agree += argmax(probs, i) == bayesBalanced(test.x().data[2 * i], test.x().data[2 * i + 1]) ? 1 : 0;
        }
        return (double) agree / test.size();
    }

    /** @return the balanced error: the mean over classes of each class's error rate */
    public static double balancedError(DenseData test, float[] probs) {
        int[] wrong = new int[3];
        int[] seen = new int[3];
        for (int i = 0; i < test.size(); i++) {
            seen[test.y()[i]]++;
            wrong[test.y()[i]] += argmax(probs, i) == test.y()[i] ? 0 : 1;
        }
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            sum += (double) wrong[c] / seen[c];
        }
        return sum / 3;
    }

    private static int argmax(float[] probs, int row) {
        int best = 0;
        for (int c = 1; c < 3; c++) {
            if (probs[row * 3 + c] > probs[row * 3 + best]) {
                best = c;
            }
        }
        return best;
    }
}
