package dev.credence.methods.laplace;

import dev.credence.core.kernel.Sgemm;
import dev.credence.core.random.Rng;

/**
 * The KFAC posterior Σ = (G ⊗ A + λI)⁻¹ = (U_G ⊗ U_A)(Λ_G ⊗ Λ_A + λI)⁻¹(U_G ⊗ U_A)ᵀ (Daxberger et al. 2021, App. B).
 * With q = U_Aᵀ ã, the logit covariance is J Σ Jᵀ = U_G diag(s) U_Gᵀ with s_m = Σ_j q_j² / (λ_G,m λ_A,j + λ); a
 * deviation is U_G (Z ⊙ (Λ_G ⊗ Λ_A + λ)^(−1/2)) U_Aᵀ for a K×(H+1) standard normal Z.
 */
final class KronPosterior extends AbstractPosterior {
    private static final long serialVersionUID = 1L;

    private final int k;
    private final int a;
    /** K×K, row m = m-th eigenvector of G */
    private final double[] gVectors;
    /** (H+1)×(H+1), row j = j-th eigenvector of A, in float for the SGEMMs */
    private final float[] aVectors;
    /** K×(H+1): 1 / (λ_G,m λ_A,j + λ) */
    private final double[] inverseEigenvalues;

    KronPosterior(LastLayer mean, double priorPrecision, DenseAlgebra.SymmetricEigen g, DenseAlgebra.SymmetricEigen aEig) {
        super(mean, priorPrecision);
        this.k = g.n();
        this.a = aEig.n();
        this.gVectors = g.vectors();
        this.aVectors = new float[a * a];
        for (int i = 0; i < aVectors.length; i++) {
            aVectors[i] = (float) aEig.vectors()[i];
        }
        this.inverseEigenvalues = new double[k * a];
        for (int m = 0; m < k; m++) {
            for (int j = 0; j < a; j++) {
                inverseEigenvalues[m * a + j] = 1 / (g.values()[m] * aEig.values()[j] + priorPrecision);
            }
        }
    }

    @Override
    void addLogitCovariance(float[] augmented, int rows, double[] out, int offset) {
        float[] q = new float[rows * a];
        Sgemm.gemm(Sgemm.Op.NT, rows, a, a, augmented, aVectors, q, false);
        // per call, so that nothing is added to the serialized form: 1/(λ_G,m λ_A,j + λ) by j then m, and the
        // products U_G[m][c]·U_G[m][d]; with them each sum below runs over the same terms in the same order as
        // s_m = Σ_j q_j²/(…) and Σ_m U_G[m][c] U_G[m][d] s_m written out, but K of them side by side
        double[] inverseByFeature = new double[a * k];
        for (int m = 0; m < k; m++) {
            for (int j = 0; j < a; j++) {
                inverseByFeature[j * k + m] = inverseEigenvalues[m * a + j];
            }
        }
        double[] outer = new double[k * k * k];
        for (int m = 0; m < k; m++) {
            for (int c = 0; c < k; c++) {
                for (int d = 0; d < k; d++) {
                    outer[(m * k + c) * k + d] = gVectors[m * k + c] * gVectors[m * k + d];
                }
            }
        }
        double[] s = new double[k];
        double[] v = new double[k * k];
        for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(s, 0);
            for (int j = 0; j < a; j++) {
                double qj = q[r * a + j];
                double square = qj * qj;
                for (int m = 0; m < k; m++) {
                    s[m] += square * inverseByFeature[j * k + m];
                }
            }
            java.util.Arrays.fill(v, 0);
            for (int m = 0; m < k; m++) {
                double sm = s[m];
                for (int cd = 0; cd < k * k; cd++) {
                    v[cd] += outer[m * k * k + cd] * sm;
                }
            }
            int base = offset + r * k * k;
            for (int cd = 0; cd < k * k; cd++) {
                out[base + cd] += v[cd];
            }
        }
    }

    @Override
    public float[] sampleDeviations(int samples, Rng rng) {
        int p = k * a;
        float[] scaled = new float[samples * p];
        rng.fillGaussian(scaled, 0, scaled.length);
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < p; i++) {
                scaled[s * p + i] = (float) (scaled[s * p + i] * Math.sqrt(inverseEigenvalues[i]));
            }
        }
        // rows (s, m): T = C·U_Aᵀ with U_Aᵀ stored as aVectors (row j = eigenvector j)
        float[] t = new float[samples * p];
        Sgemm.gemm(Sgemm.Op.NN, samples * k, a, a, scaled, aVectors, t, false);
        float[] out = new float[samples * p];
        for (int s = 0; s < samples; s++) {
            for (int c = 0; c < k; c++) {
                for (int i = 0; i < a; i++) {
                    double v = 0;
                    for (int m = 0; m < k; m++) {
                        v += gVectors[m * k + c] * t[(s * k + m) * a + i];
                    }
                    out[s * p + c * a + i] = (float) v;
                }
            }
        }
        return out;
    }

    @Override
    public double[] denseCovariance() {
        int p = k * a;
        double[] m = new double[p * p];
        for (int g = 0; g < k; g++) {
            for (int j = 0; j < a; j++) {
                double w = inverseEigenvalues[g * a + j];
                for (int c = 0; c < k; c++) {
                    for (int i = 0; i < a; i++) {
                        double ui = gVectors[g * k + c] * aVectors[j * a + i] * w;
                        if (ui == 0) {
                            continue;
                        }
                        int row = (c * a + i) * p;
                        for (int d = 0; d < k; d++) {
                            double gd = gVectors[g * k + d];
                            for (int l = 0; l < a; l++) {
                                m[row + d * a + l] += ui * gd * aVectors[j * a + l];
                            }
                        }
                    }
                }
            }
        }
        return m;
    }
}
