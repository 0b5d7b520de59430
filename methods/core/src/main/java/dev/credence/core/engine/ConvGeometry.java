package dev.credence.core.engine;

/**
 * The sizes of one 2-d convolution on NCHW images: input C×H×W, {@code outChannels} kernels of kh×kw, one stride
 * for both axes and zero padding of {@code padding} on every side. The output is outChannels×outH×outW with
 * outH = (H + 2·padding − kh) / stride + 1 (and the same for the width); the division must be exact, so every input
 * pixel of the padded image is reached by the last window as the caller wrote it.
 *
 * @param inChannels  C
 * @param inHeight    H
 * @param inWidth     W
 * @param outChannels number of kernels
 * @param kernelH     kh
 * @param kernelW     kw
 * @param stride      step of the window, ≥ 1
 * @param padding     zeros added on each side, ≥ 0
 */
public record ConvGeometry(int inChannels, int inHeight, int inWidth, int outChannels, int kernelH, int kernelW,
                           int stride, int padding) implements java.io.Serializable {

    /** Checks the sizes; a message says what is wrong, on one line. */
    public ConvGeometry {
        if (inChannels < 1 || inHeight < 1 || inWidth < 1) {
            throw new IllegalArgumentException("the input must be at least 1×1×1, got " + inChannels + "×" + inHeight + "×" + inWidth);
        }
        if (outChannels < 1) {
            throw new IllegalArgumentException("a convolution needs ≥ 1 output channel, got " + outChannels);
        }
        if (kernelH < 1 || kernelW < 1) {
            throw new IllegalArgumentException("the kernel must be at least 1×1, got " + kernelH + "×" + kernelW);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("the stride must be ≥ 1, got " + stride);
        }
        if (padding < 0) {
            throw new IllegalArgumentException("the padding must be ≥ 0, got " + padding);
        }
        long paddedH = inHeight + 2L * padding;
        long paddedW = inWidth + 2L * padding;
        if (kernelH > paddedH || kernelW > paddedW) {
            throw new IllegalArgumentException("kernel " + kernelH + "×" + kernelW + " is larger than the padded input "
                    + paddedH + "×" + paddedW);
        }
        if ((paddedH - kernelH) % stride != 0 || (paddedW - kernelW) % stride != 0) {
            throw new IllegalArgumentException("stride " + stride + " does not tile the padded input " + paddedH + "×" + paddedW
                    + " with kernel " + kernelH + "×" + kernelW + " (padded size − kernel must be a multiple of the stride)");
        }
        long col = (long) inChannels * kernelH * kernelW;
        long out = (long) outChannels * ((paddedH - kernelH) / stride + 1) * ((paddedW - kernelW) / stride + 1);
        long in = (long) inChannels * inHeight * inWidth;
        if (col > Buffers.MAX_ARRAY_LENGTH || out > Buffers.MAX_ARRAY_LENGTH || in > Buffers.MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException("the convolution is too large for one array");
        }
    }

    /** @return output height */
    public int outHeight() {
        return (int) ((inHeight + 2L * padding - kernelH) / stride + 1);
    }

    /** @return output width */
    public int outWidth() {
        return (int) ((inWidth + 2L * padding - kernelW) / stride + 1);
    }

    /** @return C·H·W, the width of an input row */
    public int inputSize() {
        return inChannels * inHeight * inWidth;
    }

    /** @return outChannels·outH·outW, the width of an output row */
    public int outputSize() {
        return outChannels * outHeight() * outWidth();
    }

    /** @return C·kh·kw, the fan-in of one output unit and the width of an im2col row */
    public int patchSize() {
        return inChannels * kernelH * kernelW;
    }

    /** @return outH·outW, the positions one kernel visits per image */
    public int positions() {
        return outHeight() * outWidth();
    }
}
