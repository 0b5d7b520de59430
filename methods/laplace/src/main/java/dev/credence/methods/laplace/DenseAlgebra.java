package dev.credence.methods.laplace;

import org.ejml.data.DMatrixRBlock;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DSubmatrixD1;
import org.ejml.dense.block.MatrixOps_DDRB;
import org.ejml.dense.block.TriangularSolver_DDRB;
import org.ejml.dense.block.decomposition.chol.CholeskyOuterForm_DDRB;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.Arrays;

/**
 * The package's double-precision dense algebra, all of it done by EJML (ejml-ddense): the Cholesky factorisation and
 * the inverse of its factor by EJML's blocked (DDRB) routines, the symmetric eigendecomposition by
 * {@link DecompositionFactory_DDRM#eig(int, boolean, boolean)}. What is here only moves row-major {@code double[]}
 * in and out of EJML, orders eigenpairs ascending, and turns EJML's {@code false} into an exception.
 */
final class DenseAlgebra {

    /**
     * A = U diag(values) Uᵀ.
     *
     * @param n       order
     * @param values  eigenvalues, ascending
     * @param vectors n×n row-major; row i is the unit eigenvector of values[i]
     */
    record SymmetricEigen(int n, double[] values, double[] vectors) {
    }

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

    /**
     * @param a n×n symmetric, row-major; not modified
     * @param n order
     * @return the eigenvalues, ascending
     */
    static double[] symmetricEigenvalues(double[] a, int n) {
        EigenDecomposition_F64<DMatrixRMaj> eig = decompose(a, n, false);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = eig.getEigenvalue(i).real;
        }
        Arrays.sort(values);
        return values;
    }

    /**
     * @param a n×n symmetric, row-major; not modified
     * @param n order
     * @return eigenvalues (ascending) and eigenvectors
     */
    static SymmetricEigen symmetricEigen(double[] a, int n) {
        EigenDecomposition_F64<DMatrixRMaj> eig = decompose(a, n, true);
        Integer[] order = new Integer[n];
        double[] raw = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            raw[i] = eig.getEigenvalue(i).real;
        }
        Arrays.sort(order, (i, j) -> Double.compare(raw[i], raw[j]));
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int i = 0; i < n; i++) {
            values[i] = raw[order[i]];
            System.arraycopy(eig.getEigenVector(order[i]).data, 0, vectors, i * n, n);
        }
        return new SymmetricEigen(n, values, vectors);
    }

    private static EigenDecomposition_F64<DMatrixRMaj> decompose(double[] a, int n, boolean vectors) {
        checkSquare(a, n);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, vectors, true);
        double[] work = eig.inputModified() ? a.clone() : a; // EJML's symmetric tridiagonalisations overwrite it
        if (!eig.decompose(DMatrixRMaj.wrap(n, n, work))) {
            throw new ArithmeticException("symmetric eigendecomposition of order " + n + " did not converge");
        }
        return eig;
    }

    private static void checkSquare(double[] a, int n) {
        if (a.length != n * n) {
            throw new IllegalArgumentException("array of " + a.length + " values is not " + n + "×" + n);
        }
    }
}
