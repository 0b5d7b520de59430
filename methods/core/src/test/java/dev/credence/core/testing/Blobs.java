package dev.credence.core.testing;

import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import dev.credence.core.tribuo.TribuoDense;
import org.ejml.data.FMatrixRMaj;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.example.GaussianLabelDataSource;

import java.util.List;

/** Two Gaussian blobs in 2-D with unit variances, the two-class problem the method tests learn. */
public final class Blobs {
    private Blobs() {
    }

    /**
     * @param n    examples (classes alternate, class 0 first)
     * @param seed seed
     * @return class 0 centred at (−1.5, −1.5), class 1 at (1.5, 1.5): about 98% separable; classes "a", "b", features "x0", "x1"
     */
    public static DenseData diagonal(int n, long seed) {
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

    /**
     * @param n    examples
     * @param seed seed of Tribuo's {@link GaussianLabelDataSource}
     * @return class 0 centred at (−2, 0), class 1 at (2, 0), 4 apart: well separated, as a Tribuo dataset
     */
    public static MutableDataset<Label> horizontalDataset(int n, long seed) {
        return new MutableDataset<>(new GaussianLabelDataSource(n, seed,
                new double[]{-2, 0}, new double[]{1, 0, 0, 1}, new double[]{2, 0}, new double[]{1, 0, 0, 1}));
    }

    /** @return {@link #horizontalDataset} as a dense table */
    public static DenseData horizontal(int n, long seed) {
        return TribuoDense.toDense(horizontalDataset(n, seed));
    }
}
