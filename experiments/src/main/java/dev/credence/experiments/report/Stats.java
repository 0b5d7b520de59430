package dev.credence.experiments.report;

/**
 * Statistics over seeds: mean, sample standard deviation (n &minus; 1) and the 95% Student-t interval
 * mean &plusmn; t_{0.975, n&minus;1}&middot;s/&radic;n (t from a table for 1..30 degrees of freedom, 1.96 beyond).
 */
final class Stats {
    /** t_{0.975, dof} for dof = 1..30. */
    private static final double[] T975 = {12.7062047, 4.3026527, 3.1824463, 2.7764451, 2.5705818, 2.4469119,
        2.3646243, 2.3060041, 2.2621572, 2.2281389, 2.2009852, 2.1788128, 2.1603687, 2.1447867, 2.1314495,
        2.1199053, 2.1098156, 2.1009220, 2.0930241, 2.0859634, 2.0796138, 2.0738731, 2.0686576, 2.0638986,
        2.0595386, 2.0555294, 2.0518305, 2.0484071, 2.0452296, 2.0422725};

    private Stats() {
    }

    /**
     * Summary of n values.
     *
     * @param n    number of values
     * @param mean mean
     * @param std  sample std (0 for n = 1)
     * @param low  lower end of the 95% interval (NaN for n = 1)
     * @param high upper end (NaN for n = 1)
     */
    record Summary(int n, double mean, double std, double low, double high) {
        boolean hasInterval() {
            return n >= 2;
        }

        /** @return whether the interval lies entirely above or below 0 */
        boolean excludesZero() {
            return hasInterval() && (low > 0 || high < 0);
        }
    }

    /**
     * @param dof degrees of freedom &ge; 1
     * @return the 0.975 quantile of Student's t
     */
    static double t975(int dof) {
        if (dof < 1) {
            throw new IllegalArgumentException("dof must be >= 1, got " + dof);
        }
        return dof <= T975.length ? T975[dof - 1] : 1.959963984540054;
    }

    /**
     * @param v values (finite)
     * @return the summary, or null for no values
     */
    static Summary summarize(double[] v) {
        int n = v.length;
        if (n == 0) {
            return null;
        }
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= n;
        if (n == 1) {
            return new Summary(1, mean, 0.0, Double.NaN, Double.NaN);
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double std = Math.sqrt(ss / (n - 1));
        double half = t975(n - 1) * std / Math.sqrt(n);
        return new Summary(n, mean, std, mean - half, mean + half);
    }
}
