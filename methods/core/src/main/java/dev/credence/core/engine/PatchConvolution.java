package dev.credence.core.engine;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

import java.util.Arrays;
import java.util.List;

/**
 * Base of the 2-d convolutions (cross-correlation, as in common deep-learning libraries) on B×(C·H·W) minibatches
 * of NCHW images, output B×(C_out·outH·outW), NCHW too. A convolution is a K → C_out affine map, the <em>patch
 * map</em>, applied to every receptive field (K = C·kh·kw), computed with the kernel on the left: the images are
 * taken in blocks of {@link #imagesPerBlock} whole images, each block's column matrices ({@link Im2col#columns},
 * K × images·P, P = outH·outW) go through the patch map's Y = Wᵀ·X + b (C_out × images·P), and each image's C_out
 * runs of P outputs are copied to its NCHW row. Backward takes the same blocks: the columns again (recomputed from
 * the input, which a layer may keep until its backward pass), the gradient's runs gathered into C_out × images·P,
 * the patch map's backward (parameter gradients, and the column gradient) and {@link Im2col#addColumns}. The
 * subclass chooses the patch map: point-estimate kernels ({@link Conv2d}) or the Gaussian ones of
 * {@code core.bayes}; initialisation, parameters and randomness are the patch map's.
 *
 * <p>The block size depends on the geometry and B alone, never on the thread count, and every product goes through
 * the blocked SGEMM, so results are bit-identical at any number of threads.
 *
 * <p>Memory: four block buffers, the columns and their gradient (K·n floats each) and the block's output and
 * output gradient (C_out·n each), n = images per block × P ≤ max(P, {@value #BLOCK_FLOATS} / K); for LeNet-5's
 * first convolution (K = 25, P = 784, 13 images per block) 254 800 floats (1.0 MB) each for the columns and
 * 61 152 (245 KB) each for the outputs, for its second (K = 150, P = 100, 17 images) 255 000 and 27 200; plus the
 * B×(C_out·P) output and the B×(C·H·W) input gradient. The B·P·K patch matrix of a whole batch is never formed. They are reused, so a step allocates
 * nothing here once the batch size is stable.
 */
public abstract class PatchConvolution implements Layer {
    private static final long serialVersionUID = 2L;
    /** Floats of one block's column matrix, at most (unless one image needs more): 1 MB, about half an L2. */
    static final int BLOCK_FLOATS = 1 << 18;

    private final ConvGeometry geometry;
    private final String weightName;
    private final PatchMap patchMap;
    private transient FMatrixRMaj input;
    private transient float[] cols;
    private transient float[] blockOut;
    private transient float[] blockGrad;
    private transient float[] gradCols;
    private transient FMatrixRMaj output;
    private transient FMatrixRMaj gradInput;

    /**
     * @param weightName the kernel's name, for messages
     * @param geometry   the sizes
     * @param patchMap   the K → C_out affine map, K = {@link ConvGeometry#patchSize()}
     */
    protected PatchConvolution(String weightName, ConvGeometry geometry, PatchMap patchMap) {
        this.geometry = geometry;
        this.weightName = weightName;
        this.patchMap = patchMap;
    }

    /** @return the sizes */
    public final ConvGeometry geometry() {
        return geometry;
    }

    /**
     * @param geometry the sizes
     * @param batch    B
     * @return images per block: as many as fit {@link #BLOCK_FLOATS} floats of columns, at least 1, at most B
     */
    public static int imagesPerBlock(ConvGeometry geometry, int batch) {
        long perImage = (long) geometry.patchSize() * geometry.positions();
        return (int) Math.max(1, Math.min(batch, BLOCK_FLOATS / perImage));
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
        input = x;
        int per = ensureBlockBuffers(batch);
        output = Buffers.ensure(output, batch, geometry.outputSize());
        int p = geometry.positions();
        int cout = geometry.outChannels();
        int inSize = geometry.inputSize();
        int outSize = geometry.outputSize();
        float[] out = output.data;
        patchMap.beginForward(batch, mode, rng);
        for (int first = 0; first < batch; first += per) {
            int images = Math.min(per, batch - first);
            int n = images * p;
            for (int m = 0; m < images; m++) {
                Im2col.columns(geometry, x.data, (first + m) * inSize, cols, m * p, n);
            }
            patchMap.forwardBlock(cols, first, images, n, blockOut, rng);
            for (int m = 0; m < images; m++) {
                for (int o = 0; o < cout; o++) {
                    System.arraycopy(blockOut, o * n + m * p, out, (first + m) * outSize + o * p, p);
                }
            }
        }
        return output;
    }

    @Override
    public final FMatrixRMaj backward(FMatrixRMaj g, boolean needInputGrad) {
        int batch = g.numRows;
        if (input == null || input.numRows != batch) {
            throw new IllegalStateException(weightName + ": backward without a forward pass of " + batch + " images");
        }
        int per = ensureBlockBuffers(batch);
        int p = geometry.positions();
        int cout = geometry.outChannels();
        int inSize = geometry.inputSize();
        int outSize = geometry.outputSize();
        float[] dx = null;
        if (needInputGrad) {
            gradInput = Buffers.ensure(gradInput, batch, inSize);
            dx = gradInput.data;
            Arrays.fill(dx, 0, batch * inSize, 0f);
        }
        patchMap.beginBackward();
        for (int first = 0; first < batch; first += per) {
            int images = Math.min(per, batch - first);
            int n = images * p;
            for (int m = 0; m < images; m++) {
                Im2col.columns(geometry, input.data, (first + m) * inSize, cols, m * p, n);
                for (int o = 0; o < cout; o++) {
                    System.arraycopy(g.data, (first + m) * outSize + o * p, blockGrad, o * n + m * p, p);
                }
            }
            patchMap.backwardBlock(cols, blockGrad, first, images, n, needInputGrad ? gradCols : null);
            if (needInputGrad) {
                for (int m = 0; m < images; m++) {
                    Im2col.addColumns(geometry, gradCols, m * p, n, dx, (first + m) * inSize);
                }
            }
        }
        patchMap.endBackward();
        return needInputGrad ? gradInput : null;
    }

    /** Sizes the block buffers for B images; @return images per block */
    private int ensureBlockBuffers(int batch) {
        int per = imagesPerBlock(geometry, batch);
        int n = per * geometry.positions();
        long colFloats = (long) geometry.patchSize() * n;
        if (colFloats > Buffers.MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException(weightName + ": the column matrix of one image (" + colFloats
                    + " floats) is too large for one array");
        }
        cols = atLeast(cols, (int) colFloats);
        gradCols = atLeast(gradCols, (int) colFloats);
        blockOut = atLeast(blockOut, geometry.outChannels() * n);
        blockGrad = atLeast(blockGrad, geometry.outChannels() * n);
        return per;
    }

    private static float[] atLeast(float[] a, int n) {
        return a != null && a.length >= n ? a : new float[n];
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
