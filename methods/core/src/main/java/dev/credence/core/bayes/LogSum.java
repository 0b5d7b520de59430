package dev.credence.core.bayes;

/**
 * Sums over many floats without a logarithm per entry. {@link #of} multiplies four entries at a time in double
 * (the product of two floats is exact) into one of two running products whose binary exponents are then moved
 * into an integer, so the products stay in [1, 2) and never under- or overflow; one {@link Math#log} at the end. The
 * relative rounding error of the product is about n·2⁻⁵³ (n = 10⁶: 10⁻¹⁰ absolute in the sum), far below the
 * error of the float inputs.
 */
final class LogSum {
    private static final long EXPONENT_MASK = 0x7ff0_0000_0000_0000L;
    private static final long ONE_EXPONENT = 1023L << 52;

    private LogSum() {
    }

    /**
     * @param x    values
     * @param from first index
     * @param to   end index (exclusive)
     * @return Σ ln x_j over from..to-1 (−∞ if an entry is 0, NaN if one is negative or NaN)
     */
    static double of(float[] x, int from, int to) {
        // two independent running products (entries j..j+3 and j+4..j+7), so neither waits on the other
        long exponents = 0;
        double p = 1;
        double q = 1;
        boolean special = false;
        int signs = 0;
        int j = from;
        for (int end = to - 7; j < end; j += 8) {
            for (int k = j; k < j + 8; k++) {
                signs |= Float.floatToRawIntBits(x[k]);
            }
            p *= ((double) x[j] * x[j + 1]) * ((double) x[j + 2] * x[j + 3]);
            q *= ((double) x[j + 4] * x[j + 5]) * ((double) x[j + 6] * x[j + 7]);
            long pb = Double.doubleToRawLongBits(p);
            long qb = Double.doubleToRawLongBits(q);
            long pe = pb & EXPONENT_MASK;
            long qe = qb & EXPONENT_MASK;
            special |= pe == 0 || pe == EXPONENT_MASK || qe == 0 || qe == EXPONENT_MASK;
            exponents += (pe >>> 52) + (qe >>> 52) - 2046;
            p = Double.longBitsToDouble((pb & ~EXPONENT_MASK) | ONE_EXPONENT);
            q = Double.longBitsToDouble((qb & ~EXPONENT_MASK) | ONE_EXPONENT);
        }
        double product = p * q; // both in [1, 2)
        for (; j < to; j++) {
            signs |= Float.floatToRawIntBits(x[j]);
            product *= x[j];
        }
        if (special || signs < 0 || !(product > 0)) {
            return slow(x, from, to);
        }
        return exponents * Math.log(2) + Math.log(product);
    }

    /** The plain sum, for the rare inputs with a zero, a negative entry or a NaN. */
    private static double slow(float[] x, int from, int to) {
        double sum = 0;
        for (int j = from; j < to; j++) {
            sum += Math.log(x[j]);
        }
        return sum;
    }

    /**
     * @param a    first values
     * @param b    second values
     * @param from first index
     * @param to   end index (exclusive)
     * @return Σ a_j² + b_j² in double over from..to-1 (four partial sums, so not bound by the latency of one)
     */
    static double squares(float[] a, float[] b, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = from;
        for (int end = to - 3; j < end; j += 4) {
            s0 += (double) a[j] * a[j] + (double) b[j] * b[j];
            s1 += (double) a[j + 1] * a[j + 1] + (double) b[j + 1] * b[j + 1];
            s2 += (double) a[j + 2] * a[j + 2] + (double) b[j + 2] * b[j + 2];
            s3 += (double) a[j + 3] * a[j + 3] + (double) b[j + 3] * b[j + 3];
        }
        for (; j < to; j++) {
            s0 += (double) a[j] * a[j] + (double) b[j] * b[j];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
