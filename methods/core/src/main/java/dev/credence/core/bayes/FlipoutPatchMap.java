package dev.credence.core.bayes;

import dev.credence.core.engine.ConvGeometry;
import dev.credence.core.engine.Mode;
import dev.credence.core.engine.PatchAffine;
import dev.credence.core.random.Rng;

/**
 * Flipout for a convolution (Wen, Vicol, Ba, Tran &amp; Grosse 2018, §3.2) on column matrices: in {@link Mode#TRAIN}
 * one shared perturbation ΔW = σ_W∘ε_W and bias b = μ_b + σ_b∘ε_b per pass, and per image n one sign per input
 * channel, s_n ∈ {±1}^C, and one per output channel, r_n ∈ {±1}^C_out, shared by all its positions:
 * <pre>  Y_n = μ_Wᵀ·X_n + b + (ΔWᵀ·(S_n∘X_n))∘R_n,</pre>
 * S_n∘X_n scaling the rows of channel c by s_n[c], R_n the output rows by r_n; so image n sees the kernels
 * μ + ΔW∘(s_n r_nᵀ), one kernel draw for the whole image. Draws: ε_W, ε_b, then s of every image (B·C signs) and r
 * (B·C_out). Backward, with h = g∘R: dL/dμ_W += X·gᵀ, dL/dΔW += (S∘X)·hᵀ, dL/db += row sums of g (the last two
 * handed to the tensors at the end of the pass), dL/dX = μ_W·g + S∘(ΔW·h). Other modes are the weight-draw pass
 * ({@link GaussianPatchMap}).
 *
 * <p>Buffers: the signs (B·(C + C_out) floats), the flipped columns and ΔW·h (K·n each, n a block's columns),
 * the perturbation's output then h (C_out·n), and the K×C_out and C_out gradients of the draw.
 */
final class FlipoutPatchMap extends GaussianPatchMap {
    private static final long serialVersionUID = 1L;

    private transient boolean flipping;
    private transient float[] delta;
    private transient float[] drawnBias;
    private transient float[] channelSigns;
    private transient float[] filterSigns;
    private transient float[] flipped;
    private transient float[] blockValues;
    private transient float[] columnValues;
    private transient float[] gradDelta;
    private transient float[] gradBias;

    FlipoutPatchMap(GaussianAffineLayer affine, ConvGeometry geometry) {
        super(affine, geometry);
    }

    @Override
    public void beginForward(int batch, Mode mode, Rng rng) {
        flipping = mode == Mode.TRAIN;
        if (!flipping) {
            super.beginForward(batch, mode, rng);
            return;
        }
        delta = affine.weight().drawPerturbation(rng).data;
        drawnBias = affine.bias().draw(rng).data;
        int c = geometry.inChannels();
        channelSigns = atLeast(channelSigns, batch * c);
        filterSigns = atLeast(filterSigns, batch * cout());
        rng.fillSigns(channelSigns, 0, batch * c);
        rng.fillSigns(filterSigns, 0, batch * cout());
    }

    @Override
    public void forwardBlock(float[] cols, int firstImage, int images, int n, float[] y, Rng rng) {
        if (!flipping) {
            super.forwardBlock(cols, firstImage, images, n, y, rng);
            return;
        }
        PatchAffine.forward(affine.weight().mu().value().data, drawnBias, cols, k(), cout(), n, y);
        flipped = atLeast(flipped, k() * n);
        flip(cols, flipped, false, firstImage, images, n);
        blockValues = atLeast(blockValues, cout() * n);
        float[] perturbation = blockValues;
        PatchAffine.forward(delta, null, flipped, k(), cout(), n, perturbation);
        int p = geometry.positions();
        for (int o = 0; o < cout(); o++) {
            for (int m = 0; m < images; m++) {
                float r = filterSigns[(firstImage + m) * cout() + o];
                for (int i = o * n + m * p, end = i + p; i < end; i++) {
                    y[i] += perturbation[i] * r;
                }
            }
        }
    }

    @Override
    public void beginBackward() {
        if (!flipping) {
            super.beginBackward();
            return;
        }
        gradDelta = zeroed(gradDelta, k() * cout());
        gradBias = zeroed(gradBias, cout());
    }

    @Override
    public void backwardBlock(float[] cols, float[] g, int firstImage, int images, int n, float[] gradCols) {
        if (!flipping) {
            super.backwardBlock(cols, g, firstImage, images, n, gradCols);
            return;
        }
        float[] mu = affine.weight().mu().value().data;
        PatchAffine.accumulateParamGrads(cols, g, k(), cout(), n, affine.weight().mu().grad().data, gradBias);
        blockValues = atLeast(blockValues, cout() * n);
        float[] h = blockValues;
        int p = geometry.positions();
        for (int o = 0; o < cout(); o++) {
            for (int m = 0; m < images; m++) {
                float r = filterSigns[(firstImage + m) * cout() + o];
                for (int i = o * n + m * p, end = i + p; i < end; i++) {
                    h[i] = g[i] * r;
                }
            }
        }
        flipped = atLeast(flipped, k() * n);
        flip(cols, flipped, false, firstImage, images, n);
        PatchAffine.accumulateParamGrads(flipped, h, k(), cout(), n, gradDelta, null);
        if (gradCols == null) {
            return;
        }
        PatchAffine.inputGrad(mu, g, k(), cout(), n, gradCols);
        columnValues = atLeast(columnValues, k() * n);
        PatchAffine.inputGrad(delta, h, k(), cout(), n, columnValues);
        flip(columnValues, gradCols, true, firstImage, images, n);
    }

    @Override
    public void endBackward() {
        if (!flipping) {
            super.endBackward();
            return;
        }
        affine.weight().accumulatePerturbationGrad(gradDelta);
        affine.bias().accumulateDrawGrad(gradBias);
    }

    /** dst = S∘src (or dst += S∘src): row c·kh·kw + t of image m's columns times s_m[c]. */
    private void flip(float[] src, float[] dst, boolean add, int firstImage, int images, int n) {
        int taps = geometry.kernelH() * geometry.kernelW();
        int c = geometry.inChannels();
        int p = geometry.positions();
        for (int row = 0; row < k(); row++) {
            int channel = row / taps;
            for (int m = 0; m < images; m++) {
                float s = channelSigns[(firstImage + m) * c + channel];
                int from = row * n + m * p;
                if (add) {
                    for (int i = from, end = from + p; i < end; i++) {
                        dst[i] += src[i] * s;
                    }
                } else {
                    for (int i = from, end = from + p; i < end; i++) {
                        dst[i] = src[i] * s;
                    }
                }
            }
        }
    }
}
