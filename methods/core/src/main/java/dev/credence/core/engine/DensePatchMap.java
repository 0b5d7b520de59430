package dev.credence.core.engine;

import dev.credence.core.random.Rng;

import java.util.List;

/**
 * The patch map of a point-estimate convolution: the K×C_out kernel matrix W and the 1×C_out bias, Y = Wᵀ·X + b,
 * dW += X·gᵀ, db += row sums of g, dX = W·g ({@link PatchAffine}); initialised as a dense layer of fan-in K
 * ({@link Initializer#uniformFanIn}). No buffers of its own.
 */
final class DensePatchMap implements PatchMap {
    private static final long serialVersionUID = 1L;

    private final Param weight;
    private final Param bias;

    /**
     * @param name prefix of the parameter names ({@code name.weight}, {@code name.bias})
     * @param k    K
     * @param cout C_out
     */
    DensePatchMap(String name, int k, int cout) {
        this.weight = new Param(name + ".weight", k, cout, true);
        this.bias = new Param(name + ".bias", 1, cout, false);
    }

    Param weight() {
        return weight;
    }

    Param bias() {
        return bias;
    }

    @Override
    public void initialize(Rng rng) {
        Initializer.uniformFanIn(weight, bias, rng);
    }

    @Override
    public List<Param> params() {
        return List.of(weight, bias);
    }

    @Override
    public boolean randomIn(Mode mode) {
        return false;
    }

    @Override
    public void beginForward(int batch, Mode mode, Rng rng) {
    }

    @Override
    public void forwardBlock(float[] cols, int firstImage, int images, int n, float[] y, Rng rng) {
        PatchAffine.forward(weight.value().data, bias.value().data, cols, k(), cout(), n, y);
    }

    @Override
    public void beginBackward() {
    }

    @Override
    public void backwardBlock(float[] cols, float[] g, int firstImage, int images, int n, float[] gradCols) {
        PatchAffine.accumulateParamGrads(cols, g, k(), cout(), n, weight.grad().data, bias.grad().data);
        if (gradCols != null) {
            PatchAffine.inputGrad(weight.value().data, g, k(), cout(), n, gradCols);
        }
    }

    @Override
    public void endBackward() {
    }

    private int k() {
        return weight.value().numRows;
    }

    private int cout() {
        return weight.value().numCols;
    }
}
