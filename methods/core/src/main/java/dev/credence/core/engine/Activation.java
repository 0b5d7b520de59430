package dev.credence.core.engine;

import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

/**
 * An element-wise activation. Subclasses give f and f' expressed through the output y = f(x), which is all
 * ReLU and tanh need, so the backward pass reads only the stored output.
 */
public abstract class Activation implements Layer {
    private static final long serialVersionUID = 1L;

    private transient FMatrixRMaj output;
    private transient FMatrixRMaj gradInput;

    /** @return f(x) */
    protected abstract float apply(float x);

    /** @return f'(x) written in terms of y = f(x) */
    protected abstract float derivativeFromOutput(float y);

    @Override
    public FMatrixRMaj forward(FMatrixRMaj x, Mode mode, Rng rng) {
        output = Buffers.ensure(output, x.numRows, x.numCols);
        float[] in = x.data;
        float[] out = output.data;
        for (int i = 0, n = x.getNumElements(); i < n; i++) {
            out[i] = apply(in[i]);
        }
        return output;
    }

    @Override
    public FMatrixRMaj backward(FMatrixRMaj g, boolean needInputGrad) {
        if (!needInputGrad) {
            return null;
        }
        gradInput = Buffers.ensure(gradInput, g.numRows, g.numCols);
        float[] y = output.data;
        float[] gi = g.data;
        float[] go = gradInput.data;
        for (int i = 0, n = g.getNumElements(); i < n; i++) {
            go[i] = gi[i] * derivativeFromOutput(y[i]);
        }
        return gradInput;
    }

    @Override
    public int outputSize(int inputSize) {
        return inputSize;
    }

    /** @param name "relu" or "tanh" */
    public static Activation named(String name) {
        return switch (name) {
            case "relu" -> new Relu();
            case "tanh" -> new Tanh();
            default -> throw new IllegalArgumentException("unknown activation '" + name + "' (known: relu, tanh)");
        };
    }
}
