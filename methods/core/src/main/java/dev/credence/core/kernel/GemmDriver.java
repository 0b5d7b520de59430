package dev.credence.core.kernel;

/**
 * Computes a block of C = op(A)·op(B) (+ C). Every implementation gives each element of C the chain
 * {@code acc = fma(op(A)[i][p], op(B)[p][j], acc)} for p = 0 … k−1 in order, starting from 0 or from C's old
 * value, so they are interchangeable bit for bit.
 */
interface GemmDriver {
    /**
     * Computes the block rows [i0, i1) × columns [j0, j1) of C.
     *
     * @param op         which operands are transposed
     * @param m          rows of C
     * @param n          columns of C
     * @param k          inner dimension
     * @param a          A as stored (m×k, or k×m for {@link Sgemm.Op#TN}), row-major
     * @param b          B as stored (k×n, or n×k for {@link Sgemm.Op#NT}), row-major
     * @param c          C, m×n row-major
     * @param accumulate add to C instead of overwriting it
     * @param i0         first row of the block
     * @param i1         one past its last row
     * @param j0         first column
     * @param j1         one past its last column
     * @param ws         the calling thread's buffers
     */
    void run(Sgemm.Op op, int m, int n, int k, float[] a, float[] b, float[] c, boolean accumulate,
             int i0, int i1, int j0, int j1, BlockedSgemm.Workspace ws);
}
