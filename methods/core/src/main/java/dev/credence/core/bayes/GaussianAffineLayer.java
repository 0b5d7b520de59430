package dev.credence.core.bayes;

import dev.credence.core.engine.Affine;
import dev.credence.core.engine.Buffers;
import dev.credence.core.engine.Gemm;
import dev.credence.core.engine.Initializer;
import dev.credence.core.engine.Layer;
import dev.credence.core.engine.Mode;
import dev.credence.core.engine.Param;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

import java.util.Arrays;
import java.util.List;

/**
 * Base of the fully connected layers with mean-field Gaussian weights and biases, y = x·W + b with
 * W_jk ~ N(μ_jk, σ_jk²), b_k ~ N(μ_k, σ_k²), σ = softplus(ρ). Subclasses differ only in how they sample in
 * {@link Mode#TRAIN} (one weight draw per pass, the local reparameterization, or Flipout). In {@link Mode#SAMPLE} every
 * subclass draws one weight matrix per pass, W = μ + σ∘ε, shared by all rows (S passes = S sampled networks;
 * per example this is the same distribution the local reparameterization samples from, at one GEMM instead of
 * two); {@link Mode#MEAN} uses W = μ_W, b = μ_b.
 *
 * <p>The weight-draw pass goes through {@link Affine}; its backward is, with G = xᵀ·g = dL/dW,
 * dL/dμ_W = G, dL/dρ_W = G∘ε_W∘sigmoid(ρ_W) (likewise for b with the column sums of g), dL/dx = g·Wᵀ.
 *
 * <p>Initialisation: μ like the point-estimate MLP ({@link Initializer#uniformFanIn}), every ρ = {@code rhoInit}.
 */
public abstract class GaussianAffineLayer implements Layer {
    private static final long serialVersionUID = 1L;

    /** The weight posterior, in×out. */
    protected final GaussianTensor weight;
    /** The bias posterior, 1×out. */
    protected final GaussianTensor bias;
    private final float rhoInit;

    private transient FMatrixRMaj drawInput;
    private transient FMatrixRMaj drawOutput;
    private transient FMatrixRMaj drawGradInput;
    private transient FMatrixRMaj usedWeight;
    private transient FMatrixRMaj gradWeight;
    private transient FMatrixRMaj gradBias;
    private transient boolean drawn;

    /**
     * @param name    parameter name prefix
     * @param in      input width
     * @param out     output width
     * @param rhoInit initial ρ of every weight and bias
     */
    protected GaussianAffineLayer(String name, int in, int out, double rhoInit) {
        this.weight = new GaussianTensor(name + ".weight", in, out, true);
        this.bias = new GaussianTensor(name + ".bias", 1, out, false);
        this.rhoInit = (float) rhoInit;
    }

    /**
     * @param estimator how to sample
     * @param name      parameter name prefix
     * @param in        input width
     * @param out       output width
     * @param rhoInit   initial ρ
     * @return a new (uninitialised) layer
     */
    public static GaussianAffineLayer create(GradientEstimator estimator, String name, int in, int out, double rhoInit) {
        return switch (estimator) {
            case sampled_weights -> new SampledWeightLayer(name, in, out, rhoInit);
            case local_reparam -> new LocalReparamLayer(name, in, out, rhoInit);
            case flipout -> new FlipoutLayer(name, in, out, rhoInit);
        };
    }

    /** @return the estimator this layer implements */
    public abstract GradientEstimator estimator();

    /** @return the in×out weight posterior */
    public GaussianTensor weight() {
        return weight;
    }

    /** @return the 1×out bias posterior */
    public GaussianTensor bias() {
        return bias;
    }

    /** @return weight then bias */
    public List<GaussianTensor> tensors() {
        return List.of(weight, bias);
    }

    @Override
    public void initialize(Rng rng) {
        Initializer.uniformFanIn(weight.mu(), bias.mu(), rng);
        weight.fillRho(rhoInit);
        bias.fillRho(rhoInit);
    }

    @Override
    public List<Param> params() {
        return List.of(weight.mu(), weight.rho(), bias.mu(), bias.rho());
    }

