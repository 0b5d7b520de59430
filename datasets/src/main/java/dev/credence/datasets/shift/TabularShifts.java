package dev.credence.datasets.shift;

import dev.credence.core.random.Rng;

/**
 * The tabular shifts of PROTOCOL.md on a row-major feature table, in units of the training part's per-feature
 * mean μ_j and population standard deviation σ_j (0 for a constant feature, which both shifts leave unchanged):
 * on standardized data these are 0 and 1, so the shifts act on standardized features.
 * <ul>
 *   <li>{@link Shift#feature_noise}: x_ij + s·σ_j·ε_ij, ε_ij ~ N(0, 1) drawn in row-major order, s per severity
 *       {@link #NOISE};</li>
 *   <li>{@link Shift#feature_scaling}: μ_j + a_j·(x_ij − μ_j), a_j = exp(s·ε_j), ε_j ~ N(0, 1) drawn once per
 *       feature in column order (the same a_j for every row), s per severity {@link #SCALING}.</li>
 * </ul>
 */
public final class TabularShifts {
    static final double[] NOISE = {0.1, 0.25, 0.5, 1.0, 2.0};
    static final double[] SCALING = {0.1, 0.25, 0.5, 0.75, 1.0};

    private TabularShifts() {
    }

    /**
     * @param shift    a tabular shift
     * @param severity 1–5
     * @param x        n × d features, row-major (not changed)
     * @param d        features per row
     * @param mean     the training part's means
     * @param std      the training part's standard deviations
     * @param rng      the stream of the draws
     * @return the shifted features
     */
    public static float[] apply(Shift shift, int severity, float[] x, int d, double[] mean, double[] std, Rng rng) {
        if (severity < Shift.MIN_SEVERITY || severity > Shift.MAX_SEVERITY) {
            throw new IllegalArgumentException("severity " + severity + " outside 1-5");
        }
        float[] out = new float[x.length];
        int n = x.length / d;
        switch (shift) {
            case feature_noise -> {
                double s = NOISE[severity - 1];
                for (int i = 0; i < n * d; i++) {
                    out[i] = (float) (x[i] + s * std[i % d] * rng.nextGaussian());
                }
            }
            case feature_scaling -> {
                double s = SCALING[severity - 1];
                double[] a = new double[d];
                for (int j = 0; j < d; j++) {
                    a[j] = Math.exp(s * rng.nextGaussian());
                }
                for (int i = 0; i < n * d; i++) {
                    int j = i % d;
                    out[i] = (float) (mean[j] + a[j] * (x[i] - mean[j]));
                }
            }
            default -> throw new IllegalArgumentException(shift + " is not a tabular shift");
        }
        return out;
    }

    /**
     * @param x row-major n × d table
     * @param d features per row
     * @return {mean, population standard deviation} per feature, in double
     */
    public static double[][] moments(float[] x, int d) {
        int n = x.length / d;
        double[] mean = new double[d];
        for (int i = 0; i < n * d; i++) {
            mean[i % d] += x[i];
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= Math.max(1, n);
        }
        double[] ss = new double[d];
        for (int i = 0; i < n * d; i++) {
            double r = x[i] - mean[i % d];
            ss[i % d] += r * r;
        }
        double[] std = new double[d];
        for (int j = 0; j < d; j++) {
            std[j] = Math.sqrt(ss[j] / Math.max(1, n));
        }
        return new double[][]{mean, std};
    }
}
