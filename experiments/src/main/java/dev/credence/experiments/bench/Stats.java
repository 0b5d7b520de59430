package dev.credence.experiments.bench;

import java.util.Arrays;

/** Small statistics for repeated timings. */
final class Stats {
    private Stats() {
    }

    /** @return the median (mean of the two middle values for an even count) */
    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** @return v rounded to 4 significant digits, for readable JSON */
    static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue();
    }
}
