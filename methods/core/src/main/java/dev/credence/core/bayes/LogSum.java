package dev.credence.core.bayes;

/**
 * Σ ln x_j over many positive floats without a logarithm per entry: the x_j are multiplied in double, and every
 * four factors the binary exponent of the running product is moved into an integer, so the product stays in
 * [1, 2)·(at most four floats) and never under- or overflows. One {@link Math#log} at the end. The relative
 * rounding error of the product is about n·2⁻⁵³ (n = 10⁶: 10⁻¹⁰ absolute in the sum), far below the error of
 * the float inputs.
 */
final class LogSum {
    private static final long EXPONENT_MASK = 0x7ff0_0000_0000_0000L;
    private static final long ONE_EXPONENT = 1023L << 52;

    private LogSum() {
    }

    /**
     * @param x    values (entries equal to 0 make the sum −∞)
     * @param skip entries to leave out, or null
     * @param n    number of entries
     * @return Σ_{j &lt; n, not skipped} ln x_j
     */
    static double of(float[] x, boolean[] skip, int n) {
        long exponents = 0;
        double product = 1;
        float min = Float.POSITIVE_INFINITY;
        int j = 0;
        while (j < n) {
            for (int end = Math.min(n, j + 4); j < end; j++) {
                if (skip == null || !skip[j]) {
                    product *= x[j];
                    min = Math.min(min, x[j]);
                }
            }
            long bits = Double.doubleToRawLongBits(product);
            exponents += ((bits & EXPONENT_MASK) >>> 52) - 1023;
            product = Double.longBitsToDouble((bits & ~EXPONENT_MASK) | ONE_EXPONENT);
        }
        if (!(min > 0)) {
            return min == 0 ? Double.NEGATIVE_INFINITY : Double.NaN;
        }
        return exponents * Math.log(2) + Math.log(product);
    }
}
