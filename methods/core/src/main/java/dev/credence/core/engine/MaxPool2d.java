package dev.credence.core.engine;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

/**
 * Max pooling over each channel of B×(C·H·W) NCHW images ({@link PoolGeometry}); the output is B×(C·outH·outW).
 * The backward pass sends each output's gradient to the input that was the maximum of its window (the first one
 * in row-major window order on ties; overlapping windows add up). A NaN in a window is the window's maximum, so
 * divergence propagates. The argmax indices of the last forward pass are kept in a reused buffer.
 */
public final class MaxPool2d implements Layer {
    private static final long serialVersionUID = 1L;

    private final PoolGeometry geometry;
    private transient int[] argmax;
    private transient FMatrixRMaj output;
    private transient FMatrixRMaj gradInput;

    /** @param geometry the sizes */
    public MaxPool2d(PoolGeometry geometry) {
        this.geometry = geometry;
    }

    /** @return the sizes */
    public PoolGeometry geometry() {
        return geometry;
    }

    @Override
    public FMatrixRMaj forward(FMatrixRMaj x, Mode mode, Rng rng) {
        Pooling.checkWidth(geometry, x.numCols, "max pooling");
        int batch = x.numRows;
        int n = batch * geometry.outputSize();
        output = Buffers.ensure(output, batch, geometry.outputSize());
        if (argmax == null || argmax.length < n) {
            argmax = new int[n];
        }
        int h = geometry.inHeight();
        int w = geometry.inWidth();
        int k = geometry.window();
        int s = geometry.stride();
        int oh = geometry.outHeight();
        int ow = geometry.outWidth();
        float[] in = x.data;
        float[] out = output.data;
        int o = 0;
        for (int plane = 0, planes = batch * geometry.channels(); plane < planes; plane++) {
            int base = plane * h * w;
            for (int y = 0; y < oh; y++) {
                for (int xo = 0; xo < ow; xo++, o++) {
                    int first = base + y * s * w + xo * s;
                    int best = first;
                    float max = in[first];
                    for (int i = 0; i < k; i++) {
                        int line = first + i * w;
                        for (int j = 0; j < k; j++) {
                            float v = in[line + j];
                            if (v > max || (v != v && max == max)) {
                                max = v;
                                best = line + j;
                            }
                        }
                    }
                    out[o] = max;
                    argmax[o] = best;
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
        float[] dx = gradInput.data;
        java.util.Arrays.fill(dx, 0, batch * geometry.inputSize(), 0f);
        float[] gd = g.data;
        for (int o = 0, n = batch * geometry.outputSize(); o < n; o++) {
            dx[argmax[o]] += gd[o];
        }
        return gradInput;
    }

    @Override
    public boolean randomIn(Mode mode) {
        return false;
    }

    @Override
    public int outputSize(int inputSize) {
        Pooling.checkWidth(geometry, inputSize, "max pooling");
        return geometry.outputSize();
    }
}
