package dev.credence.core.bayes;

import dev.credence.core.engine.Mode;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

/**
 * Gaussian-weight layer with one weight draw per stochastic pass in every mode (Blundell et al. 2015):
 * W = μ_W + σ_W∘ε_W, b = μ_b + σ_b∘ε_b, y = x·W + b, the draw shared by the whole minibatch. One GEMM forward,
 * two backward, plus one Gaussian draw per weight. Its ε are kept, so a Monte Carlo KL can use the same draw.
 */
public final class SampledWeightLayer extends GaussianAffineLayer {
    private static final long serialVersionUID = 1L;

    /**
     * @param name    parameter name prefix
     * @param in      input width
     * @param out     output width
     * @param rhoInit initial ρ
     */
    public SampledWeightLayer(String name, int in, int out, double rhoInit) {
        super(name, in, out, rhoInit);
    }

    @Override
    public GradientEstimator estimator() {
        return GradientEstimator.sampled_weights;
    }

    @Override
    public FMatrixRMaj forward(FMatrixRMaj x, Mode mode, Rng rng) {
        return forwardDrawn(x, mode, rng);
    }

    @Override
    public FMatrixRMaj backward(FMatrixRMaj g, boolean needInputGrad) {
        return backwardDrawn(g, needInputGrad);
    }
}
