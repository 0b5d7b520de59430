package dev.credence.core.engine;

/**
 * Average pooling over each channel of B×(C·H·W) NCHW images ({@link PoolGeometry}): each output is the mean of
 * its window×window inputs (no padding, so every window is full). The backward pass spreads each output's
 * gradient evenly over its window; overlapping windows add up.
 */
public final class AvgPool2d extends PoolingLayer {
    private static final long serialVersionUID = 1L;

    /** @param geometry the sizes */
    public AvgPool2d(PoolGeometry geometry) {
        super(geometry, "average pooling");
    }

    @Override
    void pool(float[] in, int outputs, float[] out) {
        int w = geometry.inWidth();
        int k = geometry.window();
        float scale = 1f / (k * k);
        for (int o = 0; o < outputs; o++) {
            int first = windowStart(o);
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

    @Override
    void unpool(float[] gradOut, int outputs, float[] gradIn) {
        int w = geometry.inWidth();
        int k = geometry.window();
        float scale = 1f / (k * k);
        for (int o = 0; o < outputs; o++) {
            int first = windowStart(o);
            float share = gradOut[o] * scale;
            for (int i = 0; i < k; i++) {
                int line = first + i * w;
                for (int j = 0; j < k; j++) {
                    gradIn[line + j] += share;
                }
            }
        }
    }
}
