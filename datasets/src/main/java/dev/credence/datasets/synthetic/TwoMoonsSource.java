package dev.credence.datasets.synthetic;

import dev.credence.core.data.DenseData;
import dev.credence.core.random.Rng;
import dev.credence.datasets.DatasetSource;
import org.ejml.data.FMatrixRMaj;

import java.util.Arrays;
import java.util.List;

/**
 * Two interleaving half circles in 2-D, like scikit-learn's {@code make_moons}: class 0 ({@code upper}) at
 * {@code (cos t, sin t)}, class 1 ({@code lower}) at {@code (1 - cos t, 0.5 - sin t)}, with t evenly spaced
 * over [0, π] per class, plus isotropic Gaussian noise. Rows are class 0 then class 1; only the noise
 * depends on the seed.
 */
public final class TwoMoonsSource implements DatasetSource {
    /** Registry name. */
    public static final String NAME = "two-moons";
    /** Class names, index = class id. */
    public static final List<String> CLASS_NAMES = List.of("upper", "lower");

    private final int[] counts;
    private final double noise;

    /**
     * @param classCounts examples of class 0 (upper) and class 1 (lower), each >= 1, e.g. {@code {500, 50}}
     * @param noise       standard deviation of the Gaussian noise, >= 0
     * @throws dev.credence.core.CredenceInputException on bad parameters (names the field)
     */
    public TwoMoonsSource(int[] classCounts, double noise) {
        this.counts = SyntheticChecks.counts(NAME, classCounts, 2, 2);
        this.noise = SyntheticChecks.nonNegative(NAME, "noise", noise);
    }

    /** @return the default: 500 + 500 examples, noise 0.1 */
    public static TwoMoonsSource defaults() {
        return new TwoMoonsSource(new int[] {500, 500}, 0.1);
    }

    /** @return a copy of the per-class counts */
    public int[] classCounts() {
        return counts.clone();
    }

    /** @return the noise standard deviation */
    public double noise() {
        return noise;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "two moons (2-D), counts " + Arrays.toString(counts) + ", noise " + SyntheticChecks.fmt(noise);
    }

    @Override
    public DenseData load(long seed) {
        Rng rng = new Rng(seed);
        int n = counts[0] + counts[1];
        FMatrixRMaj x = new FMatrixRMaj(n, 2);
        int[] y = new int[n];
        int row = 0;
        for (int c = 0; c < 2; c++) {
            int m = counts[c];
            for (int i = 0; i < m; i++, row++) {
                double t = m == 1 ? 0.0 : Math.PI * i / (m - 1);
                double px = c == 0 ? Math.cos(t) : 1.0 - Math.cos(t);
                double py = c == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
                x.data[2 * row] = (float) (px + noise * rng.nextGaussian());
                x.data[2 * row + 1] = (float) (py + noise * rng.nextGaussian());
                y[row] = c;
            }
        }
        return new DenseData(x, y, CLASS_NAMES, List.of("x0", "x1"));
    }

    @Override
    public String toString() {
        return description();
    }
}
