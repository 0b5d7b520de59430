package dev.credence.datasets.synthetic;

import dev.credence.core.CredenceInputException;
import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import dev.credence.datasets.DatasetSource;
import org.ejml.data.FMatrixRMaj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * K isotropic Gaussian blobs in d dimensions. Centres are drawn uniformly from the box
 * [-{@value #BOX}, {@value #BOX}]^d, then class k gets {@code counts[k]} points centre + std·N(0, I).
 * Centres and noise both come from the seed (separate child streams). Class names {@code blob0..},
 * feature names {@code x0..}; rows are class 0, then class 1, ...
 */
public final class GaussianBlobsSource implements DatasetSource {
    /** Registry name. */
    public static final String NAME = "blobs";
    /** Half-width of the box the centres are drawn from. */
    public static final double BOX = 5.0;

    private final int[] counts;
    private final int dim;
    private final double std;

    /**
     * @param classCounts examples per class (K = length, K >= 2, each >= 1)
     * @param dim         number of features, 1..10000
     * @param std         standard deviation of every blob, >= 0
     * @throws CredenceInputException on bad parameters (names the field)
     */
    public GaussianBlobsSource(int[] classCounts, int dim, double std) {
        this.counts = SyntheticChecks.counts(NAME, classCounts, 2, 10_000);
        if (dim < 1 || dim > 10_000) {
            throw new CredenceInputException(NAME + ": dim must be in 1..10000, got " + dim);
        }
        this.dim = dim;
        this.std = SyntheticChecks.nonNegative(NAME, "std", std);
    }

    /** @return the default: 3 classes of 200 in 2-D, std 1.0 */
    public static GaussianBlobsSource defaults() {
        return new GaussianBlobsSource(new int[] {200, 200, 200}, 2, 1.0);
    }

    /** @return a copy of the per-class counts */
    public int[] classCounts() {
        return counts.clone();
    }

    /** @return number of features */
    public int dim() {
        return dim;
    }

    /** @return blob standard deviation */
    public double std() {
        return std;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return counts.length + " Gaussian blobs in " + dim + "-D, counts " + Arrays.toString(counts) + ", std "
                + SyntheticChecks.fmt(std);
    }

    @Override
    public DenseData load(long seed) {
        Rng rng = new Rng(seed);
        Rng centreRng = rng.split();
        Rng noiseRng = rng.split();
        int k = counts.length;
        double[] centres = new double[k * dim];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = -BOX + 2 * BOX * centreRng.nextDouble();
        }
        int n = Arrays.stream(counts).sum();
        FMatrixRMaj x = new FMatrixRMaj(n, dim);
        int[] y = new int[n];
        int row = 0;
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < counts[c]; i++, row++) {
                for (int j = 0; j < dim; j++) {
                    x.data[row * dim + j] = (float) (centres[c * dim + j] + std * noiseRng.nextGaussian());
                }
                y[row] = c;
            }
        }
        List<String> classNames = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            classNames.add("blob" + c);
        }
        List<String> featureNames = new ArrayList<>(dim);
        for (int j = 0; j < dim; j++) {
            featureNames.add("x" + j);
        }
        return new DenseData(x, y, classNames, featureNames);
    }

    @Override
    public String toString() {
        return description();
    }
}
