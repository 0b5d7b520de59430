package dev.credence.core.engine;

import dev.credence.core.kernel.Sgemm;

/**
 * The products of a patch map on column matrices, shared by the point and the Gaussian convolutions: with X the K×n
 * columns, W a K×C_out kernel matrix and g a C_out×n gradient, Y = Wᵀ·X (+ b per row), dW += X·gᵀ, db += the row
 * sums of g, dX = W·g. Every product goes through {@link Sgemm}, so the results do not depend on the thread count.
 */
public final class PatchAffine {
    private PatchAffine() {
    }

    /**
     * y = wᵀ·x + b (b[o] added to row o), or wᵀ·x when b is null.
     *
     * @param w    K×C_out
     * @param b    C_out biases or null
     * @param x    K×n
     * @param k    K
     * @param cout C_out
     * @param n    columns
     * @param y    C_out×n, overwritten
     */
    public static void forward(float[] w, float[] b, float[] x, int k, int cout, int n, float[] y) {
        Sgemm.gemm(Sgemm.Op.TN, cout, n, k, w, x, y, false);
        if (b != null) {
            for (int o = 0; o < cout; o++) {
                float bias = b[o];
                for (int i = o * n, end = i + n; i < end; i++) {
                    y[i] += bias;
                }
            }
        }
    }

    /**
     * dw += x·gᵀ, and db += the row sums of g when db is not null.
     *
     * @param x    K×n
     * @param g    C_out×n
     * @param k    K
     * @param cout C_out
     * @param n    columns
     * @param dw   K×C_out, added to
     * @param db   C_out, added to, or null
     */
    public static void accumulateParamGrads(float[] x, float[] g, int k, int cout, int n, float[] dw, float[] db) {
        Sgemm.gemm(Sgemm.Op.NT, k, cout, n, x, g, dw, true);
        if (db != null) {
            addRowSums(g, cout, n, db);
        }
    }

    /** acc[o] += Σ_i g[o·n + i]. */
    public static void addRowSums(float[] g, int cout, int n, float[] acc) {
        for (int o = 0; o < cout; o++) {
            float s = 0f;
            for (int i = o * n, end = i + n; i < end; i++) {
                s += g[i];
            }
            acc[o] += s;
        }
    }

    /**
     * dx = w·g.
     *
     * @param w    K×C_out
     * @param g    C_out×n
     * @param k    K
     * @param cout C_out
     * @param n    columns
     * @param dx   K×n, overwritten
     */
    public static void inputGrad(float[] w, float[] g, int k, int cout, int n, float[] dx) {
        Sgemm.gemm(Sgemm.Op.NN, k, n, cout, w, g, dx, false);
    }
}
