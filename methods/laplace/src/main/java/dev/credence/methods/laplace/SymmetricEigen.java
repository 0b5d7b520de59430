package dev.credence.methods.laplace;

import java.util.Arrays;

/**
 * Eigenvalues (and optionally eigenvectors) of a dense symmetric matrix in double: Householder reduction to
 * tridiagonal form, then implicit symmetric QR steps with the Wilkinson shift (Golub &amp; Van Loan, Matrix
 * Computations, 4th ed., Algorithms 8.3.1 and 8.3.3). The reduction reads only the lower triangle and is
 * blocked (see {@link #tridiagonalize}); eigenvectors are kept as the rows of Uᵀ so that each Givens rotation
 * combines two contiguous rows.
 */
public final class SymmetricEigen {
    private static final double EPS = Math.ulp(1.0);
    /** QR steps allowed per eigenvalue before giving up (convergence is cubic; a handful are usual). */
    private static final int STEPS_PER_EIGENVALUE = 30;
    /** Reflectors per panel of the blocked reduction. */
    static final int PANEL = 32;
    /** Columns of the trailing matrix per pass of the panel update. */
    private static final int TILE = 256;

    /**
     * A = U diag(values) Uᵀ.
     *
     * @param n       order
     * @param values  eigenvalues, ascending
     * @param vectors n×n row-major; row i is the unit eigenvector of values[i]
     */
    public record Decomposition(int n, double[] values, double[] vectors) {
    }

    private SymmetricEigen() {
    }

    /**
     * @param a n×n symmetric, row-major; not modified
     * @param n order
     * @return the eigenvalues, ascending
     */
    public static double[] eigenvalues(double[] a, int n) {
        return solve(a.clone(), n, false).values();
    }

    /**
     * @param a n×n symmetric, row-major; not modified
     * @param n order
     * @return eigenvalues (ascending) and eigenvectors
     */
    public static Decomposition decompose(double[] a, int n) {
        return solve(a.clone(), n, true);
    }

    private static Decomposition solve(double[] work, int n, boolean wantVectors) {
        if (work.length != n * n) {
            throw new IllegalArgumentException("array of " + work.length + " values is not " + n + "×" + n);
        }
        double[] d = new double[n];
        double[] e = new double[Math.max(n - 1, 0)];
        double[] vt = wantVectors ? identity(n) : null;
        tridiagonalize(work, n, d, e, vt);
        diagonalize(d, e, vt, n);
        return sorted(d, vt, n);
    }

