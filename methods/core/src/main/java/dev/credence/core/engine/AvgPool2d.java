package dev.credence.core.engine;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

/**
 * Average pooling over each channel of B×(C·H·W) NCHW images ({@link PoolGeometry}): each output is the mean of
 * its window×window inputs (no padding, so every window is full). The backward pass spreads each output's
 * gradient evenly over its window; overlapping windows add up.
 */
public final class AvgPool2d implements Layer {
    private static final long serialVersionUID = 1L;

    private final PoolGeometry geometry;
    private transient FMatrixRMaj output;
    private transient FMatrixRMaj gradInput;

    /** @param geometry the sizes */
    public AvgPool2d(PoolGeometry geometry) {
        this.geometry = geometry;
    }

    /** @return the sizes */
    public PoolGeometry geometry() {
        return geometry;
    }

    @Override
    public FMatrixRMaj forward(FMatrixRMaj x, Mode mode, Rng rng) {
        Pooling.checkWidth(geometry, x.numCols, "average pooling");
        int batch = x.numRows;
        output = Buffers.ensure(output, batch, geometry.outputSize());
        int h = geometry.inHeight();
        int w = geometry.inWidth();
        int k = geometry.window();
        int s = geometry.stride();
        int oh = geometry.outHeight();
        int ow = geometry.outWidth();
        float scale = 1f / (k * k);
        float[] in = x.data;
        float[] out = output.data;
        int o = 0;
        for (int plane = 0, planes = batch * geometry.channels(); plane < planes; plane++) {
            int base = plane * h * w;
            for (int y = 0; y < oh; y++) {
                for (int xo = 0; xo < ow; xo++, o++) {
                    int first = base + y * s * w + xo * s;
                    float sum = 0f;
                    for (int i = 0; i < k; i++) {
                        int line = first + i * w;
                        for (int j = 0; j < k; j++) {
                            sum += in[line + j];
                        }
                    }
                    out[o] = sum * scale;
                }
            }
        }
        return output;
    }

    @Override
    public FMatrixRMaj backward(FMatrixRMaj g, boolean needInputGrad) {
        if (!needInputGrad) {
            return null;
        }
        int batch = g.numRows;
        gradInput = Buffers.ensure(gradInput, batch, geometry.inputSize());
        int h = geometry.inHeight();
        int w = geometry.inWidth();
        int k = geometry.window();
        int s = geometry.stride();
        int oh = geometry.outHeight();
        int ow = geometry.outWidth();
        float scale = 1f / (k * k);
        float[] dx = gradInput.data;
        java.util.Arrays.fill(dx, 0, batch * geometry.inputSize(), 0f);
        float[] gd = g.data;
        int o = 0;
        for (int plane = 0, planes = batch * geometry.channels(); plane < planes; plane++) {
            int base = plane * h * w;
            for (int y = 0; y < oh; y++) {
                for (int xo = 0; xo < ow; xo++, o++) {
                    int first = base + y * s * w + xo * s;
                    float share = gd[o] * scale;
                    for (int i = 0; i < k; i++) {
                        int line = first + i * w;
                        for (int j = 0; j < k; j++) {
                            dx[line + j] += share;
                        }
                    }
                }
            }
        }
        return gradInput;
    }

    @Override
    public boolean randomIn(Mode mode) {
        return false;
    }

    @Override
    public int outputSize(int inputSize) {
        Pooling.checkWidth(geometry, inputSize, "average pooling");
        return geometry.outputSize();
    }
}
