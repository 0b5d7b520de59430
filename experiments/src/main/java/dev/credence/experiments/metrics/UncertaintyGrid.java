package dev.credence.experiments.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.credence.core.data.DenseData;
import dev.credence.core.spi.Predictive;
import dev.credence.core.spi.PredictiveSamples;
import org.ejml.data.FMatrixRMaj;

/**
 * The predictive uncertainty of a 2-D classifier over the plane, for the report's uncertainty maps. The grid
 * spans the training data's bounding box (standardized coordinates, as the model sees them) widened by
 * {@value #MARGIN} of its range on each side, with R&times;R points x_c = lo_x + c&middot;(hi_x &minus; lo_x)/(R &minus; 1),
 * y_r likewise. At each point the predictive is sampled S times; the predictive entropy is H(mean_s p^(s)) and
 * the mutual information H(mean_s p^(s)) &minus; mean_s H(p^(s)), clamped at 0 against rounding (0 when S = 1).
 *
 * <p>JSON ({@link #toJson}): <pre>{@code
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
     * @return the grid JSON with the default resolution and point cap
     */
    public static ObjectNode toJson(Predictive predictive, DenseData train, int samples) {
        return toJson(predictive, train, samples, DEFAULT_RESOLUTION, MAX_POINTS);
    }

    /**
     * @param predictive the fitted predictive
     * @param train      the (standardized) training data, 2 features
     * @param samples    S for the predictive
     * @param resolution R &ge; 2 points per axis
     * @param maxPoints  cap on the training points stored (evenly strided subsample)
     * @return the grid JSON
     */
    public static ObjectNode toJson(Predictive predictive, DenseData train, int samples, int resolution, int maxPoints) {
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
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("resolution", resolution);
        o.put("samples", s.sampleCount());
        ArrayNode features = o.putArray("features");
        train.featureNames().forEach(features::add);
        o.put("max_entropy", Math.log(k));
        ArrayNode xa = o.putArray("x");
        ArrayNode ya = o.putArray("y");
        for (int i = 0; i < resolution; i++) {
            xa.add(round(xs[i], 1e4));
            ya.add(round(ys[i], 1e4));
        }
        ArrayNode entropy = o.putArray("entropy");
        ArrayNode mi = o.putArray("mutual_information");
        for (int r = 0; r < resolution; r++) {
            ArrayNode er = entropy.addArray();
            ArrayNode mr = mi.addArray();
            for (int c = 0; c < resolution; c++) {
                int i = r * resolution + c;
                double h = UncertaintyMetrics.entropy(mean[i]);
                er.add(round(h, 1e5));
                mr.add(round(Math.max(0.0, h - expected[i] / s.sampleCount()), 1e5));
            }
        }
        ObjectNode points = o.putObject("points");
        ArrayNode px = points.putArray("x");
        ArrayNode py = points.putArray("y");
        ArrayNode pl = points.putArray("label");
        int total = train.size();
        int keep = Math.min(total, maxPoints);
        for (int j = 0; j < keep; j++) {
            int i = (int) ((long) j * total / keep);
            px.add(round(train.x().data[2 * i], 1e4));
            py.add(round(train.x().data[2 * i + 1], 1e4));
            pl.add(train.y()[i]);
        }
        o.put("points_total", total);
        return o;
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
