package dev.credence.datasets.ood;

import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import dev.credence.datasets.csv.CsvDatasetSource;

/**
 * The image out-of-distribution sets, on 28×28 greyscale images stored row-major (row 0 at the top) with pixel values
 * in [0, 1]. Arithmetic is in double, each pixel rounded to float once.
 */
public final class OodImages {
    /** Side of an image. */
    public static final int SIDE = 28;
    /** Pixels of an image. */
    public static final int PIXELS = SIDE * SIDE;
    /** Mean of the Gaussian noise images' pixels before clipping. */
    public static final double GAUSSIAN_MEAN = 0.5;
    /** Standard deviation of the Gaussian noise images' pixels before clipping. */
    public static final double GAUSSIAN_STD = 0.25;
    /** Side of a bundled digit. */
    public static final int DIGIT_SIDE = 8;
    /** Largest value of a bundled digit's pixel (0 = background, 16 = ink). */
    public static final double DIGIT_MAX = 16.0;

    private OodImages() {
    }

    /**
     * Uniform noise: every pixel drawn U[0, 1) ({@link Rng#nextDouble}), pixel by pixel in row-major order.
     *
     * @param out    receives the image
     * @param offset where it starts in {@code out}
     * @param rng    the stream
     */
    static void uniformNoise(float[] out, int offset, Rng rng) {
        for (int p = 0; p < PIXELS; p++) {
            out[offset + p] = (float) rng.nextDouble();
        }
    }

    /**
     * Gaussian noise: every pixel clip(0.5 + 0.25·z, 0, 1), z standard normal ({@link Rng#nextGaussian}), drawn pixel
     * by pixel in row-major order.
     *
     * @param out    receives the image
     * @param offset where it starts in {@code out}
     * @param rng    the stream
     */
    static void gaussianNoise(float[] out, int offset, Rng rng) {
        for (int p = 0; p < PIXELS; p++) {
            out[offset + p] = (float) Math.min(1.0, Math.max(0.0, GAUSSIAN_MEAN + GAUSSIAN_STD * rng.nextGaussian()));
        }
    }

    /**
     * Writes an image upside down: out[r][c] = in[27 − r][c].
     *
     * @param in   holds the image
     * @param from where it starts
     * @param out  receives the flipped image
     * @param to   where it starts
     */
    static void verticalFlip(float[] in, int from, float[] out, int to) {
        for (int r = 0; r < SIDE; r++) {
            System.arraycopy(in, from + (SIDE - 1 - r) * SIDE, out, to + r * SIDE, SIDE);
        }
    }

    /**
     * Writes an image's negative: out = 1 − in.
     *
     * @param in   holds the image
     * @param from where it starts
     * @param out  receives the inverted image
     * @param to   where it starts
     */
    static void invert(float[] in, int from, float[] out, int to) {
        for (int p = 0; p < PIXELS; p++) {
            out[to + p] = (float) (1.0 - in[from + p]);
        }
    }

    /**
     * Bilinear upsampling of an 8×8 image of values 0–16 to 28×28 in [0, 1], with half-pixel centres and clamped edges:
     * output index o (row or column, 0–27) reads the source at u = clamp((o + ½)·8/28 − ½, 0, 7), between
     * i₀ = ⌊u⌋ and i₁ = min(i₀ + 1, 7) with weight u − i₀ on i₁; the value is the separable bilinear mix divided by 16.
     *
     * @param digit holds 64 values 0–16, row-major, at {@code from}
     * @param from  where the digit starts
     * @param out   receives 784 pixels at {@code to}
     * @param to    where the image starts
     */
    static void upsampleDigit(float[] digit, int from, float[] out, int to) {
        for (int r = 0; r < SIDE; r++) {
            double u = source(r);
            int r0 = (int) Math.floor(u);
            int r1 = Math.min(r0 + 1, DIGIT_SIDE - 1);
            double wr = u - r0;
            for (int c = 0; c < SIDE; c++) {
                double v = source(c);
                int c0 = (int) Math.floor(v);
                int c1 = Math.min(c0 + 1, DIGIT_SIDE - 1);
                double wc = v - c0;
                double top = (1 - wc) * digit[from + r0 * DIGIT_SIDE + c0] + wc * digit[from + r0 * DIGIT_SIDE + c1];
                double bottom = (1 - wc) * digit[from + r1 * DIGIT_SIDE + c0] + wc * digit[from + r1 * DIGIT_SIDE + c1];
                out[to + r * SIDE + c] = (float) (((1 - wr) * top + wr * bottom) / DIGIT_MAX);
            }
        }
    }

    private static double source(int o) {
        double u = (o + 0.5) * DIGIT_SIDE / SIDE - 0.5;
        return Math.min(DIGIT_SIDE - 1, Math.max(0.0, u));
    }

    /** @return the bundled digits ({@code digits.csv}: 1797 rows of 64 values 0–16), in file order */
    static DenseData bundledDigits() {
        return CsvDatasetSource.bundled("digits", "the bundled 8x8 digits").load(0L);
    }
}
