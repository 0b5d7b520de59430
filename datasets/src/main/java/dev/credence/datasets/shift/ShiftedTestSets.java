package dev.credence.datasets.shift;

import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

/**
 * Makes a shifted copy of a test part: the same rows, labels and names, the features shifted. The draws of
 * (shift, level) come from one {@link Rng} seeded by {@link #seed} from the data seed, the shift's name and the level,
 * taken image by image (row by row) in row order, so the same (data, shift, level, data seed) gives the same table.
 */
public final class ShiftedTestSets {
    private ShiftedTestSets() {
    }

    /**
     * @param shift    the shift
     * @param level    its level (rotation: degrees; else severity 1–5)
     * @param test     the test part: for an image shift 784 pixel values in [0, 1] per row
     * @param train    the training part, whose feature statistics a tabular shift uses
     * @param dataSeed the run's data seed
     * @return the shifted test part
     */
    public static DenseData make(Shift shift, int level, DenseData test, DenseData train, long dataSeed) {
        Rng rng = new Rng(seed(dataSeed, shift, level));
        int n = test.size();
        int d = test.numFeatures();
        float[] x = test.x().data;
        FMatrixRMaj out = new FMatrixRMaj(n, d);
        if (shift.domain() == Shift.Domain.IMAGE) {
            if (d != ImageShifts.PIXELS) {
                throw new IllegalArgumentException(shift.jsonName() + " needs 28×28 = 784 features, got " + d);
            }
            float[] image = new float[d];
            for (int i = 0; i < n; i++) {
                System.arraycopy(x, i * d, image, 0, d);
                System.arraycopy(ImageShifts.apply(shift, level, image, rng), 0, out.data, i * d, d);
            }
        } else {
            float[] tx = train.x().data;
            double[][] m = TabularShifts.moments(java.util.Arrays.copyOf(tx, train.size() * d), d);
            float[] shifted = TabularShifts.apply(shift, level, java.util.Arrays.copyOf(x, n * d), d, m[0], m[1], rng);
            System.arraycopy(shifted, 0, out.data, 0, n * d);
        }
        return test.withFeatures(out);
    }

    /**
     * @param dataSeed the run's data seed
     * @param shift    the shift
     * @param level    its level
     * @return the seed of the (shift, level) stream: two draws of a stream seeded by the data seed mixed with the
     *     name's {@link String#hashCode()} (fixed by the Java language specification) and the level
     */
    static long seed(long dataSeed, Shift shift, int level) {
        Rng mix = new Rng(dataSeed ^ ((long) shift.jsonName().hashCode() << 32));
        return mix.nextSeed() + 0x9E3779B97F4A7C15L * (level + 1) ^ mix.nextSeed();
    }
}
