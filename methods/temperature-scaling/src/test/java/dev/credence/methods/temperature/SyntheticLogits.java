package dev.credence.methods.temperature;

import dev.credence.core.engine.Numerics;
import dev.credence.core.engine.SoftmaxCrossEntropy;
import dev.credence.core.random.Rng;
import org.ejml.data.FMatrixRMaj;

/** Validation data with a known calibration: true logits, labels drawn from their softmax, and rescaled copies. */
final class SyntheticLogits {
    private SyntheticLogits() {
    }

    /** @return n×k logits with independent N(0, σ²) entries */
    static FMatrixRMaj gaussian(int n, int k, double sigma, Rng rng) {
        FMatrixRMaj z = new FMatrixRMaj(n, k);
        for (int i = 0; i < n * k; i++) {
            z.data[i] = (float) (sigma * rng.nextGaussian());
        }
        return z;
    }

    /** @return one label per row drawn from softmax(row) by inverse CDF: the logits are calibrated for these labels */
    static int[] sampleLabels(FMatrixRMaj trueLogits, Rng rng) {
        int n = trueLogits.numRows;
        int k = trueLogits.numCols;
        float[] p = new float[n * k];
        SoftmaxCrossEntropy.softmaxRows(trueLogits, p, 0);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            int c = 0;
            double cumulative = p[i * k];
            while (u >= cumulative && c < k - 1) {
                c++;
                cumulative += p[i * k + c];
            }
            labels[i] = c;
        }
        return labels;
    }

    /** @return a copy with column c multiplied by factors[c] */
    static FMatrixRMaj scaleColumns(FMatrixRMaj z, double[] factors) {
        FMatrixRMaj out = new FMatrixRMaj(z.numRows, z.numCols);
        for (int i = 0; i < z.numRows * z.numCols; i++) {
            out.data[i] = (float) (z.data[i] * factors[i % z.numCols]);
        }
        return out;
    }

    /** @return a copy with every entry multiplied by factor */
    static FMatrixRMaj scale(FMatrixRMaj z, double factor) {
        double[] factors = new double[z.numCols];
        java.util.Arrays.fill(factors, factor);
        return scaleColumns(z, factors);
    }

    /**
     * The expected-label version of a validation set, in place of sampled labels: every row of {@code logits} appears
     * K times, once with each label c, weighted by the true probability softmax(trueLogits)_c (in double). Its weighted NLL is
     * the expected NLL under the true labels, so a scaling that maps the logits to the true ones minimises it exactly
     * (Gibbs' inequality) and no sampling error is left.
     */
    static CalibrationSet expectedLabels(FMatrixRMaj logits, FMatrixRMaj trueLogits) {
        int n = logits.numRows;
        int k = logits.numCols;
        FMatrixRMaj rows = new FMatrixRMaj(n * k, k);
        int[] labels = new int[n * k];
        double[] weights = new double[n * k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                int r = i * k + c;
                System.arraycopy(logits.data, i * k, rows.data, r * k, k);
                labels[r] = c;
                weights[r] = Math.exp(trueLogits.data[i * k + c] - Numerics.logSumExp(trueLogits.data, i * k, k));
            }
        }
        return CalibrationSet.point(rows, labels, weights);
    }
}
