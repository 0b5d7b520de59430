package dev.credence.core.engine;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

import java.util.List;

/**
 * A 2-d convolution (cross-correlation, as in common deep-learning libraries) with point-estimate kernels and one
 * bias per output channel, on B×(C·H·W) minibatches of NCHW images; the output is B×(C_out·outH·outW), NCHW too.
 *
 * <p>The weight is the K×C_out matrix W, K = C·kh·kw, row c·kh·kw + i·kw + j holding tap (i, j) of input channel c,
 * so the layer is a {@link DenseLayer} on the patches: forward = {@link Im2col#im2col} then {@link Affine#forward}
 * (one blocked GEMM of (B·P)×K by K×C_out, P = outH·outW) then {@link Im2col#toChannelMajor}; backward =
 * dW += patchesᵀ·g and db += column sums of g ({@link Affine#accumulateParamGrads}), d(patches) = g·Wᵀ and
 * dx = {@link Im2col#col2im}. It is initialised as the dense layers are ({@link Initializer#uniformFanIn}, fan_in = K).
 *
 * <p>Memory: the patch matrix and its gradient are B·P·K floats each (for LeNet-5's first convolution at batch
 * 128: 128·784·25 floats, 10 MB each), the position-major output and its gradient B·P·C_out each; they live in
 * transient buffers that are reused, so a step allocates nothing once the batch size is stable. The patch matrix
 * of the last forward pass is kept for the backward pass.
 */
public final class Conv2d implements Layer {
    private static final long serialVersionUID = 1L;

    private final ConvGeometry geometry;
    /** The K → C_out affine map every patch goes through: the kernel matrix and the bias. */
    private final DenseLayer patchMap;
    private transient FMatrixRMaj patches;
    private transient FMatrixRMaj output;
    private transient FMatrixRMaj gradRows;
    private transient FMatrixRMaj gradInput;

    /**
     * @param name     prefix of the parameter names
     * @param geometry the sizes
     */
    public Conv2d(String name, ConvGeometry geometry) {
        this.geometry = geometry;
        this.patchMap = new DenseLayer(name, geometry.patchSize(), geometry.outChannels());
    }

    /** @param rng stream for {@link Initializer#uniformFanIn}, as a dense layer of fan-in K = C·kh·kw */
    @Override
    public void initialize(Rng rng) {
        patchMap.initialize(rng);
    }

    /** @return the sizes */
    public ConvGeometry geometry() {
        return geometry;
    }

    /** @return the K×C_out kernel matrix */
    public Param weight() {
        return patchMap.weight();
    }

    /** @return the 1×C_out bias */
    public Param bias() {
        return patchMap.bias();
    }

    @Override
    public FMatrixRMaj forward(FMatrixRMaj x, Mode mode, Rng rng) {
        checkWidth(x.numCols);
        int batch = x.numRows;
        int positions = geometry.positions();
        if ((long) batch * positions * geometry.patchSize() > Buffers.MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException(weight().name() + ": the patch matrix of " + batch + " images ("
                    + batch + "·" + positions + "·" + geometry.patchSize() + " floats) is too large for one array");
        }
        patches = Buffers.ensure(patches, batch * positions, geometry.patchSize());
        Im2col.im2col(geometry, x.data, batch, patches.data);
        FMatrixRMaj rows = patchMap.forward(patches, mode, rng);
        output = Buffers.ensure(output, batch, geometry.outputSize());
        Im2col.toChannelMajor(rows.data, batch, positions, geometry.outChannels(), output.data);
        return output;
    }

    @Override
    public FMatrixRMaj backward(FMatrixRMaj g, boolean needInputGrad) {
        int batch = g.numRows;
        int positions = geometry.positions();
        gradRows = Buffers.ensure(gradRows, batch * positions, geometry.outChannels());
        Im2col.toPositionMajor(g.data, batch, positions, geometry.outChannels(), gradRows.data);
        FMatrixRMaj gradPatches = patchMap.backward(gradRows, needInputGrad);
        if (!needInputGrad) {
            return null;
        }
        gradInput = Buffers.ensure(gradInput, batch, geometry.inputSize());
        Im2col.col2im(geometry, gradPatches.data, batch, gradInput.data);
        return gradInput;
    }

    @Override
    public boolean randomIn(Mode mode) {
        return false;
    }

    @Override
    public List<Param> params() {
        return patchMap.params();
    }

    @Override
    public int outputSize(int inputSize) {
        checkWidth(inputSize);
        return geometry.outputSize();
    }

    private void checkWidth(int inputSize) {
        if (inputSize != geometry.inputSize()) {
            throw new IllegalArgumentException(weight().name() + " expects " + geometry.inChannels() + "×" + geometry.inHeight()
                    + "×" + geometry.inWidth() + " = " + geometry.inputSize() + " inputs, got " + inputSize);
        }
    }
}