    /**
     * Reduces A to T = Qᵀ A Q with diagonal d and off-diagonal e, reading and updating only the lower triangle of
     * {@code a} (destroyed); when {@code qt} is not null it is overwritten by Qᵀ (from the identity). Blocked as in
     * LAPACK's dsytrd: within a panel of {@value #PANEL} columns the reflectors' two-sided updates are kept as
     * A − V Wᵀ − W Vᵀ and applied to the trailing matrix once per panel, so each reflector costs one read-only
     * sweep of the (stale) lower triangle for its product A·v.
     */
    static void tridiagonalize(double[] a, int n, double[] d, double[] e, double[] qt) {
        double[] vt = new double[PANEL * n];
        double[] wt = new double[PANEL * n];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] u = qt == null ? null : new double[n];
        double[] coef = new double[2 * PANEL];
        for (int kb = 0; kb < n; kb += PANEL) {
            int end = Math.min(kb + PANEL, n);
            int t = 0;
            for (int c = kb; c < end; c++, t++) {
                int vq = t * n;
                double dc = a[c * n + c];
                for (int q = 0; q < t; q++) {
                    dc -= 2 * vt[q * n + c] * wt[q * n + c];
                }
                d[c] = dc;
                int off = c + 1;
                if (off == n) {
                    break;
                }
                for (int i = off; i < n; i++) {
                    double s = a[i * n + c];
                    for (int q = 0; q < t; q++) {
                        s -= vt[q * n + i] * wt[q * n + c] + wt[q * n + i] * vt[q * n + c];
                    }
                    x[i] = s;
                }
                Arrays.fill(vt, vq + off, vq + n, 0.0);
                Arrays.fill(wt, vq + off, vq + n, 0.0);
                double scale = 0;
                for (int i = off + 1; i < n; i++) {
                    scale = Math.max(scale, Math.abs(x[i]));
                }
                if (scale == 0) {
                    e[c] = x[off]; // already tridiagonal in this column: no reflector
                    continue;
                }
                scale = Math.max(scale, Math.abs(x[off]));
                double norm2 = 0;
                for (int i = off; i < n; i++) {
                    double xi = x[i] / scale;
                    vt[vq + i] = xi;
                    norm2 += xi * xi;
                }
                double x0 = vt[vq + off];
                double alpha = (x0 > 0 ? -1 : 1) * Math.sqrt(norm2);
                e[c] = alpha * scale;
                double beta = 1 / (alpha * (alpha - x0)); // 2 / vᵀv
                vt[vq + off] = x0 - alpha;
                symmetricTimesVector(a, n, off, vt, vq, y);
                for (int q = 0; q < t; q++) {
                    double wv = 0;
                    double vv = 0;
                    for (int j = off; j < n; j++) {
                        wv += wt[q * n + j] * vt[vq + j];
                        vv += vt[q * n + j] * vt[vq + j];
                    }
                    for (int j = off; j < n; j++) {
                        y[j] -= wv * vt[q * n + j] + vv * wt[q * n + j];
                    }
                }
                double yv = 0;
                for (int j = off; j < n; j++) {
                    y[j] *= beta;
                    yv += y[j] * vt[vq + j];
                }
                double half = 0.5 * beta * yv;
                for (int j = off; j < n; j++) {
                    wt[vq + j] = y[j] - half * vt[vq + j];
                }
                if (qt != null) {
                    reflectRows(qt, n, off, vt, vq, beta, u);
                }
            }
            updateTrailing(a, n, end, t, vt, wt, coef);
        }
    }

    /** y[off..n) = A[off.., off..]·v from the lower triangle: one sweep, a dot and an axpy per row. */
    private static void symmetricTimesVector(double[] a, int n, int off, double[] v, int vStart, double[] y) {
        Arrays.fill(y, off, n, 0.0);
        for (int i = off; i < n; i++) {
            int row = i * n;
            double vi = v[vStart + i];
            // four partial dots, so the loop is not bound by the latency of one chain of additions
            double d0 = 0;
            double d1 = 0;
            double d2 = 0;
            double d3 = 0;
            int j = off;
            for (; j + 3 < i; j += 4) {
                double a0 = a[row + j];
                double a1 = a[row + j + 1];
                double a2 = a[row + j + 2];
                double a3 = a[row + j + 3];
                d0 += a0 * v[vStart + j];
                d1 += a1 * v[vStart + j + 1];
                d2 += a2 * v[vStart + j + 2];
                d3 += a3 * v[vStart + j + 3];
                y[j] += a0 * vi;
                y[j + 1] += a1 * vi;
                y[j + 2] += a2 * vi;
                y[j + 3] += a3 * vi;
            }
            for (; j < i; j++) {
                double aij = a[row + j];
                d0 += aij * v[vStart + j];
                y[j] += aij * vi;
            }
            y[i] += (d0 + d1) + (d2 + d3) + a[row + i] * vi;
        }
    }

    /** A[i][j] −= Σ_q v_q[i] w_q[j] + w_q[i] v_q[j] for from ≤ j ≤ i, the panel's deferred two-sided update. */
    private static void updateTrailing(double[] a, int n, int from, int t, double[] vt, double[] wt, double[] coef) {
        if (from >= n || t == 0) {
            return;
        }
        for (int jt = from; jt < n; jt += TILE) {
            for (int i = jt; i < n; i++) {
                for (int q = 0; q < t; q++) {
                    coef[q] = -vt[q * n + i];
                    coef[t + q] = -wt[q * n + i];
                }
                int to = Math.min(jt + TILE, i + 1);
                addCombination(a, i * n, coef, 0, t, wt, 0, n, jt, to);
                addCombination(a, i * n, coef, t, t, vt, 0, n, jt, to);
            }
        }
    }

    /**
     * target[targetStart + j] += Σ_{p &lt; count} coef[coefStart + p]·source[sourceStart + p·stride + j] for j in
     * [from, to), four source rows per pass.
     */
    private static void addCombination(double[] target, int targetStart, double[] coef, int coefStart, int count,
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

    /** Rows off..n−1 of M ← (I − β v vᵀ) M, all columns, v[i] at v[vStart + i]; {@code u} is scratch of length n. */
    private static void reflectRows(double[] m, int n, int off, double[] v, int vStart, double beta, double[] u) {
        Arrays.fill(u, 0, n, 0.0);
        for (int r = off; r < n; r++) {
            double vr = v[vStart + r];
            if (vr != 0) {
                int row = r * n;
                for (int j = 0; j < n; j++) {
                    u[j] += vr * m[row + j];
                }
            }
        }
        for (int r = off; r < n; r++) {
            double s = beta * v[vStart + r];
            if (s != 0) {
                int row = r * n;
                for (int j = 0; j < n; j++) {
                    m[row + j] -= s * u[j];
                }
            }
        }
    }

    /** Implicit symmetric QR on (d, e) until e vanishes; rotations are applied to the rows of {@code vt}. */
    private static void diagonalize(double[] d, double[] e, double[] vt, int n) {
        int steps = 0;
        int h = n - 1;
        while (h > 0) {
            if (negligible(d, e, h - 1)) {
                e[h - 1] = 0;
                h--;
                continue;
            }
            int l = h - 1;
            while (l > 0 && !negligible(d, e, l - 1)) {
                l--;
            }
            if (l > 0) {
                e[l - 1] = 0;
            }
            qrStep(d, e, vt, n, l, h);
            if (++steps > STEPS_PER_EIGENVALUE * n) {
                throw new ArithmeticException("symmetric QR did not converge in " + steps + " steps");
            }
        }
    }

    private static boolean negligible(double[] d, double[] e, int i) {
        return Math.abs(e[i]) <= EPS * (Math.abs(d[i]) + Math.abs(d[i + 1]));
    }

    /**
     * One implicit QR step with Wilkinson shift on the unreduced block l..h: T ← R T Rᵀ by Givens rotations
     * R = [[c, s], [−s, c]] in planes (k, k+1), chasing the bulge down the band.
     */
    private static void qrStep(double[] d, double[] e, double[] vt, int n, int l, int h) {
        double delta = 0.5 * (d[h - 1] - d[h]);
        double eh = e[h - 1];
        double mu = d[h] - eh * eh / (delta + (delta >= 0 ? 1 : -1) * Math.hypot(delta, eh));
        double x = d[l] - mu;
        double z = e[l];
        for (int k = l; k < h; k++) {
            double r = Math.hypot(x, z);
            double c = r == 0 ? 1 : x / r;
            double s = r == 0 ? 0 : z / r;
            if (k > l) {
                e[k - 1] = r;
            }
            double a = d[k];
            double b = e[k];
            double dd = d[k + 1];
            d[k] = c * c * a + 2 * c * s * b + s * s * dd;
            d[k + 1] = s * s * a - 2 * c * s * b + c * c * dd;
            e[k] = c * s * (dd - a) + (c * c - s * s) * b;
            if (k + 1 < h) {
                z = s * e[k + 1];
                e[k + 1] *= c;
                x = e[k];
            }
            if (vt != null) {
                rotateRows(vt, n, k, c, s);
            }
        }
    }

    /** Rows k, k+1 of M ← [[c, s], [−s, c]] · (rows k, k+1). */
    private static void rotateRows(double[] m, int n, int k, double c, double s) {
        int r0 = k * n;
        int r1 = r0 + n;
        for (int j = 0; j < n; j++) {
            double a = m[r0 + j];
            double b = m[r1 + j];
            m[r0 + j] = c * a + s * b;
            m[r1 + j] = -s * a + c * b;
        }
    }

    private static double[] identity(int n) {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            m[i * n + i] = 1;
        }
        return m;
    }

    private static Decomposition sorted(double[] d, double[] vt, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(d[i], d[j]));
        double[] values = new double[n];
        double[] vectors = vt == null ? null : new double[n * n];
        for (int i = 0; i < n; i++) {
            values[i] = d[order[i]];
            if (vt != null) {
                System.arraycopy(vt, order[i] * n, vectors, i * n, n);
            }
        }
        return new Decomposition(n, values, vectors);
    }
}
