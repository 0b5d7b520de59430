package dev.credence.core.engine;

/** Double-precision references for tests: softplus and sigmoid without overflow, log-sum-exp of a row. */
public final class Numerics {
    private Numerics() {
    }

    /** @return ln(1 + e^x) without overflow for large |x| */
    public static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** @return 1 / (1 + e^−x) without overflow */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /**
     * @param a      values
     * @param offset first index
     * @param length count
     * @return ln Σ exp(a_i), shifted by the maximum so no exp overflows
     */
    public static double logSumExp(float[] a, int offset, int length) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = offset; i < offset + length; i++) {
            max = Math.max(max, a[i]);
        }
        if (Double.isInfinite(max)) {
            return max;
        }
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += Math.exp(a[i] - max);
        }
        return max + Math.log(sum);
    }
}
