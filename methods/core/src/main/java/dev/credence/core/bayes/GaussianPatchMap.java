package dev.credence.core.bayes;

import dev.credence.core.engine.ConvGeometry;
import dev.credence.core.engine.Mode;
import dev.credence.core.engine.PatchAffine;
import dev.credence.core.engine.PatchMap;
import dev.credence.core.engine.Param;
import dev.credence.core.random.Rng;

import java.util.Arrays;
import java.util.List;

/**
 * The patch map of a Gaussian convolution on column matrices ({@link PatchMap}): the K×C_out kernel posterior and
 * the bias posterior are those of a {@link GaussianAffineLayer} ({@link #affine()}: its KL, σ and pruning), whose
 * initialisation and parameters this map uses. This class is the weight-draw pass, which
 * {@link GradientEstimator#sampled_weights} uses in training and every estimator in {@link Mode#SAMPLE}: one draw
 * W = μ + σ∘ε, b (ε_W then ε_b) per pass, shared by every image and position, Y = Wᵀ·X + b; {@link Mode#MEAN} uses
 * μ. Backward: dL/dW = Σ_blocks X·gᵀ and dL/db = Σ row sums of g, gathered over the blocks into a K×C_out and a
 * C_out buffer and handed to the tensors at the end of the pass ({@link GaussianTensor#accumulateDrawGrad}); for μ
 * straight into μ's gradient. The subclasses replace the training pass ({@link #create}).
 */
class GaussianPatchMap implements PatchMap {
    private static final long serialVersionUID = 1L;

    /** The parameters and the posterior. */
    protected final GaussianAffineLayer affine;
    /** The convolution's sizes. */
    protected final ConvGeometry geometry;
    private transient float[] usedWeight;
    private transient float[] usedBias;
    private transient boolean drawn;
    private transient float[] drawGradWeight;
    private transient float[] drawGradBias;

    GaussianPatchMap(GaussianAffineLayer affine, ConvGeometry geometry) {
        this.affine = affine;
        this.geometry = geometry;
    }

    /**
     * @param affine   the posterior's dense layer (K → C_out, of the estimator)
     * @param geometry the sizes
     * @return the patch map of {@code affine}'s estimator
     */
    static GaussianPatchMap create(GaussianAffineLayer affine, ConvGeometry geometry) {
        return switch (affine.estimator()) {
            case sampled_weights -> new GaussianPatchMap(affine, geometry);
            case local_reparam -> new LocalReparamPatchMap(affine, geometry);
            case flipout -> new FlipoutPatchMap(affine, geometry);
        };
    }

    @Override
    public final void initialize(Rng rng) {
        affine.initialize(rng);
    }

    @Override
    public final List<Param> params() {
        return affine.params();
    }

    @Override
    public final boolean randomIn(Mode mode) {
        return affine.randomIn(mode);
    }

    /** K */
    protected final int k() {
        return geometry.patchSize();
    }

    /** C_out */
    protected final int cout() {
        return geometry.outChannels();
    }

    /** The weight-draw pass's start: draws W then b in a stochastic mode, else μ. */
    @Override
    public void beginForward(int batch, Mode mode, Rng rng) {
        drawn = mode.stochastic();
        GaussianTensor w = affine.weight();
        GaussianTensor b = affine.bias();
        usedWeight = drawn ? w.draw(rng).data : w.mu().value().data;
        usedBias = drawn ? b.draw(rng).data : b.mu().value().data;
    }

    @Override
    public void forwardBlock(float[] cols, int firstImage, int images, int n, float[] y, Rng rng) {
        PatchAffine.forward(usedWeight, usedBias, cols, k(), cout(), n, y);
    }

    @Override
    public void beginBackward() {
        if (drawn) {
            drawGradWeight = zeroed(drawGradWeight, k() * cout());
            drawGradBias = zeroed(drawGradBias, cout());
        }
    }

    @Override
    public void backwardBlock(float[] cols, float[] g, int firstImage, int images, int n, float[] gradCols) {
        float[] dw = drawn ? drawGradWeight : affine.weight().mu().grad().data;
        float[] db = drawn ? drawGradBias : affine.bias().mu().grad().data;
        PatchAffine.accumulateParamGrads(cols, g, k(), cout(), n, dw, db);
        if (gradCols != null) {
            PatchAffine.inputGrad(usedWeight, g, k(), cout(), n, gradCols);
        }
    }

    @Override
    public void endBackward() {
        if (drawn) {
            affine.weight().accumulateDrawGrad(drawGradWeight);
            affine.bias().accumulateDrawGrad(drawGradBias);
        }
    }

    /** @return {@code a} if it holds n floats, else a new array, its first n zeroed */
    protected static float[] zeroed(float[] a, int n) {
        float[] r = atLeast(a, n);
        Arrays.fill(r, 0, n, 0f);
        return r;
    }

    /** @return {@code a} if it holds n floats, else a new array (contents undefined) */
    protected static float[] atLeast(float[] a, int n) {
        return a != null && a.length >= n ? a : new float[n];
    }
}
