package dev.credence.core.testing;

import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/** Small Gaussian-blob tables for tests: class c (rows cycle through the classes) has mean 2·e_{c mod D}. */
public final class TinyData {
    private TinyData() {
    }

    /**
     * @param rows     examples
     * @param features D
     * @param classes  K
     * @param seed     seed
     * @return the table
     */
    public static DenseData make(int rows, int features, int classes, long seed) {
        Rng rng = new Rng(seed);
        FMatrixRMaj x = new FMatrixRMaj(rows, features);
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = i % classes;
            for (int j = 0; j < features; j++) {
                x.data[i * features + j] = (float) rng.nextGaussian() + (j == y[i] % features ? 2f : 0f);
            }
        }
        List<String> classNames = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            classNames.add("c" + c);
        }
        List<String> featureNames = new ArrayList<>();
        for (int j = 0; j < features; j++) {
            featureNames.add("x" + j);
        }
        return new DenseData(x, y, classNames, featureNames);
    }
}
