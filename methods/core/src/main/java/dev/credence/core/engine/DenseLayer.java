package dev.credence.core.engine;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

import java.util.List;

/** A fully connected layer y = x·W + b with point-estimate weights. */
public final class DenseLayer implements Layer {
    private static final long serialVersionUID = 1L;

    private final Param weight;
    private final Param bias;
    private transient FMatrixRMaj input;
    private transient FMatrixRMaj output;
    private transient FMatrixRMaj gradInput;

    /**
     * @param name prefix of the parameter names
     * @param in   input width
     * @param out  output width
     */
    public DenseLayer(String name, int in, int out) {
        this.weight = new Param(name + ".weight", in, out, true);
        this.bias = new Param(name + ".bias", 1, out, false);
    }

    /** @param rng stream for {@link Initializer#uniformFanIn} */
    @Override
    public void initialize(Rng rng) {
        Initializer.uniformFanIn(weight, bias, rng);
    }

    /** @return the in×out weight */
    public Param weight() {
        return weight;
    }

    /** @return the 1×out bias */
    public Param bias() {
        return bias;
    }

    @Override
    public FMatrixRMaj forward(FMatrixRMaj x, Mode mode, Rng rng) {
        input = x;
        output = Buffers.ensure(output, x.numRows, weight.value().numCols);
        Affine.forward(x, weight.value(), bias.value(), output);
        return output;
    }

    @Override
    public FMatrixRMaj backward(FMatrixRMaj g, boolean needInputGrad) {
        Affine.accumulateParamGrads(input, g, weight.grad(), bias.grad());
        if (!needInputGrad) {
            return null;
        }
        gradInput = Buffers.ensure(gradInput, g.numRows, weight.value().numRows);
        Affine.inputGrad(g, weight.value(), gradInput);
        return gradInput;
    }

    @Override
    public boolean randomIn(Mode mode) {
        return false;
    }

    @Override
    public List<Param> params() {
        return List.of(weight, bias);
    }

    @Override
    public int outputSize(int inputSize) {
        if (inputSize != weight.value().numRows) {
            throw new IllegalArgumentException(weight.name() + " expects " + weight.value().numRows + " inputs, got " + inputSize);
        }
        return weight.value().numCols;
    }
}
