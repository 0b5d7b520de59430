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
        double[] s = new double[k];
        for (int r = 0; r < rows; r++) {
            for (int m = 0; m < k; m++) {
                double sum = 0;
                for (int j = 0; j < a; j++) {
                    double qj = q[r * a + j];
                    sum += qj * qj * inverseEigenvalues[m * a + j];
                }
                s[m] = sum;
            }
            int base = offset + r * k * k;
            for (int c = 0; c < k; c++) {
                for (int d = 0; d < k; d++) {
                    double v = 0;
                    for (int m = 0; m < k; m++) {
                        v += gVectors[m * k + c] * gVectors[m * k + d] * s[m];
                    }
                    out[base + c * k + d] += v;
                }
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
