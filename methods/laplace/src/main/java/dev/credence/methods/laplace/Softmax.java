package dev.credence.methods.laplace;

/**
 * Softmax quantities of one logit row in double, through log-sum-exp: every exponential is of a value ≤ 0, and
 * log-probabilities are z − logsumexp(z), never the log of a softmax.
 */
final class Softmax {
    private Softmax() {
    }

    /** @return ln Σ_c exp(z[offset + c]) over c &lt; k, shifted by the maximum */
    static double logSumExp(double[] z, int offset, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, z[offset + c]);
        }
        if (Double.isInfinite(max)) {
            return max;
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            sum += Math.exp(z[offset + c] - max);
        }
        return max + Math.log(sum);
    }

    /** @return ln Σ_c exp(z[offset + c]) over c &lt; k, shifted by the maximum */
    static double logSumExp(float[] z, int offset, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, z[offset + c]);
        }
        if (Double.isInfinite(max)) {
            return max;
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            sum += Math.exp(z[offset + c] - max);
        }
        return max + Math.log(sum);
    }

    /** Writes softmax(z[offset ..]) to out[outOffset ..] as exp(z − logsumexp(z)). */
    static void probabilities(float[] z, int offset, int k, double[] out, int outOffset) {
        double lse = logSumExp(z, offset, k);
        for (int c = 0; c < k; c++) {
            out[outOffset + c] = Math.exp(z[offset + c] - lse);
        }
    }

    /** Writes softmax(z[offset ..]) to out[outOffset ..] as exp(z − logsumexp(z)). */
    static void probabilities(double[] z, int offset, int k, double[] out, int outOffset) {
        double lse = logSumExp(z, offset, k);
        for (int c = 0; c < k; c++) {
            out[outOffset + c] = Math.exp(z[offset + c] - lse);
        }
    }
}
