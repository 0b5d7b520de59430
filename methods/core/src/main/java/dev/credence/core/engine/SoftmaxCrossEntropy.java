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
        return meanLossAndGrad(logits, labels, grad, scale, null, null);
    }

    /**
     * The class-aware form: loss_i = w_{y_i}·(logsumexp(a_i) − a_{i,y_i}) with a_{ic} = z_{ic} + δ_c (in double),
     * its mean taken over the B rows (Σ_i w_{y_i}·loss_i / B, not divided by the batch's Σ w), and its gradient
     * w_{y_i}·(softmax(a_i) − onehot(y_i))/B. With w = null every weight is 1 and with δ = null every offset 0: no
     * multiplication or addition is then done, and the result is {@link #meanLossAndGrad(FMatrixRMaj, int[], FMatrixRMaj,
     * double)}'s; weights of exactly 1 and offsets of exactly 0 give the same bits too (both operations are exact).
     *
     * @param logits  B×K
     * @param labels  class of row i at {@code labels[i]}
     * @param grad    receives the gradient times {@code scale}, reshaped to B×K; may be null
     * @param scale   multiplier on the gradient of the mean loss
     * @param weights K class weights w_c, or null
     * @param offsets K logit offsets δ_c, or null
     * @return the weighted mean loss over the B rows
     */
    public static double meanLossAndGrad(FMatrixRMaj logits, int[] labels, FMatrixRMaj grad, double scale,
                                         double[] weights, double[] offsets) {
        int rows = logits.numRows;
        int k = logits.numCols;
        if ((weights != null && weights.length != k) || (offsets != null && offsets.length != k)) {
            throw new IllegalArgumentException("class weights and offsets need " + k + " entries");
        }
        float[] z = logits.data;
        float[] g = null;
        if (grad != null) {
            grad.reshape(rows, k);
            g = grad.data;
        }
        double[] a = new double[k];
        double[] e = new double[k];
        double total = 0;
        double gradScale = scale / rows;
        for (int r = 0, base = 0; r < rows; r++, base += k) {
            for (int c = 0; c < k; c++) {
                a[c] = offsets == null ? z[base + c] : z[base + c] + offsets[c];
            }
            double max = shiftedExps(a, k, e);
            double sum = sum(e);
            int y = labels[r];
            double loss = max + Math.log(sum) - a[y];
            total += weights == null ? loss : weights[y] * loss;
            if (g != null) {
                double inv = 1.0 / sum;
                double rowScale = weights == null ? gradScale : gradScale * weights[y];
                for (int c = 0; c < k; c++) {
                    g[base + c] = (float) (rowScale * (e[c] * inv - (c == y ? 1.0 : 0.0)));
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
        double[] a = new double[k];
        double[] e = new double[k];
        for (int r = 0, base = 0; r < logits.numRows; r++, base += k) {
            for (int c = 0; c < k; c++) {
                a[c] = z[base + c];
            }
            shiftedExps(a, k, e);
            double inv = 1.0 / sum(e);
            for (int c = 0; c < k; c++) {
                out[outOffset + base + c] = (float) (e[c] * inv);
            }
        }
    }

    /**
     * e_c = exp(a_c − max) for one row: each in (0, 1], the largest exactly 1, so nothing overflows and the sum is
     * in [1, K]. A row whose maximum is infinite gives NaN entries (a diverged network; the loss reports it).
     *
     * @return the row maximum
     */
    private static double shiftedExps(double[] a, int k, double[] e) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, a[c]);
        }
        for (int c = 0; c < k; c++) {
            e[c] = Math.exp(a[c] - max);
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