    /**
     * The weight-draw pass: W = μ + σ∘ε (fresh ε) when {@code mode} is stochastic, else W = μ.
     *
     * @param x    B×in
     * @param mode mode
     * @param rng  stream for ε
     * @return B×out, owned by the layer
     */
    protected final FMatrixRMaj forwardDrawn(FMatrixRMaj x, Mode mode, Rng rng) {
        FMatrixRMaj out = startPass(x);
        drawn = mode.stochastic();
        if (drawn) {
            usedWeight = weight.draw(rng);
            Affine.forward(x, usedWeight, bias.draw(rng), out);
        } else {
            usedWeight = weight.mu().value();
            Affine.forward(x, usedWeight, bias.mu().value(), out);
        }
        return out;
    }

    /**
     * Remembers {@code x} as the input of this pass ({@link #passInput}) and returns the layer's output buffer,
     * reshaped to B×out: one buffer for every pass that uses it (the weight-draw pass, Flipout's training pass).
     *
     * @param x B×in
     * @return the B×out output buffer, owned by the layer
     */
    protected final FMatrixRMaj startPass(FMatrixRMaj x) {
        drawInput = x;
        drawOutput = Buffers.ensure(drawOutput, x.numRows, weight.cols());
        return drawOutput;
    }

    /** @return the input of the last {@link #startPass} */
    protected final FMatrixRMaj passInput() {
        return drawInput;
    }

    /**
     * Backward of the last {@link #forwardDrawn}.
     *
     * @param g             dL/dy
     * @param needInputGrad whether dL/dx is wanted
     * @return dL/dx or null
     */
    protected final FMatrixRMaj backwardDrawn(FMatrixRMaj g, boolean needInputGrad) {
        if (drawn) {
            FMatrixRMaj dw = weightDrawGradBuffer();
            Gemm.multTransA(drawInput, g, dw);
            weight.accumulateDrawGrad(dw.data);
            accumulateBiasDrawGrad(g);
        } else {
            Affine.accumulateParamGrads(drawInput, g, weight.mu().grad(), bias.mu().grad());
        }
        if (!needInputGrad) {
            return null;
        }
        FMatrixRMaj dx = inputGradBuffer(g.numRows);
        Affine.inputGrad(g, usedWeight, dx);
        return dx;
    }

    /**
     * Back-propagates dL/dy through the bias draw of the last pass: dL/db = the column sums of g, into
     * {@link GaussianTensor#accumulateDrawGrad}.
     *
     * @param g B×out, dL/dy
     */
    protected final void accumulateBiasDrawGrad(FMatrixRMaj g) {
        gradBias = zeroed(gradBias, 1, bias.cols());
        Affine.addColumnSums(g, gradBias.data);
        bias.accumulateDrawGrad(gradBias.data);
    }

    /** @return the layer's in×out buffer for dL/dW (or dL/dΔW) of a draw, contents undefined */
    protected final FMatrixRMaj weightDrawGradBuffer() {
        gradWeight = Buffers.ensure(gradWeight, weight.rows(), weight.cols());
        return gradWeight;
    }

    /**
     * @param rows B
     * @return the layer's B×in buffer for dL/dx of the passes that use {@link #startPass}, contents undefined
     */
    protected final FMatrixRMaj inputGradBuffer(int rows) {
        drawGradInput = Buffers.ensure(drawGradInput, rows, weight.rows());
        return drawGradInput;
    }

    /**
     * dW = xᵀ·g, overwritten (the same bits as accumulating into zeros, without the zeroing pass), and
     * db += the column sums of g.
     *
     * @param x  B×in
     * @param g  B×out
     * @param dw in×out, overwritten
     * @param db 1×out accumulator
     */
    protected static void paramGrads(FMatrixRMaj x, FMatrixRMaj g, FMatrixRMaj dw, FMatrixRMaj db) {
        Gemm.multTransA(x, g, dw);
        Affine.addColumnSums(g, db.data);
    }

    /**
     * @param m    a buffer or null
     * @param rows rows
     * @param cols columns
     * @return the buffer reshaped and zeroed
     */
    protected static FMatrixRMaj zeroed(FMatrixRMaj m, int rows, int cols) {
        FMatrixRMaj r = Buffers.ensure(m, rows, cols);
        Arrays.fill(r.data, 0, rows * cols, 0f);
        return r;
    }

    @Override
    public int outputSize(int inputSize) {
        if (inputSize != weight.rows()) {
            throw new IllegalArgumentException(weight.mu().name() + " expects " + weight.rows() + " inputs, got " + inputSize);
        }
        return weight.cols();
    }
}
