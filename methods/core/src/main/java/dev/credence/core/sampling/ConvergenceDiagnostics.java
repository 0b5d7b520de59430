package dev.credence.core.sampling;

/**
 * Convergence diagnostics of a scalar traced over several chains (Gelman et al., Bayesian Data Analysis, 3rd ed.,
 * §11.4–11.5): each chain of n draws is split into halves of ⌊n/2⌋ (the middle draw of an odd n left out), giving
 * m = 2C sequences of n' draws; W is the mean within-sequence variance, B/n' the variance of the sequence means, and
 * var⁺ = (n' − 1)/n'·W + B/n'.
 */
public final class ConvergenceDiagnostics {
    private ConvergenceDiagnostics() {
    }

    /**
     * @param chains C ≥ 1 traces of the same length n ≥ 4
     * @return split R̂ = √(var⁺/W); NaN when W = 0 (every sequence constant)
     */
    public static double splitRhat(double[][] chains) {
        double[][] s = split(chains);
        double w = within(s);
        return w > 0 ? Math.sqrt(varPlus(s, w) / w) : Double.NaN;
    }

    /**
     * The effective sample size m·n'/τ with τ = 1 + 2Σ ρ̂_t, ρ̂_t = 1 − (W − mean autocovariance at lag t)/var⁺, summed
     * by Geyer's initial monotone sequence (pairs ρ̂_{2k} + ρ̂_{2k+1} summed while positive, each no larger than the
     * one before).
     *
     * @param chains C ≥ 1 traces of the same length n ≥ 4
     * @return the effective sample size; NaN when W = 0
     */
    public static double effectiveSampleSize(double[][] chains) {
        double[][] s = split(chains);
        double w = within(s);
        if (!(w > 0)) {
            return Double.NaN;
        }
        double v = varPlus(s, w);
        int m = s.length;
        int n = s[0].length;
        double[] means = new double[m];
        for (int j = 0; j < m; j++) {
            means[j] = mean(s[j]);
        }
        double sum = 0;
        double previousPair = Double.POSITIVE_INFINITY;
        for (int t = 0; t + 1 < n; t += 2) {
            double pair = rho(s, means, t, v, w) + rho(s, means, t + 1, v, w);
            if (!(pair > 0)) {
                break;
            }
            pair = Math.min(pair, previousPair);
            previousPair = pair;
            sum += pair;
        }
        double tau = -1 + 2 * sum;
        return m * (double) n / tau;
    }

    private static double rho(double[][] s, double[] means, int lag, double varPlus, double w) {
        int n = s[0].length;
        double gamma = 0;
        for (int j = 0; j < s.length; j++) {
            double c = 0;
            for (int i = 0; i + lag < n; i++) {
                c += (s[j][i] - means[j]) * (s[j][i + lag] - means[j]);
            }
            gamma += c / n;
        }
        gamma /= s.length;
        // the lag-0 autocovariance above divides by n, W by n − 1: scale so that ρ̂_0 = 1 − (W − W)/var⁺ = 1
        gamma *= n / (n - 1.0);
        return 1 - (w - gamma) / varPlus;
    }

    private static double[][] split(double[][] chains) {
        if (chains.length < 1) {
            throw new IllegalArgumentException("need at least one chain");
        }
        int n = chains[0].length;
        if (n < 4) {
            throw new IllegalArgumentException("need at least 4 draws per chain, got " + n);
        }
        int half = n / 2;
        double[][] out = new double[2 * chains.length][];
        for (int c = 0; c < chains.length; c++) {
            if (chains[c].length != n) {
                throw new IllegalArgumentException("chains of different lengths: " + n + " and " + chains[c].length);
            }
            out[2 * c] = java.util.Arrays.copyOfRange(chains[c], 0, half);
            out[2 * c + 1] = java.util.Arrays.copyOfRange(chains[c], n - half, n);
        }
        return out;
    }

    private static double mean(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s / a.length;
    }

    private static double variance(double[] a) {
        double m = mean(a);
        double s = 0;
        for (double v : a) {
            s += (v - m) * (v - m);
        }
        return s / (a.length - 1);
    }

    private static double within(double[][] s) {
        double w = 0;
        for (double[] a : s) {
            w += variance(a);
        }
        return w / s.length;
    }

    private static double varPlus(double[][] s, double w) {
        int n = s[0].length;
        double[] means = new double[s.length];
        for (int j = 0; j < s.length; j++) {
            means[j] = mean(s[j]);
        }
        double b = n * variance(means);
        return (n - 1.0) / n * w + b / n;
    }
}
