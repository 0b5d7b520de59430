package dev.credence.core.bayes;

import dev.credence.core.engine.Affine;
import dev.credence.core.engine.Buffers;
import dev.credence.core.engine.Mode;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

/**
 * Gaussian-weight layer with the local reparameterization trick (Kingma, Salimans &amp; Welling 2015). Given
 * x, the pre-activation of a mean-field Gaussian layer is itself Gaussian, so it is sampled directly, independently
 * per example: γ = x·μ_W + μ_b, δ = (x∘x)·σ_W² + σ_b², y = γ + √δ∘ζ, ζ ~ N(0, I) (both products through
 * {@link Affine}). With g = dL/dy and h = g∘ζ / (2√δ) = dL/dδ:
 * dL/dμ_W = xᵀ·g, dL/dμ_b = Σ_rows g, dL/dσ_W² = (x∘x)ᵀ·h, dL/dσ_b² = Σ_rows h, dL/dρ = dL/dσ² · 2σ·sigmoid(ρ),
 * dL/dx = g·μ_Wᵀ + 2x∘(h·σ_W²ᵀ). Forward: two GEMMs and B·out Gaussian draws; backward: four GEMMs.
 *
 * <p>Only {@link Mode#TRAIN} uses the local reparameterization; {@link Mode#SAMPLE} draws whole weight matrices
 * and {@link Mode#MEAN} uses μ (see {@link GaussianAffineLayer}).
 */
public final class LocalReparamLayer extends GaussianAffineLayer {
    private static final long serialVersionUID = 1L;
    /** ζ drawn per chunk and used at once, while still in L1. */
    private static final int NOISE_CHUNK = 4096;

    private transient FMatrixRMaj input;
    private transient FMatrixRMaj inputSquared;
    private transient FMatrixRMaj output;
    private transient FMatrixRMaj delta;
    private transient float[] zeta;
    private transient FMatrixRMaj gradDelta;
    private transient FMatrixRMaj gradVarW;
    private transient FMatrixRMaj gradVarB;
    private transient FMatrixRMaj gradInput;
    private transient FMatrixRMaj gradInputVar;
    private transient FMatrixRMaj weightVariance;
    private transient boolean local;

    /**
     * @param name    parameter name prefix
     * @param in      input width
     * @param out     output width
     * @param rhoInit initial ρ
     */
    public LocalReparamLayer(String name, int in, int out, double rhoInit) {
        super(name, in, out, rhoInit);
    }

    @Override
    public GradientEstimator estimator() {
        return GradientEstimator.local_reparam;
    }

    @Override
    public FMatrixRMaj forward(FMatrixRMaj x, Mode mode, Rng rng) {
        local = mode == Mode.TRAIN;
        if (!local) {
            return forwardDrawn(x, mode, rng);
        }
        input = x;
        int rows = x.numRows;
        int out = weight.cols();
        output = Buffers.ensure(output, rows, out);
        Affine.forward(x, weight.mu().value(), bias.mu().value(), output);
        inputSquared = Buffers.ensure(inputSquared, rows, x.numCols);
        float[] xs = x.data;
        float[] x2 = inputSquared.data;
        for (int i = 0, n = x.getNumElements(); i < n; i++) {
            x2[i] = xs[i] * xs[i];
        }
        delta = Buffers.ensure(delta, rows, out);
        weightVariance = weight.variance();
        Affine.forward(inputSquared, weightVariance, bias.variance(), delta);
        int n = rows * out;
        if (zeta == null || zeta.length < n) {
            zeta = new float[n];
        }
        float[] y = output.data;
        float[] d = delta.data;
        float[] z = zeta;
        for (int from = 0; from < n; from += NOISE_CHUNK) {
            int to = Math.min(n, from + NOISE_CHUNK);
            rng.fillGaussian(z, from, to - from);
            for (int i = from; i < to; i++) {
                float root = (float) Math.sqrt(Math.max(d[i], 0f));
                d[i] = root; // from here on delta holds √δ
                y[i] += root * z[i];
            }
        }
        return output;
    }

    @Override
    public FMatrixRMaj backward(FMatrixRMaj g, boolean needInputGrad) {
        if (!local) {
            return backwardDrawn(g, needInputGrad);
        }
        Affine.accumulateParamGrads(input, g, weight.mu().grad(), bias.mu().grad());
        gradDelta = Buffers.ensure(gradDelta, g.numRows, g.numCols);
        float[] gd = gradDelta.data;
        float[] gs = g.data;
        float[] sd = delta.data;
        for (int i = 0, n = g.getNumElements(); i < n; i++) {
            gd[i] = sd[i] > 0f ? gs[i] * zeta[i] / (2f * sd[i]) : 0f;
        }
        gradVarW = Buffers.ensure(gradVarW, weight.rows(), weight.cols());
        gradVarB = zeroed(gradVarB, 1, bias.cols());
        paramGrads(inputSquared, gradDelta, gradVarW, gradVarB);
        weight.accumulateVarianceGrad(gradVarW.data);
        bias.accumulateVarianceGrad(gradVarB.data);
        if (!needInputGrad) {
            return null;
        }
        gradInput = Buffers.ensure(gradInput, g.numRows, weight.rows());
        Affine.inputGrad(g, weight.mu().value(), gradInput);
        gradInputVar = Buffers.ensure(gradInputVar, g.numRows, weight.rows());
        Affine.inputGrad(gradDelta, weightVariance, gradInputVar);
        float[] gi = gradInput.data;
        float[] gv = gradInputVar.data;
        float[] xs = input.data;
        for (int i = 0, n = g.numRows * weight.rows(); i < n; i++) {
            gi[i] += 2f * xs[i] * gv[i];
        }
        return gradInput;
    }
}
