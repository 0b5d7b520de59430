package dev.credence.datasets.shift;

import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

/**
 * Makes a shifted copy of a test part: the same rows, labels and names, the features shifted. The draws of
 * (shift, level) come from one {@link Rng} seeded by {@link #seed} from the data seed, the shift's name and the level,
 * taken image by image (row by row) in row order, so the same (data, shift, level, data seed) gives the same table.
 * An image shift's result is quantised to 8 bits, q = round(255&middot;x), and read back as q / 255
 * ({@link HeldShiftedSet}): definition version {@value #DEFINITION} (version 1 kept the float32 values).
 */
public final class ShiftedTestSets {
    /**
     * The version of the shifted sets' definition, recorded in the configuration of every run scored on image shifts
     * ({@link #definition}): 2 quantises image shifts to 8 bits; 1, unrecorded, kept float32 pixels.
     */
    public static final int DEFINITION = 2;

    /**
     * @param shifts a dataset's shifts
     * @return the definition version its configuration records: {@value #DEFINITION} when any shift acts on images
     *     (version 2 changed only image sets), null for tabular shifts alone, whose sets are version 1's unchanged
     *     (so results made before the version was recorded stay current)
     */
    public static Integer definition(ShiftSelection shifts) {
        return shifts.shifts().stream().anyMatch(s -> s.domain() == Shift.Domain.IMAGE) ? DEFINITION : null;
    }

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
        return hold(shift, level, test, train, dataSeed).data();
    }

    /**
     * @param shift    the shift
     * @param level    its level (rotation: degrees; else severity 1–5)
     * @param test     the test part: for an image shift 784 pixel values in [0, 1] per row
     * @param train    the training part, whose feature statistics a tabular shift uses
     * @param dataSeed the run's data seed
     * @return the shifted test part in the form a cache holds it (images as 8-bit pixels, made image by image)
     */
    public static HeldShiftedSet hold(Shift shift, int level, DenseData test, DenseData train, long dataSeed) {
        Rng rng = new Rng(seed(dataSeed, shift, level));
        int n = test.size();
        int d = test.numFeatures();
        float[] x = test.x().data;
        if (shift.domain() == Shift.Domain.IMAGE) {
            if (d != ImageShifts.PIXELS) {
                throw new IllegalArgumentException(shift.jsonName() + " needs 28×28 = 784 features, got " + d);
            }
            byte[] pixels = new byte[n * d];
            float[] image = new float[d];
            for (int i = 0; i < n; i++) {
                System.arraycopy(x, i * d, image, 0, d);
                float[] shifted = ImageShifts.apply(shift, level, image, rng);
                for (int j = 0; j < d; j++) {
                    pixels[i * d + j] = HeldShiftedSet.quantise(shifted[j]);
                }
            }
            return HeldShiftedSet.images(pixels, test);
        }
        FMatrixRMaj out = new FMatrixRMaj(n, d);
        float[] tx = train.x().data;
        double[][] m = TabularShifts.moments(java.util.Arrays.copyOf(tx, train.size() * d), d);
        float[] shifted = TabularShifts.apply(shift, level, java.util.Arrays.copyOf(x, n * d), d, m[0], m[1], rng);
        System.arraycopy(shifted, 0, out.data, 0, n * d);
        return HeldShiftedSet.table(test.withFeatures(out));
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
