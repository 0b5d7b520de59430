package dev.credence.methods.laplace;

/**
 * Dense Cholesky factorisation A = L Lᵀ in double, in place on a row-major n×n array, and the in-place inverse of
 * the factor. Both are blocked ({@value #BLOCK} columns) so the bulk of the n³/3 multiply-adds are row updates of
 * the form {@code row[j] −= Σ_p s_p·panel_p[j]} over contiguous arrays, which the JIT vectorises.
 */
public final class Cholesky {
    /** Columns per panel. */
    static final int BLOCK = 64;
    /** Columns of the trailing matrix updated per pass, so a panel tile (BLOCK × TILE doubles) stays in L2. */
    private static final int TILE = 256;

    private Cholesky() {
    }

    /**
     * Overwrites the lower triangle of {@code a} with L (A = L Lᵀ) and zeroes the strict upper triangle. Only the
     * lower triangle of A is read.
     *
     * @param a    n×n symmetric positive definite, row-major
     * @param n    order
     * @param what names the matrix in the exception
     * @throws NotPositiveDefiniteException when a pivot is not positive
     */
    public static void factorInPlace(double[] a, int n, String what) {
        double[] panel = new double[BLOCK * n];
        for (int kb = 0; kb < n; kb += BLOCK) {
            int nb = Math.min(BLOCK, n - kb);
            factorDiagonalBlock(a, n, kb, nb, what);
            int below = kb + nb;
            solvePanel(a, n, kb, nb, below);
            updateTrailing(a, n, kb, nb, below, panel);
        }
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(a, i * n + i + 1, (i + 1) * n, 0.0);
        }
    }

    /** Unblocked Cholesky of rows/columns kb..kb+nb−1, already updated by the earlier panels. */
    private static void factorDiagonalBlock(double[] a, int n, int kb, int nb, String what) {
        for (int i = kb; i < kb + nb; i++) {
            int ri = i * n;
            for (int j = kb; j <= i; j++) {
                int rj = j * n;
                double s = a[ri + j];
                for (int p = kb; p < j; p++) {
                    s -= a[ri + p] * a[rj + p];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new NotPositiveDefiniteException(what + " is not positive definite: pivot " + i + " is " + s);
                    }
                    a[ri + i] = Math.sqrt(s);
                } else {
                    a[ri + j] = s / a[rj + j];
                }
            }
        }
    }

    /** L21 = A21 L11⁻ᵀ for the rows below the diagonal block (forward substitution per row). */
    private static void solvePanel(double[] a, int n, int kb, int nb, int below) {
        for (int i = below; i < n; i++) {
            int ri = i * n;
            for (int j = kb; j < kb + nb; j++) {
                int rj = j * n;
                double s = a[ri + j];
                for (int p = kb; p < j; p++) {
                    s -= a[ri + p] * a[rj + p];
                }
                a[ri + j] = s / a[rj + j];
            }
        }
    }

    /** A22 −= L21 L21ᵀ on the lower triangle, through the transposed, negated panel. */
    private static void updateTrailing(double[] a, int n, int kb, int nb, int below, double[] panel) {
        int m = n - below;
        if (m <= 0) {
            return;
        }
        for (int j = 0; j < m; j++) {
            int rj = (below + j) * n + kb;
            for (int p = 0; p < nb; p++) {
                panel[p * m + j] = -a[rj + p];
            }
        }
        for (int jt = 0; jt < m; jt += TILE) {
            for (int i = jt; i < m; i++) {
                int ri = (below + i) * n;
                addCombination(a, ri + below, a, ri + kb, nb, panel, 0, m, jt, Math.min(jt + TILE, i + 1));
            }
        }
    }

    /**
     * target[targetStart + j] += Σ_{p &lt; count} coef[coefStart + p]·source[sourceStart + p·stride + j] for j in
     * [from, to), four source rows per pass.
     */
    static void addCombination(double[] target, int targetStart, double[] coef, int coefStart, int count,
                               double[] source, int sourceStart, int stride, int from, int to) {
        int p = 0;
        for (; p + 3 < count; p += 4) {
            double s0 = coef[coefStart + p];
            double s1 = coef[coefStart + p + 1];
            double s2 = coef[coefStart + p + 2];
            double s3 = coef[coefStart + p + 3];
            int b0 = sourceStart + p * stride;
            int b1 = b0 + stride;
            int b2 = b1 + stride;
            int b3 = b2 + stride;
            for (int j = from; j < to; j++) {
                target[targetStart + j] += s0 * source[b0 + j] + s1 * source[b1 + j] + s2 * source[b2 + j]
                        + s3 * source[b3 + j];
            }
        }
        for (; p < count; p++) {
            double s = coef[coefStart + p];
            int b = sourceStart + p * stride;
            for (int j = from; j < to; j++) {
                target[targetStart + j] += s * source[b + j];
            }
        }
    }

    /**
     * @param factor the output of {@link #factorInPlace}
     * @param n      order
     * @return ln det A = 2 Σ ln L_ii
     */
    public static double logDeterminant(double[] factor, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.log(factor[i * n + i]);
        }
        return 2 * s;
    }

    /**
     * Overwrites a lower-triangular L (strict upper triangle zero) with V = L⁻¹, also lower triangular. Row i of V is
     * (e_i − Σ_{p&lt;i} L[i][p] V[p]) / L[i][i]; rows are done {@value #BLOCK} at a time so that each earlier row V[p]
     * is read once per block.
     *
     * @param l n×n row-major
     * @param n order
     */
    public static void invertLowerInPlace(double[] l, int n) {
        double[] acc = new double[BLOCK * n];
        for (int ib = 0; ib < n; ib += BLOCK) {
            int nb = Math.min(BLOCK, n - ib);
            java.util.Arrays.fill(acc, 0, nb * n, 0.0);
            // acc[r][j] = Σ_{p < ib} L[ib+r][p] V[p][j]; V[p][j] = 0 for j > p, so rows p ≥ j only
            for (int jt = 0; jt < ib; jt += TILE) {
                int jEnd = Math.min(jt + TILE, ib);
                for (int p = jt; p < ib; p += 4) {
                    int count = Math.min(4, ib - p);
                    int end = Math.min(jEnd, p + count);
                    for (int r = 0; r < nb; r++) {
                        addCombination(acc, r * n, l, (ib + r) * n + p, count, l, p * n, n, jt, end);
                    }
                }
            }
            // finish the block row by row: its earlier rows are already V
            for (int r = 0; r < nb; r++) {
                int i = ib + r;
                int ri = i * n;
                addCombination(acc, r * n, l, ri + ib, r, l, ib * n, n, 0, i);
                double inv = 1.0 / l[ri + i];
                for (int j = 0; j < i; j++) {
                    l[ri + j] = -acc[r * n + j] * inv;
                }
                l[ri + i] = inv;
            }
        }
    }
}
