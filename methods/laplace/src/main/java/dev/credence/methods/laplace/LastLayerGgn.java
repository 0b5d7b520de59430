package dev.credence.methods.laplace;

import dev.credence.core.kernel.Sgemm;
import org.ejml.data.FMatrixRMaj;

/**
 * The generalised Gauss-Newton matrix of the summed softmax cross-entropy −Σ_n ln p(y_n | φ_n, θ) with respect to
 * the last layer's θ, GGN = Σ_n J_nᵀ Λ_n J_n with Λ_n = diag(p_n) − p_n p_nᵀ and J_n = I_K ⊗ ã_nᵀ (Martens 2020;
 * Daxberger et al. 2021, §2). The logits are linear in θ, so this is the exact Hessian of the summed loss, not an
 * approximation; it is N times the Hessian of the mean loss. It does not depend on the labels.
 *
 * <p>Products over examples run in float32 through the engine's {@link Sgemm} over chunks of
 * {@value FeatureChunks#ROWS} rows; each chunk's partial sums are added into double accumulators.
 */
public final class LastLayerGgn {
    private LastLayerGgn() {
    }

    /**
     * The dense GGN, built block-wise: block (k, l) = Σ_n Λ_n[k][l] ã_n ã_nᵀ = Ãᵀ diag(Λ[k][l]) Ã, one SGEMM per block
     * l ≥ k and chunk (K(K+1)/2 weighted Gram matrices of order H + 1, each chunk's added in double), mirrored to the
     * lower block triangle. One block at a time keeps the weighted chunk in cache between its fill and the SGEMM.
     *
     * @param features N × H penultimate features
     * @param layer    the last layer at which p_n is evaluated (the MAP)
     * @return the P×P GGN, row-major, exactly symmetric
     */
    public static double[] full(FMatrixRMaj features, LastLayer layer) {
        int k = layer.classes();
        int a = layer.hidden() + 1;
        int p = layer.parameterCount();
        double[] ggn = new double[p * p];
        float[] weighted = new float[FeatureChunks.ROWS * a];
        double[] augmented = new double[FeatureChunks.ROWS * a];
        float[] product = new float[a * a];
        FeatureChunks.forEach(features, layer, FeatureChunks.ROWS, true, chunk -> {
            // ã in double once per chunk: the fill below reads it K(K+1)/2 times, and converting float to double
            // inside that loop measured several times slower than the multiply itself (the values are the same)
            for (int i = 0, cells = chunk.rows * a; i < cells; i++) {
                augmented[i] = chunk.augmented[i];
            }
            for (int row = 0; row < k; row++) {
                for (int col = row; col < k; col++) {
                    for (int r = 0; r < chunk.rows; r++) {
                        double pk = chunk.probabilities[r * k + row];
                        double w = (col == row ? pk : 0) - pk * chunk.probabilities[r * k + col];
                        scaleToFloat(augmented, r * a, w, weighted, r * a, a);
                    }
                    Sgemm.gemm(Sgemm.Op.TN, a, a, chunk.rows, chunk.augmented, weighted, product, false);
                    for (int i = 0; i < a; i++) {
                        int target = (row * a + i) * p + col * a;
                        int source = i * a;
                        for (int c = 0; c < a; c++) {
                            ggn[target + c] += product[source + c];
                        }
                    }
                }
            }
        });
        mirrorUpperToLower(ggn, p);
        return ggn;
    }

    /** Writes (float) (w · x[from + j]) to out[to + j] for j &lt; length. */
    private static void scaleToFloat(double[] x, int from, double w, float[] out, int to, int length) {
        for (int j = 0; j < length; j++) {
            out[to + j] = (float) (w * x[from + j]);
        }
    }

