package dev.credence.core.engine;

/**
 * The sizes of a 2-d pooling on NCHW images: a window×window window moved by {@code stride} over each channel of a
 * C×H×W input, without padding. The output is C×outH×outW with outH = (H − window) / stride + 1; the division must
 * be exact, so no input row or column is left out.
 *
 * @param channels C
 * @param inHeight H
 * @param inWidth  W
 * @param window   side of the square window, ≥ 1
 * @param stride   step of the window, ≥ 1
 */
public record PoolGeometry(int channels, int inHeight, int inWidth, int window, int stride) implements java.io.Serializable {

    /** Checks the sizes; a message says what is wrong, on one line. */
    public PoolGeometry {
        if (channels < 1 || inHeight < 1 || inWidth < 1) {
            throw new IllegalArgumentException("the input must be at least 1×1×1, got " + channels + "×" + inHeight + "×" + inWidth);
        }
        if (window < 1 || stride < 1) {
            throw new IllegalArgumentException("window and stride must be ≥ 1, got " + window + " and " + stride);
        }
        if (window > inHeight || window > inWidth) {
            throw new IllegalArgumentException("window " + window + "×" + window + " is larger than the input "
                    + inHeight + "×" + inWidth);
        }
        if ((inHeight - window) % stride != 0 || (inWidth - window) % stride != 0) {
            throw new IllegalArgumentException("window " + window + " with stride " + stride + " does not tile the input "
                    + inHeight + "×" + inWidth + " (input size − window must be a multiple of the stride)");
        }
        if ((long) channels * inHeight * inWidth > Buffers.MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException("the input is too large for one array");
        }
    }

    /** @return output height */
    public int outHeight() {
        return (inHeight - window) / stride + 1;
    }

    /** @return output width */
    public int outWidth() {
        return (inWidth - window) / stride + 1;
    }

    /** @return C·H·W */
    public int inputSize() {
        return channels * inHeight * inWidth;
    }

    /** @return C·outH·outW */
    public int outputSize() {
        return channels * outHeight() * outWidth();
    }
}
