package dev.credence.methods.laplace;

import dev.credence.core.random.Rng;

/**
 * The diagonal posterior Σ = diag(1/(GGN_ii + λ)). Its logit covariance is diagonal, Var(f_k) = Σ_j ã_j² Σ_(k,j),
 * since distinct classes share no parameter.
 */
final class DiagPosterior extends AbstractPosterior {
    private static final long serialVersionUID = 1L;

    private final double[] variance;

    DiagPosterior(LastLayer mean, double priorPrecision, double[] variance) {
        super(mean, priorPrecision);
        this.variance = variance;
    }

    @Override
    void addLogitCovariance(float[] augmented, int rows, double[] out, int offset) {
        int k = mean.classes();
        int a = mean.hidden() + 1;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int j = 0; j < a; j++) {
                    double x = augmented[r * a + j];
                    s += x * x * variance[c * a + j];
                }
                out[offset + (r * k + c) * k + c] += s;
            }
        }
    }

    @Override
    public float[] sampleDeviations(int samples, Rng rng) {
        int p = variance.length;
        float[] z = new float[samples * p];
        rng.fillGaussian(z, 0, z.length);
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < p; i++) {
                z[s * p + i] = (float) (z[s * p + i] * Math.sqrt(variance[i]));
            }
        }
        return z;
    }

    @Override
    public double[] denseCovariance() {
        int p = variance.length;
        double[] m = new double[p * p];
        for (int i = 0; i < p; i++) {
            m[i * p + i] = variance[i];
        }
        return m;
    }
}