    /**
     * The Kronecker-factored GGN (KFAC; Martens &amp; Grosse 2015, with the bias in homogeneous coordinates ã = (φ, 1)):
     * Σ_n Λ_n ⊗ ã_n ã_nᵀ ≈ G ⊗ A with G = Σ_n Λ_n and A = (1/N) Σ_n ã_n ã_nᵀ — the output factor summed and the
     * input factor averaged, so G ⊗ A carries the scale of the summed loss (the scaling of Laplace Redux's KFAC for
     * one batch of all N examples). It is exact when all Λ_n are equal (e.g. W = 0, so every p_n = softmax(b)) or
     * all ã_n ã_nᵀ are equal (e.g. N = 1).
     *
     * @param features N × H penultimate features
     * @param layer    the last layer at which p_n is evaluated
     * @return the two factors
     */
    public static KronFactors kron(FMatrixRMaj features, LastLayer layer) {
        int k = layer.classes();
        int a = layer.hidden() + 1;
        double[] g = new double[k * k];
        double[] input = new double[a * a];
        float[] product = new float[a * a];
        FeatureChunks.forEach(features, layer, FeatureChunks.ROWS, true, chunk -> {
            for (int r = 0; r < chunk.rows; r++) {
                int base = r * k;
                for (int i = 0; i < k; i++) {
                    double pi = chunk.probabilities[base + i];
                    g[i * k + i] += pi;
                    for (int j = 0; j < k; j++) {
                        g[i * k + j] -= pi * chunk.probabilities[base + j];
                    }
                }
            }
            Sgemm.gemm(Sgemm.Op.TN, a, a, chunk.rows, chunk.augmented, chunk.augmented, product, false);
            for (int i = 0; i < input.length; i++) {
                input[i] += product[i];
            }
        });
        int n = Math.max(1, features.numRows);
        for (int i = 0; i < input.length; i++) {
            input[i] /= n;
        }
        symmetrize(g, k);
        mirrorUpperToLower(input, a);
        return new KronFactors(k, a, g, input);
    }

    /**
     * The diagonal of the GGN: GGN[(k,j),(k,j)] = Σ_n p_nk (1 − p_nk) ã_nj², in double. It is the diagonal of
     * {@link #full} exactly in exact arithmetic; the two agree to float32 rounding of the SGEMM in {@code full}.
     *
     * @param features N × H penultimate features
     * @param layer    the last layer at which p_n is evaluated
     * @return P values in θ order
     */
    public static double[] diagonal(FMatrixRMaj features, LastLayer layer) {
        int k = layer.classes();
        int a = layer.hidden() + 1;
        double[] d = new double[layer.parameterCount()];
        FeatureChunks.forEach(features, layer, FeatureChunks.ROWS, true, chunk -> {
            for (int r = 0; r < chunk.rows; r++) {
                for (int c = 0; c < k; c++) {
                    double pc = chunk.probabilities[r * k + c];
                    double w = pc * (1 - pc);
                    int base = c * a;
                    int feature = r * a;
                    for (int j = 0; j < a; j++) {
                        double x = chunk.augmented[feature + j];
                        d[base + j] += w * x * x;
                    }
                }
            }
        });
        return d;
    }

    /**
     * @param features N × H
     * @param labels   N classes
     * @param layer    the last layer
     * @return ln p(D | θ) = Σ_n (z_{n,y_n} − logsumexp(z_n)), in double
     */
    public static double logLikelihood(FMatrixRMaj features, int[] labels, LastLayer layer) {
        if (labels.length != features.numRows) {
            throw new IllegalArgumentException(labels.length + " labels for " + features.numRows + " feature rows");
        }
        int k = layer.classes();
        double[] total = {0};
        FeatureChunks.forEach(features, layer, FeatureChunks.ROWS, true, chunk -> {
            float[] z = chunk.logits.data;
            for (int r = 0; r < chunk.rows; r++) {
                int y = labels[chunk.from + r];
                if (y < 0 || y >= k) {
                    throw new IllegalArgumentException("label " + y + " at row " + (chunk.from + r) + " is not in 0.." + (k - 1));
                }
                total[0] += z[r * k + y] - Softmax.logSumExp(z, r * k, k);
            }
        });
        return total[0];
    }

    /** Copies the upper triangle over the lower one, so the matrix is exactly symmetric. */
    static void mirrorUpperToLower(double[] m, int n) {
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                m[i * n + j] = m[j * n + i];
            }
        }
    }

    /** Replaces m by (m + mᵀ)/2. */
    private static void symmetrize(double[] m, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double v = 0.5 * (m[i * n + j] + m[j * n + i]);
                m[i * n + j] = v;
                m[j * n + i] = v;
            }
        }
    }
}
