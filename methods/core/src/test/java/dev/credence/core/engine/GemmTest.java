package dev.credence.core.engine;

import org.ejml.MatrixDimensionException;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Gemm's matrix-level contract: shapes, reshaping of reused outputs, accumulation, aliasing, and EJML agreement. */
class GemmTest {

    static FMatrixRMaj random(int rows, int cols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        FMatrixRMaj m = new FMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return m;
    }

    static void assertClose(FMatrixRMaj expected, FMatrixRMaj actual, double tol) {
        assertEquals(expected.numRows, actual.numRows, "rows");
        assertEquals(expected.numCols, actual.numCols, "columns");
        for (int i = 0; i < expected.getNumElements(); i++) {
            assertEquals(expected.data[i], actual.data[i], tol, "element " + i);
        }
    }

    @Test
    void productsAgreeWithEjmlAndReuseOutputsOfAnotherShape() {
        FMatrixRMaj out = new FMatrixRMaj(2, 2);
        long seed = 11;
        for (int[] s : new int[][]{{1, 1, 1}, {3, 7, 5}, {129, 401, 785}, {4, 2, 3}}) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            double tol = 1e-5 * k;
            FMatrixRMaj a = random(m, k, seed++);
            FMatrixRMaj b = random(k, n, seed++);
            FMatrixRMaj expected = new FMatrixRMaj(m, n);

            CommonOps_FDRM.mult(a, b, expected);
            Gemm.mult(a, b, out);
            assertClose(expected, out, tol);

            FMatrixRMaj at = random(k, m, seed++);
            CommonOps_FDRM.multTransA(at, b, expected);
            Gemm.multTransA(at, b, out);
            assertClose(expected, out, tol);

            FMatrixRMaj bt = random(n, k, seed++);
            CommonOps_FDRM.multTransB(a, bt, expected);
            Gemm.multTransB(a, bt, out);
            assertClose(expected, out, tol);

            FMatrixRMaj acc = random(m, n, seed++);
            FMatrixRMaj accExpected = acc.copy();
            CommonOps_FDRM.multAddTransA(at, b, accExpected);
            Gemm.multAddTransA(at, b, acc);
            assertClose(accExpected, acc, tol);
        }
    }

    @Test
    void multAddTransAAccumulatesOverCalls() {
        FMatrixRMaj a = random(9, 5, 1);
        FMatrixRMaj b = random(9, 3, 2);
        FMatrixRMaj once = new FMatrixRMaj(5, 3);
        Gemm.multTransA(a, b, once);
        FMatrixRMaj twice = new FMatrixRMaj(5, 3);
        Gemm.multAddTransA(a, b, twice);
        Gemm.multAddTransA(a, b, twice);
        for (int i = 0; i < once.data.length; i++) {
            assertEquals(2 * once.data[i], twice.data[i], 1e-5);
        }
    }

    @Test
    void repeatedCallsAreBitIdentical() {
        FMatrixRMaj a = random(128, 400, 3);
        FMatrixRMaj w = random(784, 400, 4);
        FMatrixRMaj first = new FMatrixRMaj(1, 1);
        Gemm.multTransB(a, w, first);
        for (int rep = 0; rep < 5; rep++) {
            FMatrixRMaj again = new FMatrixRMaj(1, 1);
            Gemm.multTransB(a, w, again);
            assertArrayEquals(first.data, again.data);
        }
    }

    @Test
    void shapeErrorsAndAliasingAreRejected() {
        FMatrixRMaj a = random(3, 4, 1);
        FMatrixRMaj b = random(5, 2, 2);
        assertThrows(MatrixDimensionException.class, () -> Gemm.mult(a, b, new FMatrixRMaj(1, 1)));
        assertThrows(MatrixDimensionException.class, () -> Gemm.multAddTransA(a, random(3, 2, 3), new FMatrixRMaj(3, 3)));
        FMatrixRMaj square = random(3, 3, 4);
        assertThrows(IllegalArgumentException.class, () -> Gemm.mult(square, square.copy(), square));
    }
}
