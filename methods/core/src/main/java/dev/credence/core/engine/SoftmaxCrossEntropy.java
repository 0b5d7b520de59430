package dev.credence.core.engine;

import org.ejml.data.FMatrixRMaj;

/**
 * Fused log-softmax + cross-entropy on logits: loss_i = logsumexp(z_i) − z_{i,y_i}, computed in double
 * through log-sum-exp (never the log of a softmax), and its gradient softmax(z_i) − onehot(y_i).
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {
    }

    /**
     * @param logits B×K
     * @param labels class of row i at {@code labels[i]}
     * @param grad   receives scale·(softmax − onehot)/B, reshaped to B×K; may be null to skip the gradient
     * @param scale  multiplier on the gradient of the mean loss (e.g. N for SGLD's N·mean CE)
     * @return the mean cross-entropy over the B rows
     */
    public static double meanLossAndGrad(FMatrixRMaj logits, int[] labels, FMatrixRMaj grad, double scale) {
        int rows = logits.numRows;
        int k = logits.numCols;
        float[] z = logits.data;
        float[] g = null;
        if (grad != null) {
            grad.reshape(rows, k);
            g = grad.data;
        }
        double total = 0;
        double gradScale = scale / rows;
        for (int r = 0, base = 0; r < rows; r++, base += k) {
            double lse = Numerics.logSumExp(z, base, k);
            total += lse - z[base + labels[r]];
            if (g != null) {
                for (int c = 0; c < k; c++) {
                    double p = Math.exp(z[base + c] - lse);
                    g[base + c] = (float) (gradScale * (p - (c == labels[r] ? 1.0 : 0.0)));
                }
            }
        }
        return total / rows;
    }

    /**
     * Row-wise softmax of logits into {@code out[outOffset ..]}, via the log-sum-exp shift.
     *
     * @param logits    B×K
     * @param out       target, B·K values written row-major
     * @param outOffset first index in {@code out}
     */
    public static void softmaxRows(FMatrixRMaj logits, float[] out, int outOffset) {
        int k = logits.numCols;
        float[] z = logits.data;
        for (int r = 0, base = 0; r < logits.numRows; r++, base += k) {
            double lse = Numerics.logSumExp(z, base, k);
            for (int c = 0; c < k; c++) {
                out[outOffset + base + c] = (float) Math.exp(z[base + c] - lse);
            }
        }
    }
}
