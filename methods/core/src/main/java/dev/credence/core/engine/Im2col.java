package dev.credence.core.engine;

import java.util.Arrays;

/**
 * The data movements that turn a convolution into one matrix product, shared by every convolution layer.
 *
 * <p>A minibatch of B images is a B×(C·H·W) matrix, row b holding image b in NCHW order (index c·H·W + h·W + w).
 * {@link #im2col} writes the (B·P)×K patch matrix, P = outH·outW positions per image and K = C·kh·kw, row b·P + p
 * holding the receptive field of position p of image b in (c, i, j) order and zeros where it overlaps the
 * padding. With a K×C_out kernel matrix W, patches·W is (B·P)×C_out, "position-major"; {@link #toChannelMajor}
 * turns it into the B×(C_out·P) NCHW output and {@link #toPositionMajor} does the reverse for a gradient.
 * {@link #col2im} is the adjoint of im2col: it adds each patch entry back onto the pixel it came from.
 *
 * <p>Every loop runs in one fixed order on the calling thread, so the results do not depend on the GEMM thread count.
 */
public final class Im2col {
    private Im2col() {
    }

    /**
     * @param g    the geometry
     * @param x    B×(C·H·W) images, {@code batch} rows
     * @param batch B
     * @param col  receives the (B·P)×K patch matrix, row-major, at least B·P·K long
     */
    public static void im2col(ConvGeometry g, float[] x, int batch, float[] col) {
        int c = g.inChannels();
        int h = g.inHeight();
        int w = g.inWidth();
        int kh = g.kernelH();
        int kw = g.kernelW();
        int s = g.stride();
        int pad = g.padding();
        int oh = g.outHeight();
        int ow = g.outWidth();
        int hw = h * w;
        int chw = c * hw;
        int k = g.patchSize();
        int row = 0;
        for (int b = 0; b < batch; b++) {
            int image = b * chw;
            for (int y = 0; y < oh; y++) {
                int top = y * s - pad;
                for (int xo = 0; xo < ow; xo++, row += k) {
                    int left = xo * s - pad;
                    int at = row;
                    for (int ch = 0; ch < c; ch++) {
                        int plane = image + ch * hw;
                        for (int i = 0; i < kh; i++) {
                            int iy = top + i;
                            if (iy < 0 || iy >= h) {
                                Arrays.fill(col, at, at + kw, 0f);
                                at += kw;
                                continue;
                            }
                            int line = plane + iy * w;
                            for (int j = 0; j < kw; j++) {
                                int ix = left + j;
                                col[at++] = ix >= 0 && ix < w ? x[line + ix] : 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #im2col}: dx = Σ over patches of their entries, each added onto its source pixel
     * (entries over the padding are dropped).
     *
     * @param g     the geometry
     * @param col   (B·P)×K patch gradients
     * @param batch B
     * @param dx    receives the B×(C·H·W) image gradients (overwritten), at least B·C·H·W long
     */
    public static void col2im(ConvGeometry g, float[] col, int batch, float[] dx) {
        int c = g.inChannels();
        int h = g.inHeight();
        int w = g.inWidth();
        int kh = g.kernelH();
        int kw = g.kernelW();
        int s = g.stride();
        int pad = g.padding();
        int oh = g.outHeight();
        int ow = g.outWidth();
        int hw = h * w;
        int chw = c * hw;
        int k = g.patchSize();
        Arrays.fill(dx, 0, batch * chw, 0f);
        int row = 0;
        for (int b = 0; b < batch; b++) {
            int image = b * chw;
            for (int y = 0; y < oh; y++) {
                int top = y * s - pad;
                for (int xo = 0; xo < ow; xo++, row += k) {
                    int left = xo * s - pad;
                    int at = row;
                    for (int ch = 0; ch < c; ch++) {
                        int plane = image + ch * hw;
                        for (int i = 0; i < kh; i++, at += kw) {
                            int iy = top + i;
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            int line = plane + iy * w;
                            for (int j = 0; j < kw; j++) {
                                int ix = left + j;
                                if (ix >= 0 && ix < w) {
                                    dx[line + ix] += col[at + j];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * out[b, ch·P + p] = rows[b·P + p, ch]: the (B·P)×C_out product into the B×(C_out·P) NCHW layout.
     *
     * @param rows     position-major values
     * @param batch    B
     * @param positions P
     * @param channels C_out
     * @param out      channel-major values
     */
    public static void toChannelMajor(float[] rows, int batch, int positions, int channels, float[] out) {
        int image = positions * channels;
        for (int b = 0; b < batch; b++) {
            int base = b * image;
            for (int p = 0; p < positions; p++) {
                int from = base + p * channels;
                for (int ch = 0; ch < channels; ch++) {
                    out[base + ch * positions + p] = rows[from + ch];
                }
            }
        }
    }

    /**
     * rows[b·P + p, ch] = in[b, ch·P + p]: the inverse of {@link #toChannelMajor}.
     *
     * @param in        channel-major values
     * @param batch     B
     * @param positions P
     * @param channels  C_out
     * @param rows      position-major values
     */
    public static void toPositionMajor(float[] in, int batch, int positions, int channels, float[] rows) {
        int image = positions * channels;
        for (int b = 0; b < batch; b++) {
            int base = b * image;
            for (int ch = 0; ch < channels; ch++) {
                int from = base + ch * positions;
                for (int p = 0; p < positions; p++) {
                    rows[base + p * channels + ch] = in[from + p];
                }
            }
        }
    }
}
