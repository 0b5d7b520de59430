package dev.credence.core.engine;

import org.ejml.data.FMatrixRMaj;

import java.io.Serializable;

/**
 * A trainable tensor and its gradient, same shape. {@code regularized} marks parameters that weight decay
 * and priors on "weights" apply to (weights yes, biases no).
 */
public final class Param implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final FMatrixRMaj value;
    private final FMatrixRMaj grad;
    private final boolean regularized;

    /**
     * @param name        a readable name, e.g. {@code "layer0.weight"}
     * @param rows        rows
     * @param cols        columns
     * @param regularized true for weights, false for biases
     */
    public Param(String name, int rows, int cols, boolean regularized) {
        this.name = name;
        this.value = new FMatrixRMaj(rows, cols);
        this.grad = new FMatrixRMaj(rows, cols);
        this.regularized = regularized;
    }

    /** @return the readable name */
    public String name() {
        return name;
    }

    /** @return the value matrix (mutable) */
    public FMatrixRMaj value() {
        return value;
    }

    /** @return the gradient matrix (mutable; layers accumulate into it) */
    public FMatrixRMaj grad() {
        return grad;
    }

    /** @return whether weight decay / weight priors apply */
    public boolean regularized() {
        return regularized;
    }

    /** @return number of scalars */
    public int size() {
        return value.data.length;
    }

    /** Sets the gradient to zero. */
    public void zeroGrad() {
        java.util.Arrays.fill(grad.data, 0f);
    }
}
