package dev.credence.experiments.metrics;

import dev.credence.core.data.DenseData;
import dev.credence.core.spi.Predictive;
import dev.credence.core.spi.PredictiveSamples;
import org.ejml.data.FMatrixRMaj;

import java.util.List;

/**
 * The predictive uncertainty of a 2-D classifier over the plane, for the report's uncertainty maps. The grid
 * spans the training data's bounding box (standardized coordinates, as the model sees them) widened by
 * {@value #MARGIN} of its range on each side, with R&times;R points x_c = lo_x + c&middot;(hi_x &minus; lo_x)/(R &minus; 1),
 * y_r likewise. At each point the predictive is sampled S times; the predictive entropy is H(mean_s p^(s)) and
 * the mutual information H(mean_s p^(s)) &minus; mean_s H(p^(s)), clamped at 0 against rounding (0 when S = 1).
 *
 * <p>A result records the {@link Grid} as <pre>{@code
 * {"resolution": R, "samples": S, "features": [name_x, name_y], "max_entropy": ln K,
 *  "x": [R], "y": [R],                      grid coordinates
 *  "entropy": [[R values for y_0], ... R rows],  row r = y_r, column c = x_c
 *  "mutual_information": [[...], ...],      same layout
 *  "points": {"x": [..], "y": [..], "label": [..]}, "points_total": N}   (at most 500 training points)
 * }</pre>
 * Values are rounded to 1e&minus;5 and coordinates to 1e&minus;4, to keep the result file small.
 */
public final class UncertaintyGrid {

    /** Grid points per axis. */
    public static final int DEFAULT_RESOLUTION = 60;
    /** At most this many training points are stored. */
    public static final int MAX_POINTS = 500;
    /** Margin on each side, as a fraction of the data range. */
    public static final double MARGIN = 0.1;

    private UncertaintyGrid() {
    }

    /**
     * The grid of one predictive.
     *
     * @param resolution        R
     * @param samples           S the predictive returned
     * @param features          the two feature names
     * @param maxEntropy        ln K
     * @param x                 the R grid coordinates along the first feature
     * @param y                 the R grid coordinates along the second
     * @param entropy           R rows (y_r) of R values (x_c): the predictive entropy
     * @param mutualInformation same layout: the mutual information
     * @param pointX            first coordinate of the stored training points
     * @param pointY            second coordinate of the stored training points
     * @param pointLabel        their labels
     * @param pointsTotal       N, the training points there are
     */
    public record Grid(int resolution, int samples, List<String> features, double maxEntropy, double[] x, double[] y,
                       double[][] entropy, double[][] mutualInformation, double[] pointX, double[] pointY,
                       int[] pointLabel, int pointsTotal) {
        /** Copies the names. */
        public Grid {
            features = List.copyOf(features);
        }
    }

    /**
     * @param train training data
     * @return whether the grid applies: exactly two features and at least one example
     */
    public static boolean applies(DenseData train) {
        return train.numFeatures() == 2 && train.size() > 0;
    }

    /**
     * @param predictive the fitted predictive
     * @param train      the (standardized) training data, 2 features
     * @param samples    S for the predictive
     * @return the grid with the default resolution and point cap
     */
    public static Grid compute(Predictive predictive, DenseData train, int samples) {
        return compute(predictive, train, samples, DEFAULT_RESOLUTION, MAX_POINTS);
    }

    /**
     * @param predictive the fitted predictive
     * @param train      the (standardized) training data, 2 features
     * @param samples    S for the predictive
     * @param resolution R &ge; 2 points per axis
     * @param maxPoints  cap on the training points stored (evenly strided subsample)
     * @return the grid
     */
    public static Grid compute(Predictive predictive, DenseData train, int samples, int resolution, int maxPoints) {
        if (!applies(train)) {
            throw new IllegalArgumentException("the uncertainty grid needs 2-D training data, got "
                    + train.numFeatures() + " features and " + train.size() + " examples");
        }
        if (resolution < 2 || maxPoints < 0) {
            throw new IllegalArgumentException("need resolution >= 2 and maxPoints >= 0");
        }
        double[] xs = axis(train, 0, resolution);
        double[] ys = axis(train, 1, resolution);
        int n = resolution * resolution;
        FMatrixRMaj grid = new FMatrixRMaj(n, 2);
        for (int r = 0; r < resolution; r++) {
            for (int c = 0; c < resolution; c++) {
                grid.data[2 * (r * resolution + c)] = (float) xs[c];
                grid.data[2 * (r * resolution + c) + 1] = (float) ys[r];
            }
        }
        PredictiveSamples s = predictive.sample(grid, samples);
        int k = s.k();
        double[][] mean = s.meanProbabilities();
        double[] expected = new double[n];
        double[] row = new double[k];
        for (float[] sample : s.probs()) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    row[c] = sample[i * k + c];
                }
                expected[i] += UncertaintyMetrics.entropy(row);
            }
        }
        double[] gx = new double[resolution];
        double[] gy = new double[resolution];
        for (int i = 0; i < resolution; i++) {
            gx[i] = round(xs[i], 1e4);
            gy[i] = round(ys[i], 1e4);
        }
        double[][] entropy = new double[resolution][resolution];
        double[][] mi = new double[resolution][resolution];
        for (int r = 0; r < resolution; r++) {
            for (int c = 0; c < resolution; c++) {
                int i = r * resolution + c;
                double h = UncertaintyMetrics.entropy(mean[i]);
                entropy[r][c] = round(h, 1e5);
                mi[r][c] = round(Math.max(0.0, h - expected[i] / s.sampleCount()), 1e5);
            }
        }
        int total = train.size();
        int keep = Math.min(total, maxPoints);
        double[] px = new double[keep];
        double[] py = new double[keep];
        int[] pl = new int[keep];
        for (int j = 0; j < keep; j++) {
            int i = (int) ((long) j * total / keep);
            px[j] = round(train.x().data[2 * i], 1e4);
            py[j] = round(train.x().data[2 * i + 1], 1e4);
            pl[j] = train.y()[i];
        }
        return new Grid(resolution, s.sampleCount(), train.featureNames(), Math.log(k), gx, gy, entropy, mi, px, py, pl,
                total);
    }

    private static double[] axis(DenseData train, int feature, int resolution) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        float[] d = train.x().data;
        for (int i = 0; i < train.size(); i++) {
            double v = d[2 * i + feature];
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double range = hi - lo;
        if (!(range > 0)) {
            range = 2.0;
            lo -= 1.0;
            hi += 1.0;
        }
        lo -= MARGIN * range;
        hi += MARGIN * range;
        double[] out = new double[resolution];
        for (int i = 0; i < resolution; i++) {
            out[i] = lo + i * (hi - lo) / (resolution - 1);
        }
        return out;
    }

    private static double round(double v, double scale) {
        double r = Math.round(v * scale) / scale;
        return r == 0.0 ? 0.0 : r;
    }
}
