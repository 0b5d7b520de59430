package dev.credence.core.engine;

import dev.credence.core.kernel.Sgemm;
import org.ejml.MatrixDimensionException;
import org.ejml.data.FMatrixRMaj;

/**
 * The matrix products of the engine, in one place so the kernel can be swapped without touching the layers.
 * All outputs are reshaped by the callee; outputs must not alias inputs.
 *
 * <p>The work is done by {@link Sgemm}, a pure-Java blocked kernel (Vector API when the JVM has
 * {@code --add-modules jdk.incubator.vector}, a scalar fallback otherwise) whose results are bit-identical
 * whatever the thread count or machine; see its documentation for the numbers and the guarantees.
 */
public final class Gemm {
    private Gemm() {
    }

    /** c = a·b */
    public static void mult(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        if (a.numCols != b.numRows) {
            throw new MatrixDimensionException("mult: a is " + shape(a) + " but b is " + shape(b));
        }
        distinct(a, b, c);
        c.reshape(a.numRows, b.numCols);
        Sgemm.gemm(Sgemm.Op.NN, a.numRows, b.numCols, a.numCols, a.data, b.data, c.data, false);
    }

    /** c = aᵀ·b */
    public static void multTransA(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        if (a.numRows != b.numRows) {
            throw new MatrixDimensionException("multTransA: a is " + shape(a) + " but b is " + shape(b));
        }
        distinct(a, b, c);
        c.reshape(a.numCols, b.numCols);
        Sgemm.gemm(Sgemm.Op.TN, a.numCols, b.numCols, a.numRows, a.data, b.data, c.data, false);
    }

    /** c += aᵀ·b (c must already be a.numCols × b.numCols) */
    public static void multAddTransA(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        if (a.numRows != b.numRows) {
            throw new MatrixDimensionException("multAddTransA: a is " + shape(a) + " but b is " + shape(b));
        }
        if (c.numRows != a.numCols || c.numCols != b.numCols) {
            throw new MatrixDimensionException("multAddTransA: c is " + shape(c) + ", expected "
                    + a.numCols + "×" + b.numCols);
        }
        distinct(a, b, c);
        Sgemm.gemm(Sgemm.Op.TN, a.numCols, b.numCols, a.numRows, a.data, b.data, c.data, true);
    }

    /** c = a·bᵀ */
    public static void multTransB(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        if (a.numCols != b.numCols) {
            throw new MatrixDimensionException("multTransB: a is " + shape(a) + " but b is " + shape(b));
        }
        distinct(a, b, c);
        c.reshape(a.numRows, b.numRows);
        Sgemm.gemm(Sgemm.Op.NT, a.numRows, b.numRows, a.numCols, a.data, b.data, c.data, false);
    }

    private static void distinct(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        if (c == a || c == b || c.data == a.data || c.data == b.data) {
            throw new IllegalArgumentException("the output must not alias an input");
        }
    }

    private static String shape(FMatrixRMaj m) {
        return m.numRows + "×" + m.numCols;
    }
}
