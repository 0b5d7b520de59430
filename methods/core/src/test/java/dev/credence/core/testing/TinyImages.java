package dev.credence.core.testing;

import dev.credence.core.data.DenseData;
import dev.credence.core.data.ImageShape;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * Small single-channel images for the tests of convolutional networks: class c (rows cycle through the classes) is
 * Gaussian noise (sd 0.5) plus a bright horizontal bar (+1.5) on image row c·side/K.
 */
public final class TinyImages {
    private TinyImages() {
    }

    /**
     * @param rows    examples
     * @param side    H = W
     * @param classes K (≤ side)
     * @param seed    seed
     * @return a table with image shape 1×side×side
     */
    public static DenseData make(int rows, int side, int classes, long seed) {
        Rng rng = new Rng(seed);
        int d = side * side;
        FMatrixRMaj x = new FMatrixRMaj(rows, d);
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = i % classes;
            int bar = y[i] * side / classes;
            for (int j = 0; j < d; j++) {
                x.data[i * d + j] = (float) (0.5 * rng.nextGaussian()) + (j / side == bar ? 1.5f : 0f);
            }
        }
        List<String> classNames = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            classNames.add("c" + c);
        }
        List<String> featureNames = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            featureNames.add("px" + j);
        }
        return new DenseData(x, y, classNames, featureNames, new ImageShape(1, side, side));
    }
}
