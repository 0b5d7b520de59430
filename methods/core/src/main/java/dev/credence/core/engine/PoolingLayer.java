package dev.credence.core.engine;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

/**
 * What the pooling layers share: the sizes ({@link PoolGeometry}), the input-width check, reused output and
 * input-gradient buffers, and the position of each output's window. Output o (in NCHW order over the B·C planes) pools
 * the window×window inputs starting at {@link #windowStart}; a subclass pools ({@link #pool}) and spreads the
 * gradient back ({@link #unpool}, into a zeroed buffer, overlapping windows adding up).
 */
abstract class PoolingLayer implements Layer {
    private static final long serialVersionUID = 1L;

    /** The sizes. */
    protected final PoolGeometry geometry;
    private final String what;
    private transient FMatrixRMaj output;
    private transient FMatrixRMaj gradInput;

    /**
     * @param geometry the sizes
     * @param what     the layer's kind, for messages ("max pooling")
     */
    PoolingLayer(PoolGeometry geometry, String what) {
        this.geometry = geometry;
        this.what = what;
    }

    /** @return the sizes */
    public final PoolGeometry geometry() {
        return geometry;
    }

    @Override
    public final FMatrixRMaj forward(FMatrixRMaj x, Mode mode, Rng rng) {
        checkWidth(x.numCols);
        output = Buffers.ensure(output, x.numRows, geometry.outputSize());
        pool(x.data, x.numRows * geometry.outputSize(), output.data);
        return output;
    }

    @Override
    public final FMatrixRMaj backward(FMatrixRMaj g, boolean needInputGrad) {
        if (!needInputGrad) {
            return null;
        }
        int batch = g.numRows;
        gradInput = Buffers.ensure(gradInput, batch, geometry.inputSize());
        java.util.Arrays.fill(gradInput.data, 0, batch * geometry.inputSize(), 0f);
        unpool(g.data, batch * geometry.outputSize(), gradInput.data);
        return gradInput;
    }

    /**
     * @param in      the minibatch's inputs
     * @param outputs B × the outputs per image
     * @param out     receives every output
     */
    abstract void pool(float[] in, int outputs, float[] out);

    /**
     * @param gradOut dLoss/dOutput of the last forward pass
     * @param outputs B × the outputs per image
     * @param gradIn  zeroed; receives dLoss/dInput
     */
    abstract void unpool(float[] gradOut, int outputs, float[] gradIn);

    /**
     * @param o an output's index
     * @return the index of its window's top-left input; the window's row i starts {@code i · inWidth} further on
     */
    final int windowStart(int o) {
        int perPlane = geometry.outHeight() * geometry.outWidth();
        int plane = o / perPlane;
        int rest = o - plane * perPlane;
        int y = rest / geometry.outWidth();
        int x = rest - y * geometry.outWidth();
        return plane * geometry.inHeight() * geometry.inWidth() + y * geometry.stride() * geometry.inWidth()
                + x * geometry.stride();
    }

    @Override
    public final boolean randomIn(Mode mode) {
        return false;
    }

    @Override
    public final int outputSize(int inputSize) {
        checkWidth(inputSize);
        return geometry.outputSize();
    }

    private void checkWidth(int inputSize) {
        if (inputSize != geometry.inputSize()) {
            throw new IllegalArgumentException(what + " expects " + geometry.channels() + "×" + geometry.inHeight() + "×"
                    + geometry.inWidth() + " = " + geometry.inputSize() + " inputs, got " + inputSize);
        }
    }
}
