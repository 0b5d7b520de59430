package dev.credence.core.bayes;

import dev.credence.core.engine.Affine;
import dev.credence.core.engine.Buffers;
import dev.credence.core.engine.Gemm;
import dev.credence.core.engine.Mode;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

/**
 * Gaussian-weight layer with Flipout (Wen, Vicol, Ba, Tran &amp; Grosse 2018): one shared weight perturbation
 * ΔW = σ_W∘ε_W per pass, decorrelated across the examples of the minibatch by random signs. Row n of the output is
 * <pre>  y_n = x_n·μ_W + b + ((x_n∘s_n)·ΔW)∘r_n,   b = μ_b + σ_b∘ε_b,</pre>
 * with s_n ∈ {±1}^in and r_n ∈ {±1}^out fresh per example and pass (the draws come in the order ε_W, ε_b, S, R;
 * by default every row is an example, {@link FlipoutSigns#PER_ROW}; a convolution's Flipout is
 * {@link FlipoutPatchMap}). Example n thus sees the weights μ_W + ΔW∘(s_n r_nᵀ), which have the
 * posterior's distribution (ε∘(s rᵀ) is again N(0, I)), pseudo-independent of the other examples'. The bias is the shared draw b, the same
 * for every example, not flipped (as TensorFlow Probability's {@code DenseFlipout} does; flipping Δb by r_n would
 * be valid too). The kept ε make W = μ_W + ΔW and b the weight draw of the pass, so a Monte Carlo KL
 * ({@link KlDivergence#monteCarlo}) uses the same ε as the likelihood.
 *
 * <p>Backward, with g = dL/dy, X̃ = X∘S and h = g∘R = dL/d(X̃·ΔW): dL/dμ_W = Xᵀ·g, dL/dΔW = X̃ᵀ·h, so
 * dL/dρ_W = dL/dΔW∘ε_W∘sigmoid(ρ_W); dL/dμ_b = Σ_rows g, dL/dρ_b = Σ_rows g∘ε_b∘sigmoid(ρ_b);
 * dL/dx = g·μ_Wᵀ + (h·ΔWᵀ)∘S. Forward: two GEMMs, in·out + out Gaussian draws and B·(in + out) signs; backward:
 * four GEMMs (three without the input gradient).
 *
 * <p>Training buffers beyond the weight-draw path's: S and X̃ (B×in each; X̃'s buffer holds (h·ΔWᵀ) once dL/dΔW is
 * formed), R and X̃·ΔW (B×out each; the latter holds h in the backward pass). Only {@link Mode#TRAIN} flips;
 * {@link Mode#SAMPLE} draws whole weight matrices and {@link Mode#MEAN} uses μ (see {@link GaussianAffineLayer}).
 */
public final class FlipoutLayer extends GaussianAffineLayer {
    private static final long serialVersionUID = 2L;

    private final FlipoutSigns signs;
    private transient FMatrixRMaj inputSigns;
    private transient FMatrixRMaj flipped;
    private transient FMatrixRMaj outputSigns;
    private transient FMatrixRMaj perturbation;
    private transient FMatrixRMaj delta;
    private transient boolean flipping;

    /**
     * @param name    parameter name prefix
     * @param in      input width
     * @param out     output width
     * @param rhoInit initial ρ
     */
    public FlipoutLayer(String name, int in, int out, double rhoInit) {
        this(name, in, out, rhoInit, FlipoutSigns.PER_ROW);
    }

    /**
     * @param name    parameter name prefix
     * @param in      input width
     * @param out     output width
     * @param rhoInit initial ρ
     * @param signs   how the signs are laid over the rows (which rows are one example)
     */
    public FlipoutLayer(String name, int in, int out, double rhoInit, FlipoutSigns signs) {
        super(name, in, out, rhoInit);
        this.signs = java.util.Objects.requireNonNull(signs, "signs");
    }

    @Override
    public GradientEstimator estimator() {
        return GradientEstimator.flipout;
    }

    @Override
    public FMatrixRMaj forward(FMatrixRMaj x, Mode mode, Rng rng) {
        flipping = mode == Mode.TRAIN;
        if (!flipping) {
            return forwardDrawn(x, mode, rng);
        }
        int rows = x.numRows;
        int in = weight.rows();
        int out = weight.cols();
        FMatrixRMaj y = startPass(x);
        delta = weight.drawPerturbation(rng);
        Affine.forward(x, weight.mu().value(), bias.draw(rng), y);
        inputSigns = Buffers.ensure(inputSigns, rows, in);
        outputSigns = Buffers.ensure(outputSigns, rows, out);
        signs.fill(rng, inputSigns.data, outputSigns.data, rows, in, out);
        flipped = Buffers.ensure(flipped, rows, in);
        multiply(x.data, inputSigns.data, flipped.data, rows * in);
        perturbation = Buffers.ensure(perturbation, rows, out);
        Gemm.mult(flipped, delta, perturbation);
        float[] yd = y.data;
        float[] p = perturbation.data;
        float[] r = outputSigns.data;
        for (int i = 0, n = rows * out; i < n; i++) {
            yd[i] += p[i] * r[i];
        }
        return y;
    }

    @Override
    public FMatrixRMaj backward(FMatrixRMaj g, boolean needInputGrad) {
        if (!flipping) {
            return backwardDrawn(g, needInputGrad);
        }
        FMatrixRMaj x = passInput();
        int rows = g.numRows;
        Gemm.multAddTransA(x, g, weight.mu().grad());
        accumulateBiasDrawGrad(g);
        FMatrixRMaj h = perturbation; // X̃·ΔW is not needed any more: the buffer now holds h = g∘R
        multiply(g.data, outputSigns.data, h.data, rows * weight.cols());
        FMatrixRMaj dDelta = weightDrawGradBuffer();
        Gemm.multTransA(flipped, h, dDelta);
        weight.accumulatePerturbationGrad(dDelta.data);
        if (!needInputGrad) {
            return null;
        }
        FMatrixRMaj dx = inputGradBuffer(rows);
        Affine.inputGrad(g, weight.mu().value(), dx);
        FMatrixRMaj dxFlipped = flipped; // X̃ is not needed any more: the buffer now holds h·ΔWᵀ
        Affine.inputGrad(h, delta, dxFlipped);
        float[] d = dx.data;
        float[] f = dxFlipped.data;
        float[] s = inputSigns.data;
        for (int i = 0, n = rows * weight.rows(); i < n; i++) {
            d[i] += f[i] * s[i];
        }
        return dx;
    }

    /** c[0..n) = a ∘ b. */
    private static void multiply(float[] a, float[] b, float[] c, int n) {
        for (int i = 0; i < n; i++) {
            c[i] = a[i] * b[i];
        }
    }
}
