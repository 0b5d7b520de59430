package dev.credence.core.engine;

/**
 * Max pooling over each channel of B×(C·H·W) NCHW images ({@link PoolGeometry}); the output is B×(C·outH·outW).
 * The backward pass sends each output's gradient to the input that was the maximum of its window (the first one
 * in row-major window order on ties; overlapping windows add up). A NaN in a window is the window's maximum, so
 * divergence propagates. The argmax indices of the last forward pass are kept in a reused buffer.
 */
public final class MaxPool2d extends PoolingLayer {
    private static final long serialVersionUID = 1L;

    private transient int[] argmax;

    /** @param geometry the sizes */
    public MaxPool2d(PoolGeometry geometry) {
        super(geometry, "max pooling");
    }

    @Override
    void pool(float[] in, int outputs, float[] out) {
        if (argmax == null || argmax.length < outputs) {
            argmax = new int[outputs];
        }
        int w = geometry.inWidth();
        int k = geometry.window();
        for (int o = 0; o < outputs; o++) {
            int first = windowStart(o);
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

    @Override
    void unpool(float[] gradOut, int outputs, float[] gradIn) {
        for (int o = 0; o < outputs; o++) {
            gradIn[argmax[o]] += gradOut[o];
        }
    }
}
