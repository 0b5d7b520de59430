package dev.credence.core.engine;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

import java.util.List;

/**
 * Base of the 2-d convolutions (cross-correlation, as in common deep-learning libraries) on B×(C·H·W) minibatches
 * of NCHW images, output B×(C_out·outH·outW), NCHW too. A convolution is a K → C_out affine layer, the <em>patch
 * map</em>, applied to every receptive field (K = C·kh·kw): forward = {@link Im2col#im2col} to the (B·P)×K patch
 * matrix (P = outH·outW), the patch map's forward on those B·P rows, then {@link Im2col#toChannelMajor}; backward =
 * {@link Im2col#toPositionMajor}, the patch map's backward (which adds its parameter gradients) and
 * {@link Im2col#col2im}. The subclass chooses the patch map: point-estimate weights ({@link Conv2d} holds a
 * {@link DenseLayer}) or any other affine layer whose rows are independent examples to it (the Gaussian-weight
 * layers of {@code core.bayes}); initialisation, parameters and randomness are the patch map's.
 *
 * <p>Memory: the patch matrix and its gradient are B·P·K floats each (for LeNet-5's first convolution at batch
 * 128: 128·784·25 floats, 10 MB each), the position-major output and its gradient B·P·C_out each; they live in
 * transient buffers that are reused, so a step allocates nothing here once the batch size is stable. The patch
 * matrix of the last forward pass is kept for the backward pass.
 */
public abstract class PatchConvolution implements Layer {
    private static final long serialVersionUID = 1L;

    private final ConvGeometry geometry;
    private final String weightName;
    private final Layer patchMap;
    private transient FMatrixRMaj patches;
    private transient FMatrixRMaj output;
    private transient FMatrixRMaj gradRows;
    private transient FMatrixRMaj gradInput;

    /**
     * @param weightName the kernel's name, for messages
     * @param geometry   the sizes
     * @param patchMap   the K → C_out affine layer, K = {@link ConvGeometry#patchSize()}
     */
    protected PatchConvolution(String weightName, ConvGeometry geometry, Layer patchMap) {
        if (patchMap.outputSize(geometry.patchSize()) != geometry.outChannels()) {
            throw new IllegalArgumentException(weightName + ": the patch map must map " + geometry.patchSize() + " to "
                    + geometry.outChannels() + " values");
        }
        this.geometry = geometry;
        this.weightName = weightName;
        this.patchMap = patchMap;
    }

    /** @return the sizes */
    public final ConvGeometry geometry() {
        return geometry;
    }

    /** @param rng stream for the patch map's initialisation (a dense layer of fan-in K = C·kh·kw) */
    @Override
    public final void initialize(Rng rng) {
        patchMap.initialize(rng);
    }

    @Override
    public final FMatrixRMaj forward(FMatrixRMaj x, Mode mode, Rng rng) {
        checkWidth(x.numCols);
        int batch = x.numRows;
        int positions = geometry.positions();
        if ((long) batch * positions * geometry.patchSize() > Buffers.MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException(weightName + ": the patch matrix of " + batch + " images ("
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
    public final FMatrixRMaj backward(FMatrixRMaj g, boolean needInputGrad) {
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

    /** @return the patch map's answer */
    @Override
    public final boolean randomIn(Mode mode) {
        return patchMap.randomIn(mode);
    }

    /** @return the patch map's parameters */
    @Override
    public final List<Param> params() {
        return patchMap.params();
    }

    @Override
    public final int outputSize(int inputSize) {
        checkWidth(inputSize);
        return geometry.outputSize();
    }

    private void checkWidth(int inputSize) {
        if (inputSize != geometry.inputSize()) {
            throw new IllegalArgumentException(weightName + " expects " + geometry.inChannels() + "×" + geometry.inHeight()
                    + "×" + geometry.inWidth() + " = " + geometry.inputSize() + " inputs, got " + inputSize);
        }
    }
}
