package dev.credence.methods.laplace;

import org.ejml.data.DMatrixRBlock;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DSubmatrixD1;
import org.ejml.dense.block.MatrixOps_DDRB;
import org.ejml.dense.block.TriangularSolver_DDRB;
import org.ejml.dense.block.decomposition.chol.CholeskyOuterForm_DDRB;

/**
 * The Cholesky factorisation and the inverse of its factor, done by EJML's blocked (DDRB) routines (ejml-ddense).
 * What is here only moves a row-major {@code double[]} in and out of EJML and turns EJML's {@code false} into an
 * exception.
 */
final class DenseAlgebra {

    private DenseAlgebra() {
    }

    /**
     * Factors A = L Lᵀ and overwrites {@code a} with V = L⁻¹ (lower triangular, strict upper triangle zero), in
     * place: the row-major array is converted to EJML's block layout, factored by {@link CholeskyOuterForm_DDRB},
     * inverted by {@link TriangularSolver_DDRB#invert(int, boolean, DSubmatrixD1, pabeles.concurrency.GrowArray)}
     * and converted back, so no second n×n array is allocated.
     *
     * @param a    n×n symmetric positive definite, row-major; overwritten by L⁻¹
     * @param n    order
     * @param what names the matrix in the exception
     * @throws NotPositiveDefiniteException when the factorisation meets a pivot that is not positive (or not finite)
     */
    static void invertCholeskyFactorInPlace(double[] a, int n, String what) {
        checkSquare(a, n);
        DMatrixRMaj rows = DMatrixRMaj.wrap(n, n, a);
        DMatrixRBlock block = MatrixOps_DDRB.convertInplace(rows, null, null);
        if (!new CholeskyOuterForm_DDRB(true).decompose(block)) {
            throw new NotPositiveDefiniteException(what + " is not positive definite (Cholesky found a pivot ≤ 0)");
        }
        // EJML stops only at a pivot ≤ 0; a NaN or infinite entry would pass through, so check the factor's diagonal
        for (int i = 0; i < n; i++) {
            double lii = block.get(i, i);
            if (!(lii > 0) || Double.isInfinite(lii)) {
                throw new NotPositiveDefiniteException(what + " is not positive definite: L[" + i + "][" + i + "] = " + lii);
            }
        }
        TriangularSolver_DDRB.invert(block.blockLength, false, new DSubmatrixD1(block), null);
        MatrixOps_DDRB.convertInplace(block, rows, null);
    }

    private static void checkSquare(double[] a, int n) {
        if (a.length != n * n) {
            throw new IllegalArgumentException("array of " + a.length + " values is not " + n + "×" + n);
        }
    }
}
