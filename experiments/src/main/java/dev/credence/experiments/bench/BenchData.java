package dev.credence.experiments.bench;

import dev.credence.core.data.DenseData;
import dev.credence.core.data.ImageShape;
import org.ejml.data.FMatrixRMaj;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmark's 784-feature, 10-class table: the first N Fashion-MNIST training images when the Debian-style
 * copy is installed, else a seeded synthetic stand-in of the same shape (ten Gaussian clusters). Throughput
 * does not depend on which; the JSON says which was used. Features are standardized with one global mean and
 * standard deviation, as the pixel statistics make no per-column difference to the cost.
 *
 * @param data        the table
 * @param description "fashion-mnist" or "synthetic"
 */
public record BenchData(DenseData data, String description) {
    /** Where the Fashion-MNIST training files are looked for. */
    public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    /** Input width of the protocol network. */
    public static final int FEATURES = 784;
    /** Classes of the protocol problem. */
    public static final int CLASSES = 10;

    private static final List<String> FASHION_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /**
     * @param n    rows
     * @param seed seed of the synthetic stand-in
     * @return Fashion-MNIST's first n training rows if installed, else the stand-in
     */
    public static BenchData load(int n, long seed) {
        Path images = FASHION_MNIST.resolve("train-images-idx3-ubyte.gz");
        Path labels = FASHION_MNIST.resolve("train-labels-idx1-ubyte.gz");
        if (Files.isReadable(images) && Files.isReadable(labels)) {
            try {
                float[][] rows = IdxImages.images(images, n);
                int[] y = IdxImages.labels(labels, n);
                if (rows.length == n && y.length == n && rows[0].length == FEATURES) {
                    return new BenchData(table(rows, y, FASHION_CLASSES), "fashion-mnist");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return synthetic(n, seed);
    }

    /**
     * @param n    rows
     * @param seed seed
     * @return ten Gaussian clusters in 784 dimensions with unit noise, labels uniform
     */
    public static BenchData synthetic(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] centres = new float[CLASSES][FEATURES];
        for (float[] c : centres) {
            for (int j = 0; j < FEATURES; j++) {
                c[j] = (float) (rng.nextDouble() * 2 - 1);
            }
        }
        float[][] rows = new float[n][FEATURES];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(CLASSES);
            for (int j = 0; j < FEATURES; j++) {
                rows[i][j] = centres[y[i]][j] + (float) gaussian(rng);
            }
        }
        List<String> classes = new ArrayList<>();
        for (int k = 0; k < CLASSES; k++) {
            classes.add("class" + k);
        }
        return new BenchData(table(rows, y, classes), "synthetic");
    }

    /**
     * @param rows at most this many leading rows
     * @return the first rows' features, for inference timing
     */
    public FMatrixRMaj firstRows(int rows) {
        int r = Math.min(rows, data.size());
        FMatrixRMaj x = new FMatrixRMaj(r, data.numFeatures());
        System.arraycopy(data.x().data, 0, x.data, 0, r * data.numFeatures());
        return x;
    }

    private static DenseData table(float[][] rows, int[] y, List<String> classes) {
        int n = rows.length;
        double sum = 0;
        double sq = 0;
        for (float[] r : rows) {
            for (float v : r) {
                sum += v;
                sq += (double) v * v;
            }
        }
        double count = (double) n * FEATURES;
        double mean = sum / count;
        double sd = Math.sqrt(Math.max(sq / count - mean * mean, 1e-12));
        FMatrixRMaj x = new FMatrixRMaj(n, FEATURES);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < FEATURES; j++) {
                x.data[i * FEATURES + j] = (float) ((rows[i][j] - mean) / sd);
            }
        }
        List<String> features = new ArrayList<>(FEATURES);
        for (int j = 0; j < FEATURES; j++) {
            features.add(String.format("px%03d", j));
        }
        return new DenseData(x, y, classes, features, new ImageShape(1, 28, 28));
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
