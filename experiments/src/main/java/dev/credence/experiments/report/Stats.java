package dev.credence.experiments.report;

/**
 * Statistics over seeds: mean, sample standard deviation (n &minus; 1) and the 95% Student-t interval
 * mean &plusmn; t_{0.975, n&minus;1}&middot;s/&radic;n (t from a table for 1..30 degrees of freedom, 1.96 beyond);
 * the two-sided p-value of the one-sample t-test of mean 0 (from the regularized incomplete beta function), and
 * Holm's step-down adjustment of a family of p-values.
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

        /**
         * @param min the smallest value the quantity can take
         * @param max the largest
         * @return this summary with its interval's ends clipped to [min, max] (the mean and std unchanged)
         */
        Summary clip(double min, double max) {
            return hasInterval() ? new Summary(n, mean, std, Math.max(min, Math.min(max, low)),
                    Math.max(min, Math.min(max, high))) : this;
        }

        /**
         * @return the two-sided p-value of the t-test of mean 0 with n &minus; 1 degrees of freedom; NaN for
         *     n &lt; 2; 1 when every value is 0 and 0 when they are equal and not 0 (std 0)
         */
        double p() {
            if (!hasInterval()) {
                return Double.NaN;
            }
            if (std == 0) {
                return mean == 0 ? 1.0 : 0.0;
            }
            return tTwoSidedP(mean / (std / Math.sqrt(n)), n - 1);
        }
    }

    /**
     * @param t   a t statistic
     * @param dof degrees of freedom &ge; 1
     * @return P(|T| &ge; |t|) for Student's t with {@code dof} degrees of freedom
     */
    static double tTwoSidedP(double t, int dof) {
        if (dof < 1) {
            throw new IllegalArgumentException("dof must be >= 1, got " + dof);
        }
        if (Double.isInfinite(t)) {
            return 0.0;
        }
        return regularizedBeta(dof / (dof + t * t), dof / 2.0, 0.5);
    }

    /**
     * Holm's step-down adjustment: with the m p-values sorted ascending, the i-th (from 1) becomes
     * max over j &le; i of min(1, (m &minus; j + 1)&middot;p_(j)). Rejecting where the adjusted value is below
     * &alpha; controls the family-wise error rate at &alpha;.
     *
     * @param p p-values in [0, 1]
     * @return the adjusted p-values, in the order of {@code p}
     */
    static double[] holm(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        double[] out = new double[m];
        double running = 0;
        for (int i = 0; i < m; i++) {
            running = Math.max(running, Math.min(1.0, (m - i) * p[order[i]]));
            out[order[i]] = running;
        }
        return out;
    }

    /** @return I_x(a, b), by the continued fraction of Numerical Recipes (Lentz's method), for 0 &le; x &le; 1 */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0.0;
        }
        if (x >= 1) {
            return 1.0;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * betaFraction(x, a, b) / a;
        }
        return 1.0 - front * betaFraction(1 - x, b, a) / b;
    }

    private static double betaFraction(double x, double a, double b) {
        final double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 300; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-15) {
                break;
            }
        }
        return h;
    }

    /** @return ln &Gamma;(x) for x &gt; 0 (Lanczos, g = 7, n = 9; relative error below 1e-14) */
    static double logGamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double sum = c[0];
        for (int i = 1; i < 9; i++) {
            sum += c[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
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
