package dev.credence.core.bayes;

import dev.credence.core.engine.ConvGeometry;
import dev.credence.core.engine.Mode;
import dev.credence.core.engine.PatchAffine;
import dev.credence.core.random.Rng;

/**
 * The local reparameterization for a convolution (Shridhar, Laumann &amp; Liwicki 2019) on column matrices: in
 * {@link Mode#TRAIN} every output is sampled on its own, Y = γ + √δ∘ζ with γ = μ_Wᵀ·X + μ_b and
 * δ = (σ_W²)ᵀ·(X∘X) + σ_b², ζ ~ N(0, 1) drawn block by block in the blocks' C_out × images·P order. With
 * h = g∘ζ / (2√δ): dL/dμ_W += X·gᵀ, dL/dμ_b += row sums of g, dL/dσ² += (X∘X)·hᵀ (and row sums of h), handed to the
 * tensors at the end of the pass ({@link GaussianTensor#accumulateVarianceGrad}); dL/dX = μ_W·g + 2X∘(σ_W²·h).
 * Other modes are the weight-draw pass ({@link GaussianPatchMap}).
 *
 * <p>Buffers: √δ and ζ of the whole pass (B·C_out·P floats each, kept for the backward pass), X∘X and σ_W²·h
 * (K·n each, n a block's columns), δ then h (C_out·n), and the K×C_out and C_out variance gradients.
 */
final class LocalReparamPatchMap extends GaussianPatchMap {
    private static final long serialVersionUID = 1L;
    /** ζ drawn per chunk and used at once, while still in L1. */
    private static final int NOISE_CHUNK = 4096;

    private transient boolean local;
    private transient float[] weightVariance;
    private transient float[] biasVariance;
    private transient float[] root;
    private transient float[] zeta;
    private transient float[] squared;
    private transient float[] blockValues;
    private transient float[] columnValues;
    private transient float[] gradVarW;
    private transient float[] gradVarB;

    LocalReparamPatchMap(GaussianAffineLayer affine, ConvGeometry geometry) {
        super(affine, geometry);
    }

    @Override
    public void beginForward(int batch, Mode mode, Rng rng) {
        local = mode == Mode.TRAIN;
        if (!local) {
            super.beginForward(batch, mode, rng);
            return;
        }
        weightVariance = affine.weight().variance().data;
        biasVariance = affine.bias().variance().data;
        int n = batch * cout() * geometry.positions();
        root = atLeast(root, n);
        zeta = atLeast(zeta, n);
    }

    @Override
    public void forwardBlock(float[] cols, int firstImage, int images, int n, float[] y, Rng rng) {
        if (!local) {
            super.forwardBlock(cols, firstImage, images, n, y, rng);
            return;
        }
        PatchAffine.forward(affine.weight().mu().value().data, affine.bias().mu().value().data, cols, k(), cout(), n, y);
        square(cols, k() * n);
        blockValues = atLeast(blockValues, cout() * n);
        float[] d = blockValues;
        PatchAffine.forward(weightVariance, biasVariance, squared, k(), cout(), n, d);
        int at = firstImage * cout() * geometry.positions();
        float[] z = zeta;
        float[] r = root;
        for (int from = 0, count = cout() * n; from < count; from += NOISE_CHUNK) {
            int to = Math.min(count, from + NOISE_CHUNK);
            rng.fillGaussian(z, at + from, to - from);
            for (int i = from; i < to; i++) {
                float sd = (float) Math.sqrt(Math.max(d[i], 0f));
                r[at + i] = sd;
                y[i] += sd * z[at + i];
            }
        }
    }

    @Override
    public void beginBackward() {
        if (!local) {
            super.beginBackward();
            return;
        }
        gradVarW = zeroed(gradVarW, k() * cout());
        gradVarB = zeroed(gradVarB, cout());
    }

    @Override
    public void backwardBlock(float[] cols, float[] g, int firstImage, int images, int n, float[] gradCols) {
        if (!local) {
            super.backwardBlock(cols, g, firstImage, images, n, gradCols);
            return;
        }
        float[] mu = affine.weight().mu().value().data;
        PatchAffine.accumulateParamGrads(cols, g, k(), cout(), n, affine.weight().mu().grad().data,
                affine.bias().mu().grad().data);
        blockValues = atLeast(blockValues, cout() * n);
        float[] h = blockValues;
        int at = firstImage * cout() * geometry.positions();
        for (int i = 0, count = cout() * n; i < count; i++) {
            float sd = root[at + i];
            h[i] = sd > 0f ? g[i] * zeta[at + i] / (2f * sd) : 0f;
        }
        square(cols, k() * n);
        PatchAffine.accumulateParamGrads(squared, h, k(), cout(), n, gradVarW, gradVarB);
        if (gradCols == null) {
            return;
        }
        PatchAffine.inputGrad(mu, g, k(), cout(), n, gradCols);
        columnValues = atLeast(columnValues, k() * n);
        float[] v = columnValues;
        PatchAffine.inputGrad(weightVariance, h, k(), cout(), n, v);
        for (int i = 0, count = k() * n; i < count; i++) {
            gradCols[i] += 2f * cols[i] * v[i];
        }
    }

    @Override
    public void endBackward() {
        if (!local) {
            super.endBackward();
            return;
        }
        affine.weight().accumulateVarianceGrad(gradVarW);
        affine.bias().accumulateVarianceGrad(gradVarB);
    }

    private void square(float[] cols, int count) {
        squared = atLeast(squared, count);
        float[] s = squared;
        for (int i = 0; i < count; i++) {
            s[i] = cols[i] * cols[i];
        }
    }
}
