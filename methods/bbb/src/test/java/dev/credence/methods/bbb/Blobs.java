package dev.credence.methods.bbb;

import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

import java.util.List;

/** Two Gaussian blobs in 2-D, centres (−1.5, −1.5) and (1.5, 1.5), unit variance: about 98% separable. */
public final class Blobs {
    private Blobs() {
    }

    /**
     * @param n    examples (alternating classes)
     * @param seed seed
     * @return the table
     */
    public static DenseData make(int n, long seed) {
        Rng rng = new Rng(seed);
        FMatrixRMaj x = new FMatrixRMaj(n, 2);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            float centre = y[i] == 0 ? -1.5f : 1.5f;
            x.data[2 * i] = centre + (float) rng.nextGaussian();
            x.data[2 * i + 1] = centre + (float) rng.nextGaussian();
        }
        return new DenseData(x, y, List.of("a", "b"), List.of("x0", "x1"));
    }

    /** @return accuracy of the mean predictive probabilities on the data */
    public static double accuracy(double[][] p, int[] y) {
        int correct = 0;
        for (int i = 0; i < y.length; i++) {
            correct += (p[i][1] > p[i][0] ? 1 : 0) == y[i] ? 1 : 0;
        }
        return correct / (double) y.length;
    }
}
