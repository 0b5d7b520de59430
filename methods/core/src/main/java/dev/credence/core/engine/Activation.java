package dev.credence.core.engine;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

/**
 * An element-wise activation. Subclasses give f and f' expressed through the output y = f(x), which is all
 * ReLU, tanh and softplus need, so the backward pass reads only the stored output.
 */
public abstract class Activation implements Layer {
    private static final long serialVersionUID = 1L;

    private transient FMatrixRMaj output;
    private transient FMatrixRMaj gradInput;

    /** @return f(x) */
    protected abstract float apply(float x);

    /** @return f'(x) written in terms of y = f(x) */
    protected abstract float derivativeFromOutput(float y);

    /**
     * out[i] = f(in[i]) for i &lt; n. Subclasses may override with a faster loop giving the same values.
     *
     * @param in  inputs
     * @param out outputs
     * @param n   count
     */
    protected void applyAll(float[] in, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = apply(in[i]);
        }
    }

    /**
     * gradIn[i] = gradOut[i] · f'(x_i), with f' written through y = f(x), for i &lt; n. Subclasses may override
     * with a faster loop giving the same values.
     *
     * @param gradOut dL/dy
     * @param y       the stored outputs
     * @param gradIn  receives dL/dx
     * @param n       count
     */
    protected void backpropagateAll(float[] gradOut, float[] y, float[] gradIn, int n) {
        for (int i = 0; i < n; i++) {
            gradIn[i] = gradOut[i] * derivativeFromOutput(y[i]);
        }
    }

    @Override
    public FMatrixRMaj forward(FMatrixRMaj x, Mode mode, Rng rng) {
        output = Buffers.ensure(output, x.numRows, x.numCols);
        applyAll(x.data, output.data, x.getNumElements());
        return output;
    }

    @Override
    public FMatrixRMaj backward(FMatrixRMaj g, boolean needInputGrad) {
        if (!needInputGrad) {
            return null;
        }
        gradInput = Buffers.ensure(gradInput, g.numRows, g.numCols);
        backpropagateAll(g.data, output.data, gradInput.data, g.getNumElements());
        return gradInput;
    }

    @Override
    public boolean randomIn(Mode mode) {
        return false;
    }

    @Override
    public int outputSize(int inputSize) {
        return inputSize;
    }

    /** @param name "relu", "tanh" or "softplus" */
    public static Activation named(String name) {
        return switch (name) {
            case "relu" -> new Relu();
            case "tanh" -> new Tanh();
            case "softplus" -> new Softplus();
            default -> throw new IllegalArgumentException("unknown activation '" + name + "' (known: relu, tanh, softplus)");
        };
    }
}
