package dev.credence.core.engine;

import dev.credence.core.kernel.Elementwise;
import dev.credence.core.kernel.ElementwiseKernels;
import org.ejml.data.FMatrixRMaj;

/**
 * The affine map y = x·W + b and its backward pass, shared by every layer that multiplies by a weight
 * matrix (deterministic, dropout-wrapped or with sampled weights).
 */
public final class Affine {
    private static final Elementwise KERNEL = ElementwiseKernels.selected();

    private Affine() {
    }

    /**
     * out = x·w + b (b broadcast over rows).
     *
     * @param x   B×in
     * @param w   in×out
     * @param b   1×out
     * @param out B×out, reshaped
     */
    public static void forward(FMatrixRMaj x, FMatrixRMaj w, FMatrixRMaj b, FMatrixRMaj out) {
        Gemm.mult(x, w, out);
        addRowVector(out, b.data);
    }

    /**
     * Adds xᵀ·g to dW and the column sums of g to db.
     *
     * @param x  B×in, the forward input
     * @param g  B×out, dLoss/dOut
     * @param dw in×out accumulator
     * @param db 1×out accumulator
     */
    public static void accumulateParamGrads(FMatrixRMaj x, FMatrixRMaj g, FMatrixRMaj dw, FMatrixRMaj db) {
        Gemm.multAddTransA(x, g, dw);
        addColumnSums(g, db.data);
    }

    /**
     * dx = g·wᵀ.
     *
     * @param g  B×out
     * @param w  in×out
     * @param dx B×in, reshaped
     */
    public static void inputGrad(FMatrixRMaj g, FMatrixRMaj w, FMatrixRMaj dx) {
        Gemm.multTransB(g, w, dx);
    }

    /** Adds {@code v} to every row of {@code m}. */
    public static void addRowVector(FMatrixRMaj m, float[] v) {
        KERNEL.addToRows(m.data, m.numRows, m.numCols, v);
    }

    /** Adds the column sums of {@code m} to {@code acc}. */
    public static void addColumnSums(FMatrixRMaj m, float[] acc) {
        KERNEL.addColumnSums(m.data, m.numRows, m.numCols, acc);
    }
}
