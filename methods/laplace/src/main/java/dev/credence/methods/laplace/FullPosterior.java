package dev.credence.methods.laplace;

import dev.credence.core.kernel.Sgemm;
import dev.credence.core.random.Rng;

/**
 * The dense posterior: GGN + λI = L Lᵀ (EJML's Cholesky, double), V = L⁻¹, so Σ = Vᵀ V. Only V is kept, in float32
 * and split by class into K column blocks V_k (P × (H+1)), so that both uses are SGEMMs: the logit covariance is
 * J Σ Jᵀ = (V Jᵀ)ᵀ (V Jᵀ) with column k of V Jᵀ = V_k ã (a sum of squares: positive semi-definite by construction),
 * and a deviation is Vᵀ z, z ~ N(0, I_P), block k being V_kᵀ z.
 */
final class FullPosterior extends AbstractPosterior {
    private static final long serialVersionUID = 1L;
    /** Floats of the per-chunk products V_k ã of {@link #logits} (K × rows × P), 16 MB. */
    static final int LOGIT_BUFFER_FLOATS = 1 << 22;

    /** blocks[k][r·(H+1) + j] = V[r][k(H+1) + j] */
    private final float[][] blocks;

    private FullPosterior(LastLayer mean, double priorPrecision, float[][] blocks) {
        super(mean, priorPrecision);
        this.blocks = blocks;
    }

    /**
     * @param mean           θ*
     * @param ggn            P×P GGN (not modified)
     * @param priorPrecision λ
     * @return the posterior
     */
    static FullPosterior of(LastLayer mean, double[] ggn, double priorPrecision) {
        Curvature.checkPriorPrecision(priorPrecision);
        int p = mean.parameterCount();
        int a = mean.hidden() + 1;
        double[] work = ggn.clone();
        for (int i = 0; i < p; i++) {
            work[i * p + i] += priorPrecision;
        }
        DenseAlgebra.invertCholeskyFactorInPlace(work, p, "GGN + λI at λ = " + priorPrecision);
        float[][] blocks = new float[mean.classes()][p * a];
        for (int r = 0; r < p; r++) {
            for (int k = 0; k < blocks.length; k++) {
                for (int j = 0; j < a; j++) {
                    blocks[k][r * a + j] = (float) work[r * p + k * a + j];
                }
            }
        }
        return new FullPosterior(mean, priorPrecision, blocks);
    }

    @Override
    int chunkRows() {
        return Math.max(1, Math.min(FeatureChunks.ROWS, LOGIT_BUFFER_FLOATS / (mean.classes() * mean.parameterCount())));
    }

    @Override
    void addLogitCovariance(float[] augmented, int rows, double[] out, int offset) {
        int k = mean.classes();
        int a = mean.hidden() + 1;
        int p = mean.parameterCount();
        float[][] projected = new float[k][rows * p];
        for (int c = 0; c < k; c++) {
            Sgemm.gemm(Sgemm.Op.NT, rows, p, a, augmented, blocks[c], projected[c], false);
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < k; c++) {
                for (int d = 0; d <= c; d++) {
                    double s = dot(projected[c], projected[d], r * p, p);
                    out[offset + (r * k + c) * k + d] += s;
                    if (d != c) {
                        out[offset + (r * k + d) * k + c] += s;
                    }
                }
            }
        }
    }

    private static double dot(float[] x, float[] y, int from, int length) {
        double s0 = 0;
        double s1 = 0;
        int i = from;
        int end = from + length;
        for (; i + 1 < end; i += 2) {
            s0 += (double) x[i] * y[i];
            s1 += (double) x[i + 1] * y[i + 1];
        }
        for (; i < end; i++) {
            s0 += (double) x[i] * y[i];
        }
        return s0 + s1;
    }

    @Override
    public float[] sampleDeviations(int samples, Rng rng) {
        int k = mean.classes();
        int a = mean.hidden() + 1;
        int p = mean.parameterCount();
        float[] z = new float[samples * p];
        rng.fillGaussian(z, 0, z.length);
        float[] block = new float[samples * a];
        float[] out = new float[samples * p];
        for (int c = 0; c < k; c++) {
            Sgemm.gemm(Sgemm.Op.NN, samples, a, p, z, blocks[c], block, false);
            for (int s = 0; s < samples; s++) {
                System.arraycopy(block, s * a, out, s * p + c * a, a);
            }
        }
        return out;
    }

    @Override
    public double[] denseCovariance() {
        int a = mean.hidden() + 1;
        int p = mean.parameterCount();
        double[] m = new double[p * p];
        for (int i = 0; i < p; i++) {
            float[] bi = blocks[i / a];
            int ci = i % a;
            for (int j = 0; j < p; j++) {
                float[] bj = blocks[j / a];
                int cj = j % a;
                double s = 0;
                for (int r = 0; r < p; r++) {
                    s += (double) bi[r * a + ci] * bj[r * a + cj];
                }
                m[i * p + j] = s;
            }
        }
        return m;
    }
}
