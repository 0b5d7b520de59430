package dev.credence.core.engine;

import org.ejml.data.FMatrixRMaj;

/**
 * Fused log-softmax + cross-entropy on logits: loss_i = logsumexp(z_i) − z_{i,y_i}, computed in double
 * through log-sum-exp (never the log of a softmax), and its gradient softmax(z_i) − onehot(y_i). One exponential
 * per logit serves both: with e_c = exp(z_c − max), logsumexp = max + ln Σe and softmax = e / Σe.
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
        double[] e = new double[k];
        double total = 0;
        double gradScale = scale / rows;
        for (int r = 0, base = 0; r < rows; r++, base += k) {
            double max = shiftedExps(z, base, k, e);
            double sum = sum(e);
            total += max + Math.log(sum) - z[base + labels[r]];
            if (g != null) {
                double inv = 1.0 / sum;
                for (int c = 0; c < k; c++) {
                    g[base + c] = (float) (gradScale * (e[c] * inv - (c == labels[r] ? 1.0 : 0.0)));
                }
            }
        }
        return total / rows;
    }

    /**
     * Row-wise softmax of logits into {@code out[outOffset ..]}: exp(z − max) / Σ exp(z − max).
     *
     * @param logits    B×K
     * @param out       target, B·K values written row-major
     * @param outOffset first index in {@code out}
     */
    public static void softmaxRows(FMatrixRMaj logits, float[] out, int outOffset) {
        int k = logits.numCols;
        float[] z = logits.data;
        double[] e = new double[k];
        for (int r = 0, base = 0; r < logits.numRows; r++, base += k) {
            shiftedExps(z, base, k, e);
            double inv = 1.0 / sum(e);
            for (int c = 0; c < k; c++) {
                out[outOffset + base + c] = (float) (e[c] * inv);
            }
        }
    }

    /**
     * e_c = exp(z_c − max) for one row: each in (0, 1], the largest exactly 1, so nothing overflows and the sum is
     * in [1, K]. A row whose maximum is infinite gives NaN entries (a diverged network; the loss reports it).
     *
     * @return the row maximum
     */
    private static double shiftedExps(float[] z, int base, int k, double[] e) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, z[base + c]);
        }
        for (int c = 0; c < k; c++) {
            e[c] = Math.exp(z[base + c] - max);
        }
        return max;
    }

    private static double sum(double[] e) {
        double s = 0;
        for (double v : e) {
            s += v;
        }
        return s;
    }
}
