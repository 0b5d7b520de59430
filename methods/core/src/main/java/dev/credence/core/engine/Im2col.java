package dev.credence.core.engine;

import java.util.Arrays;

/**
 * The data movements that turn a convolution into matrix products with the kernel on the left (the Caffe layout),
 * shared by every convolution layer.
 *
 * <p>An image is C·H·W floats in NCHW order (index c·H·W + h·W + w). Its <em>column matrix</em> is K×P, K = C·kh·kw
 * and P = outH·outW: row c·kh·kw + i·kw + j holds tap (i, j) of channel c at every position p = y·outW + x, zero where
 * the window overlaps the padding. The columns of several images sit side by side in one row-major matrix of row
 * length {@code ld} (image m of a block from column m·P), so with a K×C_out kernel matrix W the product Wᵀ·columns
 * is C_out × P per image: the image's NCHW output as it is laid out in memory.
 *
 * <p>{@link #columns} writes a row of the column matrix as runs of one input row each: per output row y, the
 * leading and trailing padding zeros of the run and one copy (stride 1) or one strided gather of the input pixels in
 * between, so no per-pixel bounds checks. {@link #addColumns} is its adjoint (each entry added back onto its source
 * pixel, in the same order). Every loop runs in one fixed order on the calling thread.
 */
public final class Im2col {
    private Im2col() {
    }

    /**
     * @param g     the geometry
     * @param x     images, NCHW
     * @param xAt   where the image starts in {@code x}
     * @param col   receives the K×P column matrix of the image
     * @param colAt where its first column starts in {@code col} (row r at colAt + r·ld)
     * @param ld    row length of {@code col}, ≥ P
     */
    public static void columns(ConvGeometry g, float[] x, int xAt, float[] col, int colAt, int ld) {
        int h = g.inHeight();
        int w = g.inWidth();
        int s = g.stride();
        int pad = g.padding();
        int oh = g.outHeight();
        int ow = g.outWidth();
        int row = colAt;
        for (int ch = 0; ch < g.inChannels(); ch++) {
            int plane = xAt + ch * h * w;
            for (int i = 0; i < g.kernelH(); i++) {
                for (int j = 0; j < g.kernelW(); j++, row += ld) {
                    int lo = Math.min(ow, firstInside(j - pad, s));
                    int hi = Math.max(lo, Math.min(ow, lastInside(j - pad, s, w) + 1));
                    for (int y = 0, at = row; y < oh; y++, at += ow) {
                        int iy = y * s - pad + i;
                        if (iy < 0 || iy >= h) {
                            Arrays.fill(col, at, at + ow, 0f);
                            continue;
                        }
                        Arrays.fill(col, at, at + lo, 0f);
                        int src = plane + iy * w + lo * s - pad + j;
                        if (s == 1) {
                            System.arraycopy(x, src, col, at + lo, hi - lo);
                        } else {
                            for (int xo = lo; xo < hi; xo++, src += s) {
                                col[at + xo] = x[src];
                            }
                        }
                        Arrays.fill(col, at + hi, at + ow, 0f);
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #columns}: adds every entry of the image's column matrix onto the pixel it came from
     * (entries over the padding are dropped).
     *
     * @param g     the geometry
     * @param col   the K×P column-matrix gradient of the image
     * @param colAt where its first column starts (row r at colAt + r·ld)
     * @param ld    row length of {@code col}
     * @param dx    image gradients, NCHW, added to
     * @param dxAt  where the image starts in {@code dx}
     */
    public static void addColumns(ConvGeometry g, float[] col, int colAt, int ld, float[] dx, int dxAt) {
        int h = g.inHeight();
        int w = g.inWidth();
        int s = g.stride();
        int pad = g.padding();
        int oh = g.outHeight();
        int ow = g.outWidth();
        int row = colAt;
        for (int ch = 0; ch < g.inChannels(); ch++) {
            int plane = dxAt + ch * h * w;
            for (int i = 0; i < g.kernelH(); i++) {
                for (int j = 0; j < g.kernelW(); j++, row += ld) {
                    int lo = Math.min(ow, firstInside(j - pad, s));
                    int hi = Math.max(lo, Math.min(ow, lastInside(j - pad, s, w) + 1));
                    for (int y = 0, at = row; y < oh; y++, at += ow) {
                        int iy = y * s - pad + i;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        int dst = plane + iy * w + lo * s - pad + j;
                        if (s == 1) {
                            addRun(col, at + lo, dx, dst, hi - lo);
                        } else {
                            for (int xo = lo; xo < hi; xo++, dst += s) {
                                dx[dst] += col[at + xo];
                            }
                        }
                    }
                }
            }
        }
    }

    /** dst[to + i] += src[from + i] for i &lt; n: a unit-stride loop the JIT vectorizes. */
    private static void addRun(float[] src, int from, float[] dst, int to, int n) {
        for (int i = 0; i < n; i++) {
            dst[to + i] += src[from + i];
        }
    }

    /** @return the first output column xo with xo·s + offset ≥ 0 */
    private static int firstInside(int offset, int s) {
        return offset >= 0 ? 0 : (-offset + s - 1) / s;
    }

    /** @return the last output column xo with xo·s + offset &lt; w (may be negative) */
    private static int lastInside(int offset, int s, int w) {
        int room = w - 1 - offset;
        return room < 0 ? -1 : room / s;
    }
}
