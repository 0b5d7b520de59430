package dev.credence.methods.laplace;

/**
 * Prior precisions evenly spaced in log10 λ, both ends included.
 *
 * @param minLog10 log10 of the smallest λ
 * @param maxLog10 log10 of the largest λ
 * @param points   number of values, ≥ 2
 */
public record LogGrid(double minLog10, double maxLog10, int points) {
    /** 100 values from 10⁻⁴ to 10⁴: the default grid search of the Laplace library of Daxberger et al. 2021. */
    public static final LogGrid DEFAULT = new LogGrid(-4, 4, 100);

    /** Checks the range. */
    public LogGrid {
        if (points < 2 || !(maxLog10 > minLog10) || Double.isInfinite(minLog10) || Double.isInfinite(maxLog10)) {
            throw new IllegalArgumentException("grid needs ≥ 2 points on a finite, increasing range, got "
                    + points + " on [" + minLog10 + ", " + maxLog10 + "]");
        }
    }

    /** @return the λ values, ascending */
    public double[] values() {
        double[] v = new double[points];
        for (int i = 0; i < points; i++) {
            v[i] = Math.pow(10, minLog10 + (maxLog10 - minLog10) * i / (points - 1));
        }
        return v;
    }
}
