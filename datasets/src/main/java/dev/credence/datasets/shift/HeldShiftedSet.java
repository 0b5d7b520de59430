package dev.credence.datasets.shift;

import dev.credence.core.data.DenseData;
import org.ejml.data.FMatrixRMaj;

/**
 * A shifted test part as it is held in memory between the methods that score it. An image set is held as 8-bit
 * pixels, q = round(255&middot;x) (the form of Hendrycks &amp; Dietterich's released corrupted sets, and of the
 * IDX source): one byte per pixel and four per label, N&middot;(784 + 4) bytes (7.9 MB for Fashion-MNIST's 10,000
 * test images; the full sweep's 58 sets 457 MB); {@link #data()} gives x = q / 255 in float32 afresh each time (N&middot;D
 * floats, released once scored). A tabular set is held as its float32 table, N&middot;(D + 1)&middot;4 bytes.
 */
public final class HeldShiftedSet {
    /** Levels of an 8-bit pixel: q in 0..255. */
    static final int LEVELS = 255;

    private final byte[] pixels;
    private final DenseData table;
    private final DenseData template;

    private HeldShiftedSet(byte[] pixels, DenseData table, DenseData template) {
        this.pixels = pixels;
        this.table = table;
        this.template = template;
    }

    /**
     * @param pixels   N&times;D quantised pixels, row-major
     * @param template the test part whose labels and names the set keeps
     * @return an image set
     */
    static HeldShiftedSet images(byte[] pixels, DenseData template) {
        return new HeldShiftedSet(pixels, null, template);
    }

    /**
     * @param table the shifted table
     * @return a tabular set
     */
    static HeldShiftedSet table(DenseData table) {
        return new HeldShiftedSet(null, table, null);
    }

    /**
     * @param x a pixel value in [0, 1]
     * @return its 8-bit level, round half up in float32, &lfloor;255&middot;x + 1/2&rfloor;, kept in 0..255 (against a
     *     value a rounding ulp outside [0, 1])
     */
    static byte quantise(float x) {
        return (byte) Math.max(0, Math.min(LEVELS, Math.round(x * LEVELS)));
    }

    /**
     * @param q an 8-bit level (as a signed byte)
     * @return q / 255 in float32, as the IDX source reads a pixel
     */
    static float dequantise(byte q) {
        return (q & 0xFF) / (float) LEVELS;
    }

    /** @return the shifted test part: the same rows, labels and names as the test part */
    public DenseData data() {
        if (table != null) {
            return table;
        }
        int n = template.size();
        int d = template.numFeatures();
        FMatrixRMaj x = new FMatrixRMaj(n, d);
        for (int i = 0; i < pixels.length; i++) {
            x.data[i] = dequantise(pixels[i]);
        }
        return template.withFeatures(x);
    }

    /** @return the bytes it holds (its array of pixels or floats, and its labels) */
    public long bytes() {
        return table != null ? bytes(Shift.Domain.TABULAR, table.size(), table.numFeatures())
                : bytes(Shift.Domain.IMAGE, template.size(), template.numFeatures());
    }

    /**
     * @param domain   the shift's domain
     * @param rows     N
     * @param features D
     * @return the bytes a held set of that shape takes: N&middot;(D + 4) for images, N&middot;(D + 1)&middot;4 for tables
     */
    public static long bytes(Shift.Domain domain, long rows, long features) {
        return domain == Shift.Domain.IMAGE ? rows * (features + 4) : 4L * rows * (features + 1);
    }
}
