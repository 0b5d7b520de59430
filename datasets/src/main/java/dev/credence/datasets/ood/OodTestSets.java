package dev.credence.datasets.ood;

import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import dev.credence.datasets.shift.Shift;
import org.ejml.data.FMatrixRMaj;

/**
 * Makes a generated out-of-distribution set for a test part: the noise sets and the flipped and inverted images have
 * the test part's number of rows, {@code digits} the 1797 bundled digits. The draws of a set come from one
 * {@link Rng} seeded by {@link #seed} from the data seed and the set's name, taken row by row in row order, so the same
 * (test part, set, data seed) gives the same inputs.
 */
public final class OodTestSets {
    /** Rows of the {@code digits} set: every row of the bundled {@code digits.csv}. */
    public static final int DIGITS_ROWS = 1797;

    private OodTestSets() {
    }

    /**
     * @param set      the set
     * @param domain   the test part's kind of data ({@link OodSet#appliesTo} it)
     * @param test     the test part: images of 784 pixel values in [0, 1], or standardized features
     * @param dataSeed the run's data seed
     * @return the set's inputs, N × D
     */
    public static FMatrixRMaj make(OodSet set, Shift.Domain domain, DenseData test, long dataSeed) {
        if (!set.appliesTo(domain)) {
            throw new IllegalArgumentException(set.jsonName() + " does not apply to " + domain);
        }
        int n = test.size();
        int d = test.numFeatures();
        if (domain == Shift.Domain.IMAGE && d != OodImages.PIXELS) {
            throw new IllegalArgumentException(set.jsonName() + " needs 28×28 = 784 features, got " + d);
        }
        Rng rng = new Rng(seed(dataSeed, set));
        float[] x = test.x().data;
        if (set == OodSet.digits) {
            DenseData digits = OodImages.bundledDigits();
            FMatrixRMaj out = new FMatrixRMaj(digits.size(), OodImages.PIXELS);
            int k = OodImages.DIGIT_SIDE * OodImages.DIGIT_SIDE;
            for (int i = 0; i < digits.size(); i++) {
                OodImages.upsampleDigit(digits.x().data, i * k, out.data, i * OodImages.PIXELS);
            }
            return out;
        }
        FMatrixRMaj out = new FMatrixRMaj(n, d);
        float[] o = out.data;
        for (int i = 0; i < n; i++) {
            int at = i * d;
            if (domain == Shift.Domain.TABULAR) {
                for (int j = 0; j < d; j++) {
                    o[at + j] = (float) (set == OodSet.uniform_noise
                            ? (2 * rng.nextDouble() - 1) * TABULAR_UNIFORM_HALF_WIDTH : rng.nextGaussian());
                }
                continue;
            }
            switch (set) {
                case uniform_noise -> OodImages.uniformNoise(o, at, rng);
                case gaussian_noise -> OodImages.gaussianNoise(o, at, rng);
                case vertical_flip -> OodImages.verticalFlip(x, at, o, at);
                case inverted -> OodImages.invert(x, at, o, at);
                default -> throw new IllegalStateException(set.jsonName());
            }
        }
        return out;
    }

    /** Half-width √3 of the tabular uniform noise, U[−√3, √3): mean 0 and variance 1, as standardized features. */
    public static final double TABULAR_UNIFORM_HALF_WIDTH = Math.sqrt(3.0);

    /**
     * @param set      a set
     * @param testRows rows of the in-distribution test part
     * @param features its features
     * @return bytes of the set's inputs (float32)
     */
    public static long bytes(OodSet set, int testRows, int features) {
        long rows = set == OodSet.digits ? DIGITS_ROWS : testRows;
        long d = set == OodSet.digits ? OodImages.PIXELS : features;
        return 4L * rows * d;
    }

    /**
     * @param dataSeed the run's data seed
     * @param set      the set
     * @return the seed of the set's stream: two draws of a stream seeded by the data seed mixed with the name's
     *     {@link String#hashCode()} (fixed by the Java language specification), as the shifted sets' seeds are made
     */
    static long seed(long dataSeed, OodSet set) {
        Rng mix = new Rng(dataSeed ^ ((long) ("ood:" + set.jsonName()).hashCode() << 32));
        return mix.nextSeed() ^ mix.nextSeed() * 0x9E3779B97F4A7C15L;
    }
}
